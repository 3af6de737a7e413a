import { shanghaiDate } from '../../shared/dates';
import type { Store } from '../../shared/schemas/stores';
import { getTemplate, heldCount, heldCountItem, couponPutItem, listIssueRules } from '../store/coupons';
import type { CouponTemplateRecord, MemberCouponRecord } from '../store/records';
import type { LabeledItem } from '../store/transactions';
import { issueBlock, newCoupon } from './coupons';

export interface RuleIssue {
  template: CouponTemplateRecord;
  coupon: MemberCouponRecord;
  /** The coupon and the member's limit counter; the template's counter is merged by the caller. */
  items: LabeledItem[];
}

/**
 * Cross-store rules (README § Coupons): a bill of at least X paid at store A issues a coupon of
 * template T usable at store B (or every other store). Returns what to write in the checkout's own
 * transaction, so a retried checkout replays its response and never issues twice. A rule whose
 * template cannot issue (paused, sold out, member at its limit) is skipped, not an error: the bill
 * goes through.
 */
export async function crossStoreCoupons(bill: { memberId: string; storeId: string; paidFen: number; checkoutId: string; at: number; stores: Store[] }): Promise<RuleIssue[]> {
  const rules = (await listIssueRules()).filter((r) => r.kind === 'cross_store' && r.active && r.fromStoreId === bill.storeId && bill.paidFen >= r.minSpendFen);
  const issues: RuleIssue[] = [];
  const today = shanghaiDate(bill.at);
  for (const rule of rules) {
    if (rule.kind !== 'cross_store') continue;
    // One coupon per template per bill, whatever number of rules point at it.
    if (issues.some((i) => i.template.templateId === rule.templateId)) continue;
    const [template, held] = await Promise.all([getTemplate(rule.templateId), heldCount(bill.memberId, rule.templateId)]);
    if (!template || issueBlock(template, held, today)) continue;
    const storeIds = rule.toStoreIds ?? bill.stores.map((s) => s.id).filter((id) => id !== bill.storeId);
    const coupon = newCoupon(bill.memberId, template, 'cross_store', bill.at, { storeIds, issuedBy: `checkout:${bill.checkoutId}` });
    issues.push({ template, coupon, items: [heldCountItem(bill.memberId, template.templateId, 1, template.perMemberLimit), couponPutItem(coupon)] });
  }
  return issues;
}
