import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { keys } from './keys';
import type { LedgerRecord } from './records';
import type { LabeledItem } from './transactions';

export function ledgerPutItem(entry: LedgerRecord, atUtc: string): LabeledItem {
  return {
    label: `ledger:${entry.entryId}`,
    item: {
      Put: {
        TableName: table(),
        Item: { ...keys.ledgerEntry(entry.memberId, atUtc, entry.entryId), ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

export interface LedgerPage {
  items: LedgerRecord[];
  /** The sort key to continue after, or null at the end. */
  after: string | null;
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

/** Every entry of a member (tests and exports): follows pages to the end. */
export async function allLedger(memberId: string): Promise<LedgerRecord[]> {
  const entries: LedgerRecord[] = [];
  let after: string | undefined;
  do {
    const page = await listLedger(memberId, 100, after);
    entries.push(...page.items);
    after = page.after ?? undefined;
  } while (after);
  return entries;
}
