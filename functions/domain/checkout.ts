import { shanghaiDate, shanghaiIso } from '../../shared/dates';
import { priceCheckout } from '../../shared/points';
import type { CheckoutResponse, IssuedCouponSummary, ReverseResponse } from '../../shared/schemas/staff';
import { describeCoupon } from '../../shared/coupons';
import { BusinessRuleError, ConflictError, NotFoundError } from '../lib/errors';
import { countCheckout } from '../lib/metrics';
import { memberAuditPutItem } from '../store/audit';
import { checkoutPutItems, getCheckout, reversalPutItem } from '../store/checkouts';
import { couponRedeemItem, couponRestoreItem, couponWithdrawItem, getMemberCoupons, getTemplate, heldCountItem, templateCountersItem } from '../store/coupons';
import { ledgerPutItem } from '../store/ledger';
import { getMember, memberUpdateItem } from '../store/members';
import { isErased } from '../store/deletion';
import type { CheckoutRecord, CouponTemplateRecord, LedgerRecord, MemberRecord, StaffRecord, VisitRecord } from '../store/records';
import type { LabeledItem } from '../store/transactions';
import { applyCoupons } from './coupons';
import {
  activeCrossStoreRules,
  afterCheckout,
  crossStorePlan,
  deferredCrossStore,
  deferredForRefund,
  mayHaveDeferred,
  readCrossStoreAhead,
  type CrossStoreRule,
} from './cross-store';
import { visitChanges } from './segments';
import { campaignOfRedemption, couponIssuedStats, couponRedeemedStats, pointsStats } from './dashboard';
import { StatsChanges } from '../store/stats';
import { pendingStatsFields } from '../store/stats-pending';
import { applyOnce, type PlannedChange } from './idempotent-change';
import { newId } from './ids';
import type { StaffAccess } from './staff';
import { requireMember } from './members';
import { requireStoreManager } from './permissions';
import { tierOf, withSpend } from './spend';
import { chainStores } from './stores';
import { checkOwnVisit } from './visits';
import { getVisit } from '../store/visits';

export interface CheckoutCommand {
  visitId: string;
  receiptNo: string;
  amountFen: number;
  redeemPoints: number;
  couponIds: string[];
  idempotencyKey: string;
}

function ledgerEntry(
  member: MemberRecord,
  checkout: CheckoutRecord,
  seq: number,
  fields: Pick<LedgerRecord, 'delta' | 'balanceAfter' | 'reason'>,
  staffId: string,
  at: string,
): LedgerRecord {
  return {
    entryId: `${checkout.checkoutId}-${seq}`,
    memberId: member.memberId,
    storeId: checkout.storeId,
    staffId,
    receiptNo: checkout.receiptNo,
    checkoutId: checkout.checkoutId,
    at,
    ...fields,
  };
}

/**
 * Where a checkout's counter adds go: recorded on its bill for the applier (always, in the product),
 * or — set only by the bench, to compare (test/bench/dynamodb-calls.ts) — in its own transaction.
 */
export const checkoutCounting = { inTransaction: false };

/** Per template, one update in a transaction: redemptions and issues of the same template merge. */
function templateUpdates(changes: Array<{ template: { templateId: string; stock: number | null }; issued: number; redeemed: number }>): LabeledItem[] {
  const merged = new Map<string, { template: { templateId: string; stock: number | null }; issued: number; redeemed: number }>();
  for (const change of changes) {
    const seen = merged.get(change.template.templateId);
    if (seen) {
      // The issuing side carries the template's stock; a redemption alone never touches stock.
      if (change.issued !== 0) seen.template = change.template;
      seen.issued += change.issued;
      seen.redeemed += change.redeemed;
    } else merged.set(change.template.templateId, { ...change });
  }
  return [...merged.values()].map((c) => templateCountersItem(c.template, c));
}

/**
 * A bill at the counter, as one transaction: coupons first, then points (100 = ¥1), then points
 * earned on what is paid; cross-store rules issue their coupons in the same write. The receipt
 * claim, the coupons' state changes, the ledger entries, the balance (conditioned on the member's
 * version), the visit history, the audit entry and the idempotency record commit together or not at all.
 */
export async function checkout(caller: StaffRecord | StaffAccess, command: CheckoutCommand, now = Date.now): Promise<CheckoutResponse> {
  const { visitId, receiptNo, amountFen, redeemPoints, couponIds } = command;
  // The visit and the cross-store rules depend only on the request: read beside the staff record,
  // not after it (README § Sequential depth). A plan again after contention reads them afresh.
  const firstReads = () => Promise.all([getVisit(visitId), activeCrossStoreRules()]);
  let ahead: Promise<[VisitRecord | undefined, CrossStoreRule[]]> | undefined = firstReads();
  // Both answered before the plan and the Idempotency-Key's read start, so those run in one round
  // trip. The reads' failure is the plan's to throw, after the rights' refusal if any.
  const [staff] = await Promise.all(['rights' in caller ? caller.rights : caller, ahead.catch(() => undefined)]);
  // Set only when this request's own transaction commits (not on a replay): its deferred cross-store rules.
  let committed: Parameters<typeof afterCheckout>[1];
  const response = await applyOnce<CheckoutResponse>({
    scope: `checkout:${staff.staffId}`,
    key: command.idempotencyKey,
    request: { visitId, receiptNo, amountFen, redeemPoints, couponIds },
    plan: async () => {
      const at = now();
      const today = shanghaiDate(at);
      const [read, rules] = await (ahead ?? firstReads());
      ahead = undefined;
      const visit = await checkOwnVisit(staff, read, at);
      // The cross-store templates and held counts beside the member: the bill pays at most its amount.
      const [member, heldBefore, stores, crossStoreAhead] = await Promise.all([
        requireMember(visit.memberId),
        getMemberCoupons(visit.memberId, couponIds),
        chainStores(at),
        readCrossStoreAhead(rules, visit.memberId, visit.storeId, amountFen),
      ]);
      // A visit opened before a merge bills the survivor: its coupons are in the survivor's partition now.
      const held = member.memberId === visit.memberId ? heldBefore : await getMemberCoupons(member.memberId, couponIds);
      const applied = applyCoupons(held, couponIds, { storeId: visit.storeId, amountFen, today });
      const couponDiscountFen = applied.reduce((sum, a) => sum + a.discountFen, 0);
      const amounts = priceCheckout({ amountFen: amountFen - couponDiscountFen, redeemPoints, tier: tierOf(member, at) });
      if (amounts.pointsSpent > member.points) {
        throw new BusinessRuleError('insufficient_points', `The member has ${member.points} points, fewer than ${amounts.pointsSpent}`, [
          { field: 'redeemPoints', message: `only ${member.points} points available` },
        ]);
      }
      const atIso = new Date(at).toISOString();
      const checkoutId = newId('chk', at);
      const { issues: issued, deferred } = await crossStorePlan(
        { memberId: member.memberId, storeId: visit.storeId, paidFen: amounts.payableFen, checkoutId, at, stores },
        crossStoreAhead,
      );
      // Rules past the transaction's bound: what the bill still owes, written with it (the outbox).
      const later = deferredCrossStore({ memberId: member.memberId, storeId: visit.storeId, checkoutId, at }, deferred);
      const record: CheckoutRecord = {
        checkoutId,
        memberId: member.memberId,
        storeId: visit.storeId,
        staffId: staff.staffId,
        staffName: staff.name,
        visitId,
        receiptNo,
        amountFen,
        ...amounts,
        couponDiscountFen,
        couponsUsed: applied.map(({ coupon, discountFen }) => {
          const campaign = campaignOfRedemption(coupon, at);
          return { couponId: coupon.couponId, templateId: coupon.templateId, name: coupon.name, discountFen, validTo: coupon.validTo, ...(campaign ? { campaign } : {}) };
        }),
        couponsIssued: issued.map(({ coupon }) => ({ couponId: coupon.couponId, templateId: coupon.templateId, name: coupon.name })),
        businessDate: today,
        at: atIso,
      };
      const afterSpend = member.points - amounts.pointsSpent;
      const balance = afterSpend + amounts.pointsEarned;
      const entries: LedgerRecord[] = [];
      if (amounts.pointsSpent > 0) {
        entries.push(ledgerEntry(member, record, 1, { delta: -amounts.pointsSpent, balanceAfter: afterSpend, reason: 'spend' }, staff.staffId, atIso));
      }
      if (amounts.pointsEarned > 0) {
        entries.push(ledgerEntry(member, record, 2, { delta: amounts.pointsEarned, balanceAfter: balance, reason: 'earn' }, staff.staffId, atIso));
      }
      // The visit moves the member's segment, RFM, tags and lapse date in this same write.
      const visited = visitChanges(member, {
        at,
        storeId: visit.storeId,
        kind: 'purchase',
        points: balance,
        spendDays: withSpend(member.spendDays, record.businessDate, amounts.payableFen, at),
      });
      // The dashboards' counters (README § Dashboards): the visit's, then the bill's. Decided here,
      // from the member record this same write conditions on (the distinct members), but recorded
      // on the bill and added by the applier (domain/pending-stats.ts), not in this transaction:
      // 50 bills at once at one store would otherwise all write its day and the chain's.
      const stats = visited.stats;
      record.crossStore = visited.crossStore;
      pointsStats(stats, visit.storeId, today, { earned: amounts.pointsEarned, spent: amounts.pointsSpent });
      for (const used of record.couponsUsed) couponRedeemedStats(stats, used, visit.storeId, today);
      for (const { coupon } of issued) couponIssuedStats(stats, coupon, visit.storeId);
      const names = new Map(stores.map((s) => [s.id, s.name]));
      const issuedSummaries: IssuedCouponSummary[] = issued.map(({ coupon }) => ({
        couponId: coupon.couponId,
        name: coupon.name,
        description: describeCoupon(coupon, coupon.itemName),
        storeNames: coupon.storeIds === null ? null : coupon.storeIds.map((id) => names.get(id) ?? id),
        validTo: coupon.validTo,
      }));
      return {
        response: {
          checkoutId,
          receiptNo,
          amountFen,
          at: shanghaiIso(at),
          couponDiscountFen,
          couponsUsed: record.couponsUsed.map(({ couponId, name, discountFen }) => ({ couponId, name, discountFen })),
          ...amounts,
          balance,
          issuedCoupons: issuedSummaries,
        },
        items: [
          ...checkoutPutItems(record, checkoutCounting.inTransaction ? {} : pendingStatsFields(record, stats.pending())),
          ...applied.map(({ coupon }) => couponRedeemItem(coupon, { checkoutId, storeId: visit.storeId, at: atIso })),
          ...issued.flatMap((i) => i.items),
          ...later.items,
          ...templateUpdates([
            ...applied.map(({ coupon }) => ({ template: { templateId: coupon.templateId, stock: null }, issued: 0, redeemed: 1 })),
            ...issued.map((i) => ({ template: i.template, issued: 1, redeemed: 0 })),
          ]),
          ...entries.map((entry) => ledgerPutItem(entry, atIso)),
          memberUpdateItem(member, visited.after, visited.extra),
          ...(checkoutCounting.inTransaction ? stats.items() : []),
          memberAuditPutItem(staff, member, {
            auditId: newId('aud', at),
            storeId: visit.storeId,
            action: 'checkout',
            ref: checkoutId,
            at: atIso,
          }),
        ],
        onConditionFailed: (failed) => {
          if (failed.includes('receipt')) {
            throw new ConflictError('receipt_used', `Receipt ${receiptNo} has already been checked out at this store`);
          }
          // A coupon used, a stock or limit taken by a concurrent request: plan again, which says why.
        },
        onCommitted: () => {
          committed = { memberId: member.memberId, pending: later.pending };
          countCheckout({ pointsEarned: amounts.pointsEarned, pointsSpent: amounts.pointsSpent, couponsRedeemed: applied.length });
        },
      };
    },
  });
  // The deferred cross-store coupons, after the commit (and finished by a replay of the key).
  return afterCheckout(response, committed);
}

/**
 * The coupons a bill earned that its refund takes back: those of its own transaction and those
 * issued after it (deferred cross-store rules), with the item that cancels what it still owes. One
 * already used makes the refund refuse, as points already spent do: the member got its value, so the
 * refund would pay it out twice. One gone (expired and cleaned up) is nothing to take back. Each
 * comes with its whole template, so a sharded template's unit goes back to one of its stock shards.
 */
async function withdrawable(memberId: string, bill: CheckoutRecord): Promise<{ withdrawn: Array<{ couponId: string; template: WithdrawnTemplate }>; cancel: LabeledItem[] }> {
  const earned = (bill.couponsIssued ?? []).map((c) => c.couponId);
  const later = mayHaveDeferred(bill) ? await deferredForRefund(memberId, bill.checkoutId) : { couponIds: [], cancel: [] };
  const ids = [...earned, ...later.couponIds];
  if (ids.length === 0) return { withdrawn: [], cancel: later.cancel };
  const held = (await Promise.all(chunks(ids, 100).map((part) => getMemberCoupons(memberId, part)))).flat();
  const used = held.find((c) => c.status === 'used');
  if (used) {
    throw new BusinessRuleError('earned_coupon_used', `The member has already used the coupon this bill earned (${used.name})`);
  }
  const templateIds = [...new Set(held.map((c) => c.templateId))];
  const templates = new Map(await Promise.all(templateIds.map(async (id) => [id, await getTemplate(id)] as const)));
  const withdrawn = held.map((coupon) => ({
    couponId: coupon.couponId,
    template: templates.get(coupon.templateId) ?? { templateId: coupon.templateId, stock: null, perMemberLimit: 1 },
  }));
  return { withdrawn, cancel: later.cancel };
}

type WithdrawnTemplate = Pick<CouponTemplateRecord, 'templateId' | 'stock' | 'perMemberLimit'>;
const chunks = <T>(list: T[], size: number): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/**
 * A manager's refund of a bill: the points spent come back and the points earned go, as two new
 * ledger entries; the spend leaves the tier window; coupons used come back if still within their
 * validity, and coupons the bill earned (cross-store) are taken back. Refused if the member has
 * already spent the points the bill earned (the balance never goes negative), or used the coupon
 * it earned: settle that at the counter first.
 */
export async function reverseCheckout(staff: StaffRecord, command: { checkoutId: string; idempotencyKey: string }, now = Date.now): Promise<ReverseResponse> {
  const { checkoutId } = command;
  return applyOnce<ReverseResponse>({
    scope: `reverse:${staff.staffId}`,
    key: command.idempotencyKey,
    request: { checkoutId },
    plan: async () => {
      const at = now();
      const bill = await getCheckout(checkoutId);
      if (!bill) throw new NotFoundError('checkout_not_found', 'No such checkout');
      requireStoreManager(staff, bill.storeId, 'Only a manager of the store where the bill was made can reverse it');
      const holder = await getMember(bill.memberId);
      if (holder && isErased(holder)) return refundOfErasedMember(staff, bill, at);
      const member = await requireMember(bill.memberId);
      const afterRestore = member.points + bill.pointsSpent;
      const balance = afterRestore - bill.pointsEarned;
      if (balance < 0) {
        throw new BusinessRuleError('points_already_spent', `The member has already used points earned on this bill (balance ${member.points}, earned ${bill.pointsEarned})`);
      }
      const atIso = new Date(at).toISOString();
      const entry = (seq: number, fields: Pick<LedgerRecord, 'delta' | 'balanceAfter' | 'reason'>): LedgerRecord => ({
        entryId: `${bill.checkoutId}-r${seq}`,
        memberId: member.memberId,
        storeId: bill.storeId,
        staffId: staff.staffId,
        receiptNo: bill.receiptNo,
        checkoutId: bill.checkoutId,
        at: atIso,
        ...fields,
      });
      const entries: LedgerRecord[] = [];
      if (bill.pointsSpent > 0) entries.push(entry(1, { delta: bill.pointsSpent, balanceAfter: afterRestore, reason: 'reverse_spend' }));
      if (bill.pointsEarned > 0) entries.push(entry(2, { delta: -bill.pointsEarned, balanceAfter: balance, reason: 'reverse_earn' }));
      const today = shanghaiDate(at);
      const restored = (bill.couponsUsed ?? []).filter((c) => c.validTo >= today);
      const { withdrawn, cancel } = await withdrawable(member.memberId, bill);
      // The dashboards take back what the bill added, on the bill's day. Members served, new and
      // repeat stay: the member was served that day (README § Dashboards).
      const stats = refundStats(bill);
      if (counted(bill)) {
        pointsStats(stats, bill.storeId, bill.businessDate, { earned: bill.pointsEarned, spent: bill.pointsSpent }, -1);
        for (const used of restored) couponRedeemedStats(stats, used, bill.storeId, bill.businessDate, -1);
        for (const w of withdrawn) couponIssuedStats(stats, { templateId: w.template.templateId, source: 'cross_store', issuedAt: bill.at }, bill.storeId, -1);
      }
      return {
        response: {
          checkoutId,
          pointsRestored: bill.pointsSpent,
          pointsClawedBack: bill.pointsEarned,
          balance,
          couponsRestored: restored.map((c) => c.couponId),
          couponsWithdrawn: withdrawn.map((w) => w.couponId),
        },
        items: [
          reversalPutItem(bill, { checkoutId, staffId: staff.staffId, staffName: staff.name, at: atIso }),
          ...entries.map((e) => ledgerPutItem(e, atIso)),
          ...restored.map((c) => couponRestoreItem(member.memberId, c.couponId, checkoutId)),
          ...withdrawn.flatMap((w) => [couponWithdrawItem(member.memberId, w.couponId), heldCountItem(member.memberId, w.template.templateId, -1, w.template.perMemberLimit)]),
          ...templateUpdates([
            ...restored.map((c) => ({ template: { templateId: c.templateId, stock: null }, issued: 0, redeemed: -1 })),
            ...withdrawn.map((w) => ({ template: w.template, issued: -1, redeemed: 0 })),
          ]),
          ...cancel,
          memberUpdateItem(member, {
            points: balance,
            spendDays: withSpend(member.spendDays, bill.businessDate, -bill.payableFen, at),
            visitCount: member.visitCount ?? 0,
            firstVisitAt: member.firstVisitAt,
            lastVisitAt: member.lastVisitAt,
          }),
          ...stats.items(),
          memberAuditPutItem(staff, member, {
            auditId: newId('aud', at),
            storeId: bill.storeId,
            action: 'reverse_checkout',
            ref: checkoutId,
            at: atIso,
          }),
        ],
        onConditionFailed: (failed) => {
          if (failed.includes('reversal')) throw new ConflictError('already_reversed', 'This checkout has already been reversed');
          // An earned coupon used meanwhile, or a deferred coupon issued meanwhile: plan again.
        },
      };
    },
  });
}

/** Bills from before the dashboards were never counted (no `crossStore` field): their refund takes nothing off. */
const counted = (bill: CheckoutRecord) => bill.crossStore !== undefined;

/** A refunded bill's visit, taken off its day (and its cross-store count if it had one). */
function refundStats(bill: CheckoutRecord): StatsChanges {
  if (!counted(bill)) return new StatsChanges();
  const stats = new StatsChanges().addDay(bill.storeId, bill.businessDate, 'visits', -1);
  if (bill.crossStore) stats.addDay(bill.storeId, bill.businessDate, 'crossStoreVisits', -1);
  return stats;
}

/**
 * The refund of a bill whose member deleted their membership (注销会员): the money goes back at the
 * till and the bill is marked reversed for the store's accounts, but there are no points to take
 * back or give (they were forfeited) and no coupons (they were voided).
 */
function refundOfErasedMember(staff: StaffRecord, bill: CheckoutRecord, at: number): PlannedChange<ReverseResponse> {
  const atIso = new Date(at).toISOString();
  return {
    response: { checkoutId: bill.checkoutId, pointsRestored: 0, pointsClawedBack: 0, balance: 0, couponsRestored: [], couponsWithdrawn: [] },
    // The visit leaves the dashboards; its points were forfeited with the membership (counted then).
    items: [reversalPutItem(bill, { checkoutId: bill.checkoutId, staffId: staff.staffId, staffName: staff.name, at: atIso }), ...refundStats(bill).items()],
    onConditionFailed: (failed) => {
      if (failed.includes('reversal')) throw new ConflictError('already_reversed', 'This checkout has already been reversed');
    },
  };
}
