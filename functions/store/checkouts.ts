import { keys } from './keys';
import { getItem, indexItems } from './query';
import type { CheckoutRecord, CheckoutReversalRecord } from './records';
import { putItemTx, type LabeledItem } from './transactions';
import { memberVisitPutItem } from './visits';

export const getCheckout = (checkoutId: string) => getItem<CheckoutRecord>(keys.checkout(checkoutId));

/** A bill and its reversal sit together in the store's day of bills (gsi1). */
const storeDayEntry = (bill: CheckoutRecord, part: 'CHECKOUT' | 'REVERSAL') =>
  keys.indexEntry(keys.storeCheckoutsIndex.name, keys.storeCheckoutsIndex.pk(bill.storeId, bill.businessDate), keys.storeCheckoutsIndex.sort(bill.at, bill.checkoutId, part));

/**
 * Bills are transaction records: kept three years (《电子商务法》第三十一条), then removed by TTL with
 * their receipt claim and reversal (PRIVACY.md; the ledger entries that name them stay, pseudonymous).
 */
const BILL_RETENTION_SECONDS = 3 * 366 * 24 * 3600;
const billTtl = (bill: Pick<CheckoutRecord, 'at'>) => ({ ttl: Math.floor(Date.parse(bill.at) / 1000) + BILL_RETENTION_SECONDS });

/**
 * The bill itself plus the claim that makes a receipt number earn once per store. `pending`: the
 * counter adds the bill carries until the applier adds them (functions/store/stats-pending.ts).
 */
export function checkoutPutItems(checkout: CheckoutRecord, pending: Record<string, unknown> = {}): LabeledItem[] {
  return [
    putItemTx('receipt', { ...keys.receipt(checkout.storeId, checkout.receiptNo), checkoutId: checkout.checkoutId, ...billTtl(checkout) }, 'new'),
    putItemTx('checkout', { ...keys.checkout(checkout.checkoutId), ...storeDayEntry(checkout, 'CHECKOUT'), ...checkout, ...pending, ...billTtl(checkout) }, 'new'),
    memberVisitPutItem({
      memberId: checkout.memberId,
      at: checkout.at,
      ref: checkout.checkoutId,
      kind: 'purchase',
      storeId: checkout.storeId,
      amountFen: checkout.payableFen,
    }),
  ];
}

/** A checkout is reversed at most once, whichever key or manager asks. */
export function reversalPutItem(bill: CheckoutRecord, reversal: CheckoutReversalRecord): LabeledItem {
  return putItemTx('reversal', { ...keys.checkoutReversal(bill.checkoutId), ...storeDayEntry(bill, 'REVERSAL'), ...reversal, ...billTtl(bill) }, 'new');
}

/** A store's bills of a business day, newest first, each with its reversal if any (index: lists only). */
export async function storeDayCheckouts(storeId: string, date: string): Promise<Array<{ bill: CheckoutRecord; reversal: CheckoutReversalRecord | null }>> {
  const items = await indexItems<(CheckoutRecord | CheckoutReversalRecord) & { sk: string }>(keys.storeCheckoutsIndex.name, keys.storeCheckoutsIndex.pk(storeId, date), true);
  const reversals = new Map(items.filter((i) => i.sk === keys.checkoutReversal('').sk).map((r) => [r.checkoutId, r as CheckoutReversalRecord]));
  return items.filter((i) => i.sk === keys.checkout('').sk).map((bill) => ({ bill: bill as CheckoutRecord, reversal: reversals.get(bill.checkoutId) ?? null }));
}
