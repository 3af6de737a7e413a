import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { keys } from './keys';
import type { StoreRecord } from './records';

export async function listStores(): Promise<StoreRecord[]> {
  const { Items } = await db().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.storesPartition, ':prefix': keys.storePrefix },
    }),
  );
  return (Items ?? []) as StoreRecord[];
}

export async function putStore(store: StoreRecord): Promise<void> {
  await db().send(new PutCommand({ TableName: table(), Item: { ...keys.store(store.storeId), ...store } }));
}
