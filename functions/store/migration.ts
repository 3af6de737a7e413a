/**
 * Reads for one-off migrations only (README § Encryption: migrating clear data): a paged Scan of
 * the table for items of some kinds, resumable from its cursor. Nothing on a request path Scans, and
 * only the migration's IAM role may (serverless.yml MigrationRole).
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';

export interface ScanPage {
  items: Array<Record<string, unknown>>;
  /** Where to continue (opaque), or null at the end. */
  next: string | null;
}

/** One page of the items whose sort key is one of `sortKeys` (profiles, cases …). */
export async function scanBySortKey(sortKeys: string[], cursor: string | null, limit = 200): Promise<ScanPage> {
  const values = Object.fromEntries(sortKeys.map((sk, i) => [`:sk${i}`, sk]));
  const { Items, LastEvaluatedKey } = await db().send(
    new ScanCommand({
      TableName: table(),
      FilterExpression: sortKeys.map((_, i) => `sk = :sk${i}`).join(' OR '),
      ExpressionAttributeValues: values,
      Limit: limit,
      ...(cursor ? { ExclusiveStartKey: JSON.parse(cursor) as Record<string, unknown> } : {}),
    }),
  );
  return { items: Items ?? [], next: LastEvaluatedKey ? JSON.stringify(LastEvaluatedKey) : null };
}
