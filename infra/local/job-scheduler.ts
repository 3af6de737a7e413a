/**
 * The scheduled jobs of serverless.yml, run in the local API's process on their schedules, as
 * EventBridge invokes them in AWS: with a Scheduled Event whose `time` is the run's scheduled time,
 * and a context counting down from the function's timeout. A failed run is logged; the next one
 * comes on schedule (in AWS, Lambda would retry it twice, then dead-letter it).
 */
import { join } from 'node:path';
import { functionDefinitions, ROOT, type FunctionDefinition } from './serverless-config';
import { nextRun } from './schedules';

type JobHandler = (event: unknown, context: unknown) => Promise<unknown>;

/** Node's timers hold at most ~24.8 days; a later run is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function startJobScheduler(defaultTimeoutSeconds: number, log: (line: string) => void = console.log): { stop(): void } {
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const jobs = functionDefinitions().filter((fn) => fn.schedules.length > 0);

  const invoke = async (fn: FunctionDefinition, scheduledFor: Date) => {
    const handler = ((await import(join(ROOT, fn.entry))) as Record<string, JobHandler>)[fn.exportName]!;
    const deadline = Date.now() + (fn.timeoutSeconds ?? defaultTimeoutSeconds) * 1000;
    const event = {
      version: '0',
      id: `local-${scheduledFor.getTime()}`,
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: scheduledFor.toISOString(),
      detail: {},
    };
    const context = { awsRequestId: event.id, functionName: fn.name, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
    try {
      await handler(event, context);
    } catch (error) {
      log(`[jobs] ${fn.name} failed (${error instanceof Error ? error.message : String(error)}); the next run is on schedule`);
    }
  };

  const schedule = (fn: FunctionDefinition, expression: string, after: Date) => {
    if (stopped) return;
    const at = nextRun(expression, after);
    const wait = (): void => {
      const left = at.getTime() - Date.now();
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          if (stopped) return;
          if (left > MAX_TIMER_MS) return wait();
          void invoke(fn, at).finally(() => schedule(fn, expression, at));
        },
        Math.max(0, Math.min(left, MAX_TIMER_MS)),
      );
      // The jobs never keep the process alive on their own.
      timer.unref();
      timers.add(timer);
    };
    wait();
  };

  const now = new Date();
  for (const fn of jobs) for (const expression of fn.schedules) schedule(fn, expression, now);
  log(`[jobs] ${jobs.map((fn) => `${fn.name} ${fn.schedules.join(', ')}`).join('; ')}`);
  return {
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
