/**
 * Reads and writes of 导出我的数据 (README § Export): the member's whole partition, the bills its
 * items reference, and the day's export counter written with the export's audit entry.
 */
import { keys, type Key } from './keys';
import { batchGetItems, partitionItems } from './query';
import type { CheckoutRecord, CheckoutReversalRecord } from './records';
import { updateItemTx, type LabeledItem } from './transactions';

/** Every item of the member's partition, strongly consistent, paged to the end (one query, however many pages). */
export function memberPartitionItems(memberId: string): Promise<Array<Record<string, unknown>>> {
  return partitionItems<Record<string, unknown>>(keys.memberPartition(memberId));
}

/** A bill and its reversal, when there is one. */
export interface BillWithReversal {
  bill: CheckoutRecord;
  reversal: CheckoutReversalRecord | null;
}

/**
 * The bills with these ids and their reversals (strongly consistent BatchGets of 100 keys, asking
 * again for keys DynamoDB left unprocessed). Ids with no bill are absent from the answer.
 */
export async function billsByIds(checkoutIds: string[]): Promise<Map<string, BillWithReversal>> {
  const wanted: Key[] = checkoutIds.flatMap((id) => [keys.checkout(id), keys.checkoutReversal(id)]);
  const found = await batchGetItems(wanted);
  const bills = new Map<string, BillWithReversal>();
  for (const item of found) if (item.sk === 'CHECKOUT') bills.set(String(item.checkoutId), { bill: item as unknown as CheckoutRecord, reversal: null });
  for (const item of found) {
    const entry = item.sk === 'REVERSAL' ? bills.get(String(item.checkoutId ?? String(item.pk).slice('CHECKOUT#'.length))) : undefined;
    if (entry) entry.reversal = item as unknown as CheckoutReversalRecord;
  }
  return bills;
}

/** The sort-key families of a member's partition, as the export sorts them. */
export const memberItemPrefixes = {
  ledger: keys.ledgerPrefix,
  coupon: keys.couponPrefix,
  booking: keys.bookingPrefix,
  audit: keys.auditPrefix,
  visit: 'VISIT#',
  push: 'PUSH#',
  rating: keys.ratingPrefix,
} as const;

/**
 * Counts one export in the member's Shanghai day while fewer than `limit` were counted (a
 * conditional ADD, for the export's own transaction with its audit entry); gone by TTL after.
 */
export function exportCountItem(memberId: string, date: string, limit: number, expiresAtSeconds: number): LabeledItem {
  return updateItemTx('rate', {
    Key: keys.rateCounter('data_export', memberId, date),
    UpdateExpression: 'ADD #count :one SET #ttl = if_not_exists(#ttl, :ttl)',
    ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
    ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
    ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': expiresAtSeconds },
  });
}
