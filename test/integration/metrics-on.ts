/** Imported first by logs.test.ts: EMF metrics on (test/support/env.ts turns them off) before any function module loads. */
process.env.POWERTOOLS_METRICS_DISABLED = 'false';
