import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { keys } from './keys';
import type { DemoAccountRecord } from './records';

export async function listDemoAccounts(): Promise<DemoAccountRecord[]> {
  const { Items } = await db().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.demoPartition },
    }),
  );
  return (Items ?? []) as DemoAccountRecord[];
}

export async function putDemoAccount(order: number, account: DemoAccountRecord): Promise<void> {
  await db().send(new PutCommand({ TableName: table(), Item: { ...keys.demoAccount(order, account.openid), ...account } }));
}
