import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { AttributeValue, Context, DynamoDBStreamEvent } from 'aws-lambda';
import { applyBillsStats, applyPendingStats } from '../domain/pending-stats';
import { logger } from '../lib/log';
import { tracer } from '../lib/tracer';
import type { Key } from '../store/keys';
import type { PendingStats } from '../store/stats';
import { scheduled } from './scheduled';

/** A bill's recorded adds, from the stream's image of it (DynamoDB's attribute-value form). */
function pendingOf(image: Record<string, AttributeValue> | undefined): PendingStats {
  return (image?.pendingStats?.L ?? []).map((entry) => ({
    scope: entry.M!.scope!.S!,
    period: entry.M!.period!.S!,
    adds: Object.fromEntries(Object.entries(entry.M!.adds!.M!).map(([attribute, n]) => [attribute, Number(n.N)])),
  }));
}

/**
 * The table's stream (filtered to new bills with counter adds recorded on them: serverless.yml):
 * each bill's adds applied once, a second or so after its checkout. A failure fails the batch, which
 * Lambda retries (applying again is safe: the condition), then leaves to the sweep below.
 */
export const handler = middy<DynamoDBStreamEvent, unknown, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .handler(async (event) => {
    const bills = event.Records.flatMap((record) => {
      const pending = pendingOf(record.dynamodb?.NewImage);
      const key = record.dynamodb?.Keys;
      return pending.length > 0 && key?.pk?.S && key.sk?.S ? [{ bill: { pk: key.pk.S, sk: key.sk.S } as Key, pending }] : [];
    });
    const summary = await applyBillsStats(bills);
    logger.info('job done', { job: 'stats', records: event.Records.length, summary });
    return summary;
  });

/** Every minute: what the stream's function left (bounded per run; the next run takes the rest). */
export const sweep = scheduled('stats-sweep', () => applyPendingStats());
