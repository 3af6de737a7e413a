import { shanghaiDate } from '../../shared/dates';
import type { Store } from '../../shared/schemas/stores';
import { getTemplate, heldCount, heldCountItem, couponPutItem, listIssueRules, ruleIssueItem } from '../store/coupons';
import type { CouponTemplateRecord, IssueRuleRecord, MemberCouponRecord } from '../store/records';
import { runTransaction, type LabeledItem } from '../store/transactions';
import { issueBlock, issueItems, newCoupon } from './coupons';

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
export async function crossStoreCoupons(bill: CrossStoreBill): Promise<RuleIssue[]> {
  return (await crossStorePlan(bill)).issues;
}

/**
 * At most this many cross-store coupons are issued inside a checkout's transaction (3 items each
 * with the template's counter), so the transaction stays far below DynamoDB's 100 items whatever
 * number of rules a store has (SCALE.md). The rest are `deferred`: issued after the checkout
 * commits by `issueDeferredCrossStore`.
 */
export const MAX_CROSS_STORE_IN_CHECKOUT = 5;

type CrossStoreBill = { memberId: string; storeId: string; paidFen: number; checkoutId: string; at: number; stores: Store[] };
type CrossStoreRule = Extract<IssueRuleRecord, { kind: 'cross_store' }>;

/** The rules matching the bill, highest minimum spend first, then by id: the same order on every plan. */
async function matchingRules(bill: CrossStoreBill): Promise<CrossStoreRule[]> {
  return (await listIssueRules())
    .filter((r): r is CrossStoreRule => r.kind === 'cross_store' && r.active && r.fromStoreId === bill.storeId && bill.paidFen >= r.minSpendFen)
    .sort((a, b) => b.minSpendFen - a.minSpendFen || a.ruleId.localeCompare(b.ruleId));
}

export async function crossStorePlan(bill: CrossStoreBill): Promise<{ issues: RuleIssue[]; deferred: CrossStoreRule[] }> {
  const rules = await matchingRules(bill);
  const issues: RuleIssue[] = [];
  const deferred: CrossStoreRule[] = [];
  const today = shanghaiDate(bill.at);
  for (const rule of rules) {
    // One coupon per template per bill, whatever number of rules point at it.
    if (issues.some((i) => i.template.templateId === rule.templateId) || deferred.some((d) => d.templateId === rule.templateId)) continue;
    if (issues.length >= MAX_CROSS_STORE_IN_CHECKOUT) {
      deferred.push(rule);
      continue;
    }
    const [template, held] = await Promise.all([getTemplate(rule.templateId), heldCount(bill.memberId, rule.templateId)]);
    if (!template || issueBlock(template, held, today)) continue;
    const storeIds = rule.toStoreIds ?? bill.stores.map((s) => s.id).filter((id) => id !== bill.storeId);
    const coupon = newCoupon(bill.memberId, template, 'cross_store', bill.at, { storeIds, issuedBy: `checkout:${bill.checkoutId}` });
    issues.push({ template, coupon, items: [heldCountItem(bill.memberId, template.templateId, 1, template.perMemberLimit), couponPutItem(coupon)] });
  }
  return { issues, deferred };
}

/**
 * The follow-up after a checkout committed: the deferred rules' coupons, each in its own small
 * transaction with the claim `RULEISSUE#xs:<ruleId>#<checkoutId>#<templateId>`, so running it again
 * (a retried follow-up, a replayed checkout) issues nothing twice. A rule whose template cannot
 * issue is skipped, as inside the checkout. To be called from the checkout's `onCommitted`.
 */
export async function issueDeferredCrossStore(bill: CrossStoreBill, deferred: CrossStoreRule[]): Promise<MemberCouponRecord[]> {
  const issued: MemberCouponRecord[] = [];
  for (const rule of deferred) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const [template, held] = await Promise.all([getTemplate(rule.templateId), heldCount(bill.memberId, rule.templateId)]);
      if (!template || issueBlock(template, held, shanghaiDate(bill.at))) break;
      const storeIds = rule.toStoreIds ?? bill.stores.map((s) => s.id).filter((id) => id !== bill.storeId);
      const coupon = newCoupon(bill.memberId, template, 'cross_store', bill.at, { storeIds, issuedBy: `checkout:${bill.checkoutId}` });
      const claim = ruleIssueItem(bill.memberId, `xs:${rule.ruleId}`, bill.checkoutId, template.templateId, coupon.couponId, coupon.issuedAt);
      const outcome = await runTransaction([claim, ...issueItems(template, coupon)]);
      if (outcome.ok) issued.push(coupon);
      if (outcome.ok || outcome.failed.includes(claim.label)) break;
    }
  }
  return issued;
}
