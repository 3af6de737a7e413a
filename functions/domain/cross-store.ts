import { shanghaiDate } from '../../shared/dates';
import type { Store } from '../../shared/schemas/stores';
import { describeCoupon } from '../../shared/coupons';
import type { CheckoutResponse, IssuedCouponSummary } from '../../shared/schemas/staff';
import { logger } from '../lib/log';
import { getCheckout } from '../store/checkouts';
import {
  couponPutItem,
  crossStoreClaimItem,
  crossStoreDeferredState,
  crossStorePendingCancelItem,
  crossStorePendingPutItem,
  crossStorePendingStepItem,
  getMemberCoupons,
  getTemplate,
  getTemplates,
  heldCount,
  heldCountsOf,
  heldCountItem,
  listIssueRules,
  pendingCrossStore,
  templateCountersItem,
  type CrossStoreClaimRecord,
  type CrossStorePendingRecord,
} from '../store/coupons';
import type { CouponTemplateRecord, IssueRuleRecord, MemberCouponRecord } from '../store/records';
import { StatsChanges } from '../store/stats';
import { runTransaction, type LabeledItem } from '../store/transactions';
import { issueBlock, newCoupon } from './coupons';
import { couponIssuedStats } from './dashboard';
import { chainStores } from './stores';

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

// ---- after the checkout: the deferred rules (SCALE.md § Cross-store rules) ------------------------
//
// Why an outbox and not only "issue after the commit, in the request": the deferred coupons are a
// promise printed on the bill. A Lambda can time out or die between the commit and the follow-up,
// and a cashier whose app closed never retries the key; so the checkout's own transaction writes
// what it still owes (`crossStorePendingPutItem`). The request then issues it at once (the usual
// case, and the response lists the coupons), a replay of the same key finishes it, and the sweeper
// (`issuePendingCrossStore`, a scheduled job) finishes what neither did. Every runner claims each
// coupon `RULEISSUE#xs#<checkoutId>#<templateId>` in the transaction that issues it, so however
// many run at once, each (checkout, template) — one per rule, a bill earns one coupon per
// template — is issued once.

/** What the checkout's transaction writes beside the bill for its deferred rules: nothing if none were. */
export function deferredCrossStore(
  bill: Pick<CrossStoreBill, 'memberId' | 'storeId' | 'checkoutId' | 'at'>,
  deferred: CrossStoreRule[],
): { pending?: CrossStorePendingRecord; items: LabeledItem[] } {
  if (deferred.length === 0) return { items: [] };
  const { memberId, storeId, checkoutId, at } = bill;
  const rules = deferred.map((r) => ({ ruleId: r.ruleId, templateId: r.templateId, toStoreIds: r.toStoreIds ?? null }));
  const pending: CrossStorePendingRecord = { memberId, storeId, checkoutId, at, rules, issued: 0 };
  return { pending, items: [crossStorePendingPutItem(pending)] };
}

/** Coupons per follow-up transaction: 4 items each + the pending record + the stats stay below 100. */
const PER_TRANSACTION = 20;
const MAX_ROUNDS = 10;

/**
 * Issues what a checkout still owes, in transactions of up to 20 coupons (each with its claim and
 * the pending record, which the last one deletes). Safe to run any number of times, concurrently:
 * a claim or the record already gone makes a runner read again and stop when nothing is pending.
 * A rule whose template cannot issue (paused, sold out, member at its limit) is skipped, as inside
 * the checkout. Returns every coupon the bill earned this way (issued by this runner or another).
 */
export async function issueDeferredCrossStore(memberId: string, checkoutId: string, known?: CrossStorePendingRecord): Promise<MemberCouponRecord[]> {
  let state = known ? { pending: known, claims: [] as CrossStoreClaimRecord[] } : await crossStoreDeferredState(memberId, checkoutId);
  let current = !known; // whether `state` is what the table holds now
  for (let round = 0; state.pending && round < MAX_ROUNDS; round++) {
    const pending = state.pending;
    const claimed = new Set(state.claims.map((c) => c.templateId));
    const todo = pending.rules.filter((r) => !claimed.has(r.templateId));
    const batch = todo.slice(0, PER_TRANSACTION);
    const last = batch.length === todo.length;
    const [stores, ...reads] = await Promise.all([
      chainStores(pending.at),
      ...batch.map(async (rule) => ({ rule, template: await getTemplate(rule.templateId), held: await heldCount(pending.memberId, rule.templateId) })),
    ]);
    const today = shanghaiDate(pending.at);
    const stats = new StatsChanges();
    const items: LabeledItem[] = [];
    for (const { rule, template, held } of reads as Array<{ rule: CrossStorePendingRecord['rules'][number]; template: CouponTemplateRecord | undefined; held: number }>) {
      if (!template || issueBlock(template, held, today)) continue;
      const storeIds = rule.toStoreIds ?? stores.map((s) => s.id).filter((id) => id !== pending.storeId);
      const coupon = newCoupon(pending.memberId, template, 'cross_store', pending.at, { storeIds, issuedBy: `checkout:${pending.checkoutId}` });
      // Counted on the bill's store, as the checkout counts its own (and its refund takes back).
      couponIssuedStats(stats, coupon, pending.storeId);
      items.push(
        crossStoreClaimItem(pending.memberId, pending.checkoutId, { templateId: template.templateId, couponId: coupon.couponId, at: coupon.issuedAt }),
        couponPutItem(coupon),
        heldCountItem(pending.memberId, template.templateId, 1, template.perMemberLimit),
        templateCountersItem(template, { issued: 1, redeemed: 0 }),
      );
    }
    const outcome = await runTransaction([...items, ...stats.items(), crossStorePendingStepItem(pending.memberId, pending.checkoutId, last)]);
    if (outcome.ok && last) {
      current = false;
      break;
    }
    // Not ok: a stock shard or a limit taken meanwhile, another runner's claim, or the record gone
    // (finished or cancelled by a refund). Read again and go on from there.
    if (!outcome.ok) await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * (round + 1)));
    state = await crossStoreDeferredState(memberId, checkoutId);
    current = true;
  }
  return earnedLater(memberId, current && !state.pending ? state.claims : (await crossStoreDeferredState(memberId, checkoutId)).claims);
}

/** The coupons a bill earned after its checkout (their claims), as they are now. */
async function earnedLater(memberId: string, claims: CrossStoreClaimRecord[]): Promise<MemberCouponRecord[]> {
  const coupons: MemberCouponRecord[] = [];
  for (let i = 0; i < claims.length; i += 100)
    coupons.push(
      ...(await getMemberCoupons(
        memberId,
        claims.slice(i, i + 100).map((c) => c.couponId),
      )),
    );
  return coupons;
}

/**
 * After `applyOnce` answered a checkout: `pending` is what this request's own commit deferred
 * (undefined on a replay of the key, which finishes what the first request may not have). The
 * response lists every coupon the bill earned, inside its transaction and after. A failure here
 * never fails the bill (it is committed): what is left pending, the sweeper issues.
 */
export async function afterCheckout(response: CheckoutResponse, committed: { memberId: string; pending?: CrossStorePendingRecord } | undefined): Promise<CheckoutResponse> {
  if (committed && !committed.pending) return response;
  // A replay: only a bill whose transaction issued the most it may can have deferred rules.
  if (!committed && !mayHaveDeferred({ couponsIssued: response.issuedCoupons })) return response;
  try {
    const memberId = committed?.memberId ?? (await getCheckout(response.checkoutId))?.memberId;
    if (!memberId) return response;
    const [later, stores] = await Promise.all([issueDeferredCrossStore(memberId, response.checkoutId, committed?.pending), chainStores()]);
    if (later.length === 0) return response;
    const names = new Map(stores.map((s) => [s.id, s.name]));
    const listed = new Set(response.issuedCoupons.map((c) => c.couponId));
    return { ...response, issuedCoupons: [...response.issuedCoupons, ...later.filter((c) => !listed.has(c.couponId)).map((c) => issuedCouponSummary(c, names))] };
  } catch (error) {
    logger.error('cross-store: follow-up left for the sweeper', { checkoutId: response.checkoutId, error: error instanceof Error ? error.message : String(error) });
    return response;
  }
}

export function issuedCouponSummary(coupon: MemberCouponRecord, names: Map<string, string>): IssuedCouponSummary {
  return {
    couponId: coupon.couponId,
    name: coupon.name,
    description: describeCoupon(coupon, coupon.itemName),
    storeNames: coupon.storeIds === null ? null : coupon.storeIds.map((id) => names.get(id) ?? id),
    validTo: coupon.validTo,
  };
}

/**
 * The sweeper (a scheduled job, every few minutes): follow-ups still pending a minute after their
 * checkout — the request died, or failed to reach DynamoDB — are finished here.
 */
export async function issuePendingCrossStore(now = Date.now(), graceMs = 60_000): Promise<{ finished: number }> {
  const pending = await pendingCrossStore(now - graceMs);
  for (const p of pending) await issueDeferredCrossStore(p.memberId, p.checkoutId);
  return { finished: pending.length };
}

/** Only a bill whose transaction issued the most it may can have deferred rules: other refunds read nothing more. */
export const mayHaveDeferred = (bill: { couponsIssued?: unknown[] }): boolean => (bill.couponsIssued?.length ?? 0) >= MAX_CROSS_STORE_IN_CHECKOUT;

/**
 * For a refund: the coupons the bill earned after its checkout, and the item that cancels what it
 * still owes (conditioned on no follow-up writing meanwhile: then the refund plans again).
 */
export async function deferredForRefund(memberId: string, checkoutId: string): Promise<{ couponIds: string[]; cancel: LabeledItem[] }> {
  const { pending, claims } = await crossStoreDeferredState(memberId, checkoutId);
  return { couponIds: claims.map((c) => c.couponId), cancel: pending ? [crossStorePendingCancelItem(pending)] : [] };
}
