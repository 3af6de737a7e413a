import { shanghaiDate } from '../../shared/dates';
import type { Store } from '../../shared/schemas/stores';
import { getTemplate, getTemplates, heldCount, heldCountItem, heldCountsOf, couponPutItem, listIssueRules, ruleIssueItem } from '../store/coupons';
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
export async function crossStoreCoupons(bill: CrossStoreBill, ahead?: CrossStoreReads): Promise<RuleIssue[]> {
  return (await crossStorePlan(bill, ahead)).issues;
}

/**
 * At most this many cross-store coupons are issued inside a checkout's transaction (3 items each
 * with the template's counter), so the transaction stays far below DynamoDB's 100 items whatever
 * number of rules a store has (SCALE.md). The rest are `deferred`: issued after the checkout
 * commits by `issueDeferredCrossStore`.
 */
export const MAX_CROSS_STORE_IN_CHECKOUT = 5;

type CrossStoreBill = { memberId: string; storeId: string; paidFen: number; checkoutId: string; at: number; stores: Store[] };
export type CrossStoreRule = Extract<IssueRuleRecord, { kind: 'cross_store' }>;

/**
 * Every store's active cross-store rules. They depend on nothing the bill says (its store only
 * filters them), so a checkout reads them beside its visit (README § Sequential depth).
 */
export async function activeCrossStoreRules(): Promise<CrossStoreRule[]> {
  return (await listIssueRules()).filter((r): r is CrossStoreRule => r.kind === 'cross_store' && r.active);
}

/** A store's rules a bill paying `paidFen` matches, highest minimum spend first, then by id: the same order on every plan. */
function rulesFor(rules: CrossStoreRule[], storeId: string, paidFen: number): CrossStoreRule[] {
  return rules.filter((r) => r.fromStoreId === storeId && paidFen >= r.minSpendFen).sort((a, b) => b.minSpendFen - a.minSpendFen || a.ruleId.localeCompare(b.ruleId));
}

/**
 * The rules, with their templates and the member's held counts, read ahead of the plan: the
 * templates and counts beside the member, before the bill's amount paid is known.
 */
export interface CrossStoreReads {
  rules: CrossStoreRule[];
  /** Whose held counts `held` are (a visit opened before a merge bills the survivor, whose are read when planned). */
  memberId: string;
  /** The templates read ahead (undefined: gone); a rule's template not in it is read when planned. */
  templates: Map<string, CouponTemplateRecord | undefined>;
  held: Map<string, number>;
}

/** Templates read ahead at most: a store with more rules reads the rest one by one, if a bill gets that far. */
const READ_AHEAD_TEMPLATES = 25;

/**
 * The templates and held counts of the rules a bill at the store could match: it pays at most its
 * amount before discounts, so the rules up to that amount (a BatchGet of each, in one round trip).
 */
export async function readCrossStoreAhead(rules: CrossStoreRule[], memberId: string, storeId: string, amountFen: number): Promise<CrossStoreReads> {
  const templateIds = [...new Set(rulesFor(rules, storeId, amountFen).map((r) => r.templateId))].slice(0, READ_AHEAD_TEMPLATES);
  const [templates, held] = await Promise.all([getTemplates(templateIds), heldCountsOf(memberId, templateIds)]);
  return { rules, memberId, templates, held };
}

export async function crossStorePlan(bill: CrossStoreBill, ahead?: CrossStoreReads): Promise<{ issues: RuleIssue[]; deferred: CrossStoreRule[] }> {
  const rules = rulesFor(ahead?.rules ?? (await activeCrossStoreRules()), bill.storeId, bill.paidFen);
  const templateOf = (id: string) => (ahead?.templates.has(id) ? ahead.templates.get(id) : getTemplate(id));
  const heldOf = (id: string) => (ahead?.memberId === bill.memberId && ahead.held.has(id) ? ahead.held.get(id)! : heldCount(bill.memberId, id));
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
    const [template, held] = await Promise.all([templateOf(rule.templateId), heldOf(rule.templateId)]);
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
