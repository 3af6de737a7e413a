import type { StoreCheckoutsResponse } from '../../shared/schemas/staff';
import { shanghaiIso } from '../../shared/dates';
import { storeDayCheckouts } from '../store/checkouts';
import type { StaffRecord } from '../store/records';
import { requireCounterStore, requireStoreManager } from './permissions';

/**
 * A store's bills of a business day, newest first, with their reversals: where a manager finds the
 * mistaken bill to refund. Its manager sees it, and HQ any store's. Nothing about the member is
 * shown, so listing is not a read of a member's record.
 */
export async function storeCheckouts(staff: StaffRecord, storeId: string | undefined, date: string): Promise<StoreCheckoutsResponse> {
  const store = storeId ?? requireCounterStore(staff, 'Name the store: HQ accounts have none of their own');
  requireStoreManager(staff, store, 'Only the store’s manager, or HQ, sees its bills');
  const bills = await storeDayCheckouts(store, date);
  return {
    storeId: store,
    date,
    items: bills.map(({ bill, reversal }) => ({
      checkoutId: bill.checkoutId,
      at: shanghaiIso(Date.parse(bill.at)),
      receiptNo: bill.receiptNo,
      staffName: bill.staffName ?? '',
      amountFen: bill.amountFen,
      couponDiscountFen: bill.couponDiscountFen,
      pointsSpent: bill.pointsSpent,
      payableFen: bill.payableFen,
      pointsEarned: bill.pointsEarned,
      couponsUsed: (bill.couponsUsed ?? []).map((c) => c.name),
      couponsIssued: (bill.couponsIssued ?? []).map((c) => c.name),
      reversal: reversal ? { at: shanghaiIso(Date.parse(reversal.at)), staffName: reversal.staffName ?? '' } : null,
    })),
  };
}
