/**
 * Coupon rules shared by the API and the mini-program (PRODUCT.md § Coupons). Money in fen; dates
 * are Shanghai business dates 'YYYY-MM-DD', validity inclusive of both ends.
 */
import { addDays } from './dates';
import { formatYuan } from './money';

export const COUPON_KINDS = ['amount_off', 'percent_off', 'free_item'] as const;
export type CouponKind = (typeof COUPON_KINDS)[number];

/** What a coupon does to a bill; a snapshot of it travels with every issued coupon. */
export interface CouponTerms {
  kind: CouponKind;
  /** amount_off: fen off. free_item: the item's value (the most it takes off). */
  valueFen: number;
  /** percent_off: the share of the bill that is paid, in percent (85 = 8.5折 = 15% off). */
  payPercent: number | null;
  /** percent_off: the most it takes off, or null for no cap. */
  capFen: number | null;
  minSpendFen: number;
  /** null: every store of the chain. */
  storeIds: string[] | null;
  stackable: boolean;
}

export type Validity = { type: 'fixed'; from: string; to: string } | { type: 'relative'; days: number };

/** The window of a coupon issued on `issuedOn`: fixed dates, or N days counting the issue day. */
export function validityWindow(validity: Validity, issuedOn: string): { validFrom: string; validTo: string } {
  if (validity.type === 'fixed') return { validFrom: validity.from, validTo: validity.to };
  return { validFrom: issuedOn, validTo: addDays(issuedOn, validity.days - 1) };
}

/** Whether a template can still issue coupons that are usable (a fixed window may have ended). */
export function validityOpen(validity: Validity, today: string): boolean {
  return validity.type === 'relative' || validity.to >= today;
}

/** How much the coupon takes off a bill of `amountFen` (never more than the bill). */
export function couponDiscountFen(terms: Pick<CouponTerms, 'kind' | 'valueFen' | 'payPercent' | 'capFen'>, amountFen: number): number {
  let off: number;
  if (terms.kind === 'percent_off') {
    off = Math.floor((amountFen * (100 - (terms.payPercent ?? 100))) / 100);
    if (terms.capFen !== null) off = Math.min(off, terms.capFen);
  } else {
    off = terms.valueFen;
  }
  return Math.max(0, Math.min(off, amountFen));
}

export type CouponRefusal = 'coupon_not_yet_valid' | 'coupon_expired' | 'coupon_not_valid_at_store' | 'coupon_min_spend';

/** Why a coupon cannot be used on this bill, or null when it can. */
export function couponRefusal(
  coupon: Pick<CouponTerms, 'minSpendFen' | 'storeIds'> & { validFrom: string; validTo: string },
  bill: { storeId: string; amountFen: number; today: string },
): CouponRefusal | null {
  if (bill.today < coupon.validFrom) return 'coupon_not_yet_valid';
  if (bill.today > coupon.validTo) return 'coupon_expired';
  if (coupon.storeIds !== null && !coupon.storeIds.includes(bill.storeId)) return 'coupon_not_valid_at_store';
  if (bill.amountFen < coupon.minSpendFen) return 'coupon_min_spend';
  return null;
}

/** 满100减20 / 8.5折（最多减¥30）/ 兑换：招牌奶茶 — the line a member reads. */
export function describeCoupon(terms: Pick<CouponTerms, 'kind' | 'valueFen' | 'payPercent' | 'capFen' | 'minSpendFen'>, itemName?: string | null): string {
  const threshold = terms.minSpendFen > 0 ? `满${formatYuan(terms.minSpendFen).slice(1)}` : '无门槛';
  if (terms.kind === 'amount_off') return `${threshold}减${formatYuan(terms.valueFen).slice(1)}`;
  if (terms.kind === 'percent_off') {
    const fold = ((terms.payPercent ?? 100) / 10).toString();
    return `${threshold === '无门槛' ? '' : threshold}${fold}折${terms.capFen !== null ? `（最多减${formatYuan(terms.capFen).slice(1)}元）` : ''}`;
  }
  return `兑换：${itemName ?? '指定商品'}`;
}
