/**
 * The local API (infra/local/api-server.ts) runs the handlers with serverless.yml's own provider
 * environment and timeout, resolved for the stage, not with a hand-kept copy of them.
 */
import { functionDefinitions, functionTimeoutSeconds, providerEnvironment } from '../../infra/local/serverless-config';
import { nextRun } from '../../infra/local/schedules';

describe('the local API gets the environment serverless.yml declares', () => {
  it('resolves every variable of the local stage, params over defaults, env over fallbacks', () => {
    const env = providerEnvironment('local', { WECHAT_API_BASE: 'http://127.0.0.1:9999' });
    for (const [name, value] of Object.entries(env)) expect(`${name}=${value}`).not.toContain('${');
    expect(env).toMatchObject({
      STAGE: 'local',
      TABLE_NAME: 'tongka-local',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      WECHAT_API_BASE: 'http://127.0.0.1:9999',
      TONGKA_KMS_KEY_ID: '',
      POWERTOOLS_TRACE_ENABLED: 'false',
    });
  });

  it('resolves a deployed stage the same way', () => {
    const env = providerEnvironment('prod', {});
    expect(env).toMatchObject({
      STAGE: 'prod',
      TABLE_NAME: 'tongka-prod',
      TONGKA_KMS_KEY_ID: 'alias/tongka-prod-fields',
      DYNAMODB_ENDPOINT: '',
      POWERTOOLS_TRACE_ENABLED: 'true',
    });
  });

  it('gives functions 30 s locally (one process on a laptop) and 10 s in AWS', () => {
    expect(functionTimeoutSeconds('local')).toBe(30);
    expect(functionTimeoutSeconds('prod')).toBe(10);
  });
});

describe('the local API runs the scheduled jobs on their schedules', () => {
  const at = (iso: string) => new Date(iso);

  it('reads rate() and AWS cron (UTC, day of week from 1 = Sunday)', () => {
    expect(nextRun('rate(5 minutes)', at('2026-11-30T04:00:00Z')).toISOString()).toBe('2026-11-30T04:05:00.000Z');
    expect(nextRun('rate(1 hour)', at('2026-11-30T04:00:00Z')).toISOString()).toBe('2026-11-30T05:00:00.000Z');
    // 01:00 UTC = 09:00 Shanghai: the daily jobs.
    expect(nextRun('cron(0 1 * * ? *)', at('2026-11-30T00:59:30Z')).toISOString()).toBe('2026-11-30T01:00:00.000Z');
    expect(nextRun('cron(0 1 * * ? *)', at('2026-11-30T01:00:00Z')).toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(nextRun('cron(30 2 ? * MON *)', at('2026-11-30T03:00:00Z')).toISOString()).toBe('2026-12-07T02:30:00.000Z'); // 11-30 is a Monday
    expect(nextRun('cron(0/15 * * * ? *)', at('2026-11-30T04:07:00Z')).toISOString()).toBe('2026-11-30T04:15:00.000Z');
  });

  it('refuses an expression it cannot read rather than never running the job', () => {
    expect(() => nextRun('every 5 minutes', new Date())).toThrow(/cannot read/);
    expect(() => nextRun('cron(61 * * * ? *)', new Date())).toThrow(/not in 0–59/);
  });

  it('can read every schedule serverless.yml declares, with its own timeout', () => {
    const jobs = functionDefinitions().filter((fn) => fn.schedules.length > 0);
    expect(jobs.length).toBeGreaterThanOrEqual(5);
    for (const job of jobs) {
      for (const expression of job.schedules) expect(nextRun(expression, new Date()).getTime()).toBeGreaterThan(Date.now());
      expect(job.timeoutSeconds).toBeGreaterThan(0);
    }
  });
});
