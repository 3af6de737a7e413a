import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { keys } from './keys';
import { partitionItems } from './query';
import type { DemoAccountRecord } from './records';

export async function listDemoAccounts(): Promise<DemoAccountRecord[]> {
  return partitionItems<DemoAccountRecord>(keys.demoPartition);
}

export async function putDemoAccount(order: number, account: DemoAccountRecord): Promise<void> {
  await db().send(new PutCommand({ TableName: table(), Item: { ...keys.demoAccount(order, account.openid), ...account } }));
}
