/**
 * Coupons as the app shows and applies them. The rules themselves (what a coupon takes off, the
 * one-line description) are shared/coupons.ts, the same code the API runs; this file only words
 * them for the screen and mirrors the counter's choice rules so the clerk sees the result first.
 */
import { couponDiscountFen, type CouponKind, type Validity } from '../../../shared/coupons';
import { formatYuan } from '../../../shared/money';
import { priceCheckout, type CheckoutAmounts } from '../../../shared/points';
import type { Tier } from '../../../shared/tiers';
import type { CouponTemplate, MemberCoupon, ObtainedBy, TemplateStatus } from '../../../shared/api';

/** '沪上茶点·徐家汇店' → '徐家汇店': the chain's name is on every screen already. */
export function shortStoreName(name: string): string {
  const dot = name.lastIndexOf('·');
  return dot >= 0 && dot < name.length - 1 ? name.slice(dot + 1) : name;
}

/** Where a coupon is usable: '全部门店', or the stores' short names. */
export function storesText(storeNames: string[] | null): string {
  return storeNames === null || storeNames.length === 0 ? '全部门店' : storeNames.map(shortStoreName).join('、');
}

/** A template's validity as the member reads it before taking the coupon. */
export function validityText(validity: Validity): string {
  return validity.type === 'fixed' ? `${validity.from} 至 ${validity.to}` : `领取后 ${validity.days} 天内有效`;
}

/** The big print on the left of a coupon: '¥15' / '8.5折' / '兑'. */
export function couponFace(terms: { kind: CouponKind; valueFen: number; payPercent: number | null }): string {
  if (terms.kind === 'amount_off') return formatYuan(terms.valueFen);
  if (terms.kind === 'percent_off') return `${(terms.payPercent ?? 100) / 10}折`;
  return '兑';
}

export const KIND_LABELS: Record<CouponKind, string> = { amount_off: '满减', percent_off: '折扣', free_item: '兑换券' };
export const OBTAINED_LABELS: Record<ObtainedBy, string> = { claim: '领取', exchange: '积分兑换', rule: '规则发放' };
export const STATUS_LABELS: Record<TemplateStatus, string> = { active: '进行中', paused: '已暂停', ended: '已结束' };

/** The small print under a minimum spend: '满¥100可用' or '无门槛'. */
export function thresholdText(minSpendFen: number): string {
  return minSpendFen > 0 ? `满${formatYuan(minSpendFen)}可用` : '无门槛';
}

/** '已发 12 · 已核销 3（25%）' for 券模板管理. */
export function redemptionText(template: Pick<CouponTemplate, 'issuedCount' | 'redeemedCount'>): string {
  const rate = template.issuedCount > 0 ? `（${Math.round((template.redeemedCount * 100) / template.issuedCount)}%）` : '';
  return `已发 ${template.issuedCount} · 已核销 ${template.redeemedCount}${rate}`;
}

/** '剩余 185 / 200' or '不限量'. */
export function stockText(template: Pick<CouponTemplate, 'stock' | 'remaining'>): string {
  return template.stock === null ? '不限量' : `剩余 ${template.remaining ?? 0} / ${template.stock}`;
}

/** '本单赠送：跨店回馈·满80减20，可在徐家汇店、陆家嘴店使用' */
export function issuedCouponText(issued: { name: string; storeNames: string[] | null }): string {
  const where = issued.storeNames === null ? '全部门店可用' : `可在${storesText(issued.storeNames)}使用`;
  return `本单赠送：${issued.name}，${where}`;
}

// ---- at the counter ----------------------------------------------------------------------------

type CounterCoupon = Pick<MemberCoupon, 'id' | 'kind' | 'valueFen' | 'payPercent' | 'capFen' | 'minSpendFen' | 'stackable'>;

/** A coupon can go on this bill once the amount reaches its minimum spend (the visit lists only
 * coupons valid here and today). No amount typed yet counts as ¥0. */
export function meetsMinimum(coupon: Pick<MemberCoupon, 'minSpendFen'>, amountFen: number | null): boolean {
  return (amountFen ?? 0) >= coupon.minSpendFen && (amountFen ?? 0) > 0;
}

/**
 * Ticking a coupon: several only when every ticked one stacks. Ticking a coupon that does not
 * stack (or one that does while a non-stacking one is ticked) replaces the choice; ticking a
 * ticked one clears it. At most `max` (the API takes five).
 */
export function toggleCoupon(selected: string[], coupon: CounterCoupon, all: CounterCoupon[], max = 5): string[] {
  if (selected.includes(coupon.id)) return selected.filter((id) => id !== coupon.id);
  const byId = new Map(all.map((c) => [c.id, c]));
  const ticked = selected.map((id) => byId.get(id)).filter((c): c is CounterCoupon => c !== undefined);
  if (!coupon.stackable || ticked.some((c) => !c.stackable)) return [coupon.id];
  return [...ticked.map((c) => c.id), coupon.id].slice(-max);
}

/** The ticked coupons that still apply to the amount now typed, in the order they were ticked. */
export function applicableCoupons<C extends CounterCoupon>(selected: string[], all: C[], amountFen: number | null): C[] {
  const byId = new Map(all.map((c) => [c.id, c]));
  return selected.map((id) => byId.get(id)).filter((c): c is C => c !== undefined && meetsMinimum(c, amountFen));
}

export interface BillPreview extends CheckoutAmounts {
  couponDiscountFen: number;
}

/**
 * The bill as the API will price it (functions/domain/checkout.ts): each coupon on the whole
 * amount, never past what is left; then points on the rest; then points earned on what is paid.
 */
export function previewBill(input: { amountFen: number; coupons: CounterCoupon[]; redeemPoints: number; tier: Tier }): BillPreview {
  let left = input.amountFen;
  for (const coupon of input.coupons) left -= Math.min(left, couponDiscountFen(coupon, input.amountFen));
  const couponDiscount = input.amountFen - left;
  return { couponDiscountFen: couponDiscount, ...priceCheckout({ amountFen: left, redeemPoints: input.redeemPoints, tier: input.tier }) };
}
