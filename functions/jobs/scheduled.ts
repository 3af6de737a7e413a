import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { CORRELATION_ID, logger } from '../lib/log';
import { metrics } from '../lib/metrics';
import { tracer } from '../lib/tracer';

/**
 * A scheduled job: runs, logs its counts as one JSON line, and lets a failure fail the invocation
 * (EventBridge invokes asynchronously: Lambda retries twice, then the event goes to the jobs'
 * on-failure queue — README § Seeing it in production). Logger, tracer and metrics as in `api()`.
 */
export function scheduled(name: string, job: (scheduledAt: number | undefined) => Promise<unknown>) {
  return middy<ScheduledEvent | undefined, unknown, Error, Context>()
    .use(injectLambdaContext(logger, { correlationIdPath: CORRELATION_ID.scheduled, resetKeys: true }))
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .handler(async (event): Promise<unknown> => {
      const startedAt = Date.now();
      // The time EventBridge scheduled this run for (its event's `time`); the daily campaign jobs
      // run for that day, so replaying a dead-lettered event serves the day it missed.
      const scheduledAt = event?.time ? Date.parse(event.time) : undefined;
      const summary = await job(Number.isFinite(scheduledAt) ? scheduledAt : undefined);
      logger.info('job done', { job: name, ms: Date.now() - startedAt, scheduledFor: event?.time, summary });
      return summary;
    });
}
