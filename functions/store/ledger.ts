import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { keys } from './keys';
import type { LedgerRecord } from './records';
import { putItemTx, type LabeledItem } from './transactions';

export function ledgerPutItem(entry: LedgerRecord, atUtc: string): LabeledItem {
  return putItemTx(`ledger:${entry.entryId}`, { ...keys.ledgerEntry(entry.memberId, atUtc, entry.entryId), ...entry }, 'new');
}

export interface LedgerPage {
  items: LedgerRecord[];
  /** The sort key to continue after, or null at the end. */
  after: string | null;
}

/** Whether a position a client sent back can be one of `listLedger`'s: a sort key inside a ledger. */
export function isLedgerPosition(after: string): boolean {
  return after.startsWith(keys.ledgerPrefix) && after.length <= 200;
}

/** Newest first, strongly consistent, one page. `after` is a sort key inside this member's ledger. */
export async function listLedger(memberId: string, limit: number, after?: string): Promise<LedgerPage> {
  const pk = keys.memberPartition(memberId);
  const { Items, LastEvaluatedKey } = await db().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.ledgerPrefix },
      ScanIndexForward: false,
      ConsistentRead: true,
      Limit: limit,
      ...(after ? { ExclusiveStartKey: { pk, sk: after } } : {}),
    }),
  );
  return { items: (Items ?? []) as LedgerRecord[], after: (LastEvaluatedKey?.sk as string | undefined) ?? null };
}
