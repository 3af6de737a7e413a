import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type QueryCommandInput, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { RetryableError } from '../lib/errors';
import type { Key } from './keys';

/** One item by its key, strongly consistent (a write a moment ago is seen). */
export async function getItem<T>(key: Key): Promise<T | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }));
  return Item as T | undefined;
}

/**
 * Items by key in BatchGets of 100 (strongly consistent unless asked otherwise); keys with no item
 * are absent. Keys DynamoDB leaves unprocessed (it does so when throttled) are asked again with
 * backoff; still unprocessed after that, the request answers 503 rather than a partial answer.
 */
export async function batchGetItems<T = Record<string, unknown>>(wanted: Key[], consistent = true): Promise<T[]> {
  const found: T[] = [];
  for (let start = 0; start < wanted.length; start += 100) {
    let batch = wanted.slice(start, start + 100) as unknown as Array<Record<string, unknown>>;
    for (let attempt = 0; batch.length > 0; attempt++) {
      if (attempt >= 8) throw new RetryableError('unavailable', 'The service is busy (throttled); retry with the same Idempotency-Key', 2);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
      const { Responses, UnprocessedKeys } = await db().send(new BatchGetCommand({ RequestItems: { [table()]: { Keys: batch, ConsistentRead: consistent } } }));
      found.push(...((Responses?.[table()] ?? []) as T[]));
      batch = (UnprocessedKeys?.[table()]?.Keys ?? []) as Array<Record<string, unknown>>;
    }
  }
  return found;
}

/** Writes a record under its key, replacing what was there (set-up and seed data, never a claim). */
export async function putItem(key: Key, record: object): Promise<void> {
  await db().send(new PutCommand({ TableName: table(), Item: { ...key, ...record } }));
}

/** Removes an item (a lease given up). */
export async function deleteItem(key: Key): Promise<void> {
  await db().send(new DeleteCommand({ TableName: table(), Key: key }));
}

/** One update outside a transaction; answers the attributes `ReturnValues` asks for. */
export async function updateItem<T = Record<string, unknown>>(update: Omit<UpdateCommandInput, 'TableName'>): Promise<T | undefined> {
  const { Attributes } = await db().send(new UpdateCommand({ TableName: table(), ...update }));
  return Attributes as T | undefined;
}

/** A single write's condition did not hold (a transaction reports its own: see runTransaction). */
export function conditionFailed(error: unknown): boolean {
  return (error as { name?: string }).name === 'ConditionalCheckFailedException';
}

/** Every item of a query, following pages to the end. */
async function queryAll<T>(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(new QueryCommand({ TableName: table(), ...input, ExclusiveStartKey: start }));
    items.push(...((page.Items ?? []) as T[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Every item of one partition (strongly consistent), optionally only sort keys with a prefix. */
export function partitionItems<T>(pk: string, skPrefix?: string): Promise<T[]> {
  return queryAll<T>({
    KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
    ExpressionAttributeValues: skPrefix ? { ':pk': pk, ':prefix': skPrefix } : { ':pk': pk },
    ConsistentRead: true,
  });
}

/** Every item of one index partition (indexes are eventually consistent: lists only). */
export function indexItems<T>(index: string, pk: string, newestFirst = false): Promise<T[]> {
  return queryAll<T>({
    IndexName: index,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': `${index}pk` },
    ExpressionAttributeValues: { ':pk': pk },
    ScanIndexForward: !newestFirst,
  });
}

/** One page of a query, and the key to continue after (null: the end). */
export interface Page<T> {
  items: T[];
  last: Record<string, unknown> | null;
}

/**
 * One page of `limit` items of a query that may carry a FilterExpression. DynamoDB's Limit counts
 * items read, not items kept, so a filtered query reads `batch` items per call, keeps the matches
 * up to `limit`, and continues after the last one kept (`keyOf` gives its key: table keys, plus the
 * index keys for an index query). It stops after `maxCalls` calls with what it found: a filtered page
 * may be short (even empty) and still have a next one — callers follow `last`, not the page size.
 */
export async function queryPage<T extends Record<string, unknown>>(
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
  options: { limit: number; after?: Record<string, unknown>; keyOf: (item: T) => Record<string, unknown>; batch?: number; maxCalls?: number },
): Promise<Page<T>> {
  const { limit, keyOf, batch = 100, maxCalls = 10 } = options;
  const items: T[] = [];
  let start = options.after;
  for (let call = 0; call < maxCalls; call++) {
    const page = await db().send(new QueryCommand({ TableName: table(), ...input, Limit: input.FilterExpression ? batch : limit - items.length, ExclusiveStartKey: start }));
    const read = (page.Items ?? []) as T[];
    for (const [index, item] of read.entries()) {
      items.push(item);
      if (items.length === limit) {
        const more = index < read.length - 1 || page.LastEvaluatedKey !== undefined;
        return { items, last: more ? keyOf(item) : null };
      }
    }
    if (!page.LastEvaluatedKey) return { items, last: null };
    start = page.LastEvaluatedKey;
  }
  return { items, last: start ?? null };
}
