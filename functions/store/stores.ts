import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { keys } from './keys';
import { partitionItems } from './query';
import type { StoreRecord } from './records';

export async function listStores(): Promise<StoreRecord[]> {
  return partitionItems<StoreRecord>(keys.storesPartition, keys.storePrefix);
}

export async function putStore(store: StoreRecord): Promise<void> {
  await db().send(new PutCommand({ TableName: table(), Item: { ...keys.store(store.storeId), ...store } }));
}
