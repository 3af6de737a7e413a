import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';

/** Every item of a query, following pages to the end. */
export async function queryAll<T>(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<T[]> {
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
export function indexItems<T>(index: string, pkAttribute: string, pk: string, newestFirst = false): Promise<T[]> {
  return queryAll<T>({
    IndexName: index,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': pkAttribute },
    ExpressionAttributeValues: { ':pk': pk },
    ScanIndexForward: !newestFirst,
  });
}
