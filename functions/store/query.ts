import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type QueryCommandInput, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import type { Key } from './keys';

/** One item by its key, strongly consistent (a write a moment ago is seen). */
export async function getItem<T>(key: Key): Promise<T | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }));
  return Item as T | undefined;
}

/** Writes a record under its key, replacing what was there (set-up and seed data, never a claim). */
export async function putItem(key: Key, record: object): Promise<void> {
  await db().send(new PutCommand({ TableName: table(), Item: { ...key, ...record } }));
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
