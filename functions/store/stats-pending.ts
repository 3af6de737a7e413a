/**
 * A checkout's counter adds recorded on its bill, and the transaction that applies them once
 * (README § Dashboards, Checkouts at once). The bill carries `pendingStats` and an entry in the
 * sparse gsi2 partition `STATSPENDING#<shard>` (functions/store/keys.ts `statsPendingIndex`) until
 * the applier's transaction adds them to the counters and removes both, conditioned on
 * `pendingStats` still being there: whichever applier gets there first applies them, every other
 * (at once, or a retry after a crash) finds the condition false and adds nothing.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { keys, type Key } from './keys';
import { batchGetItems } from './query';
import { StatsChanges, type PendingStats } from './stats';
import { runTransaction, updateItemTx, type LabeledItem, type TransactionOutcome } from './transactions';

const index = keys.statsPendingIndex;
const [indexPk, indexSk] = keys.indexAttributes(index.name);

/** The attributes a bill is written with to carry its adds (none if the checkout moved no counter). */
export function pendingStatsFields(bill: { checkoutId: string; at: string }, pending: PendingStats): Record<string, unknown> {
  if (pending.length === 0) return {};
  return { pendingStats: pending, ...keys.indexEntry(index.name, index.pk(index.shardOf(bill.checkoutId)), index.sort(bill.at, bill.checkoutId)) };
}

/**
 * Up to `perShard` bills still pending in each shard of the index, oldest first (the index is
 * eventually consistent: a bill written a moment ago may show on the next run).
 */
export async function pendingStatsBills(perShard: number): Promise<Key[]> {
  const pages = await Promise.all(
    Array.from({ length: index.shards }, (_, shard) =>
      db().send(
        new QueryCommand({
          TableName: table(),
          IndexName: index.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': indexPk! },
          ExpressionAttributeValues: { ':pk': index.pk(shard) },
          Limit: perShard,
        }),
      ),
    ),
  );
  return pages.flatMap((page) => (page.Items ?? []).map((item) => ({ pk: String(item.pk), sk: String(item.sk) })));
}

/**
 * The adds still recorded on these bills. An eventually consistent read is enough: `pendingStats`
 * is written once with the bill and only ever removed, so any copy that shows it shows the right
 * adds, and one that no longer does means they are applied.
 */
export async function pendingStatsOf(bills: Key[]): Promise<Array<{ bill: Key; pending: PendingStats }>> {
  const items = await batchGetItems<Key & { pendingStats?: PendingStats }>(bills, false);
  return items.filter((item) => item.pendingStats?.length).map((item) => ({ bill: { pk: item.pk, sk: item.sk }, pending: item.pendingStats! }));
}

/** One bill's adds and the removal of its pending mark, as one transaction (conditioned on the mark). */
export function applyPendingStatsItems(bill: Key, pending: PendingStats): LabeledItem[] {
  return [
    ...StatsChanges.fromPending(pending).items(),
    updateItemTx('bill', {
      Key: bill,
      UpdateExpression: 'REMOVE pendingStats, #ipk, #isk',
      ConditionExpression: 'attribute_exists(pendingStats)',
      ExpressionAttributeNames: { '#ipk': indexPk!, '#isk': indexSk! },
    }),
  ];
}

export const applyPendingStatsTransaction = (bill: Key, pending: PendingStats): Promise<TransactionOutcome> => runTransaction(applyPendingStatsItems(bill, pending));
