/**
 * The local API: serverless.yml's HTTP handlers served in this one Node process, with the provider
 * environment the `local` stage resolves to and its function timeout, and its scheduled jobs run on
 * their schedules (`TONGKA_SCHEDULES=off`: not). `npm start`, the browser suite and `npm run load`
 * run it as a process of its own.
 *
 * Why not serverless-offline (README § Run it): it bundles all ~60 functions with esbuild before it
 * answers — two to three minutes on 2 cores, longer on a busy machine, which is where the browser
 * suite's stack timed out — while this loads the TypeScript handlers directly (tsx) in seconds.
 * Every handler is loaded before the port opens, so no request pays a cold start. The code that
 * deploys is the same: routes and environment come from serverless.yml, and `npm run package`
 * checks the bundles. `npm run offline` still runs serverless-offline for anyone who wants its view.
 */
import { functionTimeoutSeconds, providerEnvironment } from './serverless-config';

async function main(): Promise<void> {
  const stage = 'local';
  // Before any handler module loads: they read their configuration when imported.
  Object.assign(process.env, providerEnvironment(stage));
  const { startHttpApi } = await import('./http-api');
  const started = Date.now();
  const port = Number(process.env.API_PORT ?? 3000);
  const api = await startHttpApi(port, process.env.API_HOST ?? '127.0.0.1', { timeoutMs: functionTimeoutSeconds(stage) * 1000, warm: true });
  console.log(`API ready on ${api.url} (every handler loaded in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  // The scheduled jobs too, as EventBridge runs them — except where a test runs them itself.
  const jobs = process.env.TONGKA_SCHEDULES === 'off' ? undefined : (await import('./job-scheduler')).startJobScheduler(functionTimeoutSeconds(stage));
  // The checkouts' dashboard counters, applied every ~500 ms whatever TONGKA_SCHEDULES says: in AWS
  // the table's stream does it within a second of a checkout, and the dashboards (and the browser
  // suite reading them) expect that, not a job a test runs (README § Dashboards, Checkouts at once).
  const counters = startStatsApplier();
  const stop = () => {
    counters.stop();
    jobs?.stop();
    void api.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** Runs the applier of the bills' recorded counter adds every `everyMs`, one run at a time. */
function startStatsApplier(everyMs = 500): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async () => {
    const { applyPendingStats } = await import('../../functions/domain/pending-stats');
    try {
      await applyPendingStats();
    } catch (error) {
      console.log(`[stats] applying the counters failed (${error instanceof Error ? error.message : String(error)}); trying again`);
    }
    if (stopped) return;
    timer = setTimeout(() => void run(), everyMs);
    timer.unref();
  };
  timer = setTimeout(() => void run(), everyMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
