import { keys } from './keys';
import { partitionItems, putItem } from './query';
import type { DemoAccountRecord } from './records';

export async function listDemoAccounts(): Promise<DemoAccountRecord[]> {
  return partitionItems<DemoAccountRecord>(keys.demoPartition);
}

export const putDemoAccount = (order: number, account: DemoAccountRecord) => putItem(keys.demoAccount(order, account.openid), account);
