import { couponDiscountFen, couponRefusal, describeCoupon, validityOpen, validityWindow, type CouponRefusal } from '../../shared/coupons';
import { shanghaiDate, shanghaiIso } from '../../shared/dates';
import type { ClaimableResponse, CouponSource, CouponTemplate, MemberCoupon, MemberCouponStatus } from '../../shared/schemas/coupons';
import { BusinessRuleError, ConflictError, ForbiddenError, NotFoundError, RetryableError } from '../lib/errors';
import { count, countExchange } from '../lib/metrics';
import {
  couponPutItem,
  getTemplate,
  heldCount,
  heldCountItem,
  heldCounts,
  listMemberCoupons,
  listTemplates,
  ruleIssueItem,
  stockShardsOf,
  templateCountersItem,
  withRedeemedCounts,
  type StockSharded,
} from '../store/coupons';
import { ledgerPutItem } from '../store/ledger';
import { memberAgreedCheckItem } from '../store/pending-members';
import { memberUpdateItem } from '../store/members';
import type { CouponTemplateRecord, MemberCouponRecord } from '../store/records';
import { runTransaction, type LabeledItem } from '../store/transactions';
import { applyOnce } from './idempotent-change';
import { POINTS_OUTSTANDING, StatsChanges } from '../store/stats';
import { couponIssuedStats } from './dashboard';
import { newId } from './ids';
import { requireSignedInMember } from './members';
import { storeNames } from './stores';

// ---- views ---------------------------------------------------------------------------------------

const namesOf = (ids: string[] | null, names: Map<string, string>) => (ids === null ? null : ids.map((id) => names.get(id) ?? id));

export function templateView(t: CouponTemplateRecord, names: Map<string, string>): CouponTemplate {
  return {
    id: t.templateId,
    name: t.name,
    description: describeCoupon(t, t.itemName),
    kind: t.kind,
    valueFen: t.valueFen,
    payPercent: t.payPercent,
    capFen: t.capFen,
    itemName: t.itemName,
    minSpendFen: t.minSpendFen,
    validity: t.validity,
    storeIds: t.storeIds,
    storeNames: namesOf(t.storeIds, names),
    stock: t.stock,
    remaining: t.remaining,
    perMemberLimit: t.perMemberLimit,
    obtainedBy: t.obtainedBy,
    pointsCost: t.pointsCost,
    stackable: t.stackable,
    status: t.status,
    ownerStoreId: t.ownerStoreId,
    issuedCount: t.issuedCount ?? 0,
    redeemedCount: t.redeemedCount ?? 0,
    createdAt: shanghaiIso(Date.parse(t.createdAt)),
  };
}

/** Expired is not stored: an available coupon past its last day is expired. */
function couponStatus(coupon: Pick<MemberCouponRecord, 'status' | 'validTo'>, today: string): MemberCouponStatus {
  if (coupon.status === 'used') return 'used';
  return coupon.validTo < today ? 'expired' : 'available';
}

export function couponView(c: MemberCouponRecord, names: Map<string, string>, now = Date.now()): MemberCoupon {
  return {
    id: c.couponId,
    templateId: c.templateId,
    name: c.name,
    description: describeCoupon(c, c.itemName),
    kind: c.kind,
    valueFen: c.valueFen,
    payPercent: c.payPercent,
    capFen: c.capFen,
    itemName: c.itemName,
    minSpendFen: c.minSpendFen,
    storeIds: c.storeIds,
    storeNames: namesOf(c.storeIds, names),
    stackable: c.stackable,
    validFrom: c.validFrom,
    validTo: c.validTo,
    status: couponStatus(c, shanghaiDate(now)),
    source: c.source,
    issuedAt: shanghaiIso(Date.parse(c.issuedAt)),
    usedAt: c.usedAt ? shanghaiIso(Date.parse(c.usedAt)) : null,
    usedStoreName: c.usedStoreId ? (names.get(c.usedStoreId) ?? c.usedStoreId) : null,
  };
}

/** Usable today at this store (or at any store when storeId is omitted); minimum spend is per bill. */
export function usableNow(c: MemberCouponRecord, today: string, storeId?: string): boolean {
  if (couponStatus(c, today) !== 'available' || today < c.validFrom) return false;
  return storeId === undefined || c.storeIds === null || c.storeIds.includes(storeId);
}

// ---- issuing ------------------------------------------------------------------------------------

/** A coupon of the template for the member: the template's terms, frozen at issue. */
export function newCoupon(
  memberId: string,
  template: CouponTemplateRecord,
  source: CouponSource,
  at: number,
  options: { storeIds?: string[] | null; issuedBy?: string | null } = {},
): MemberCouponRecord {
  const window = validityWindow(template.validity, shanghaiDate(at));
  return {
    couponId: newId('cpn', at),
    memberId,
    templateId: template.templateId,
    name: template.name,
    kind: template.kind,
    valueFen: template.valueFen,
    payPercent: template.payPercent,
    capFen: template.capFen,
    itemName: template.itemName,
    minSpendFen: template.minSpendFen,
    storeIds: options.storeIds !== undefined ? options.storeIds : template.storeIds,
    stackable: template.stackable,
    ...window,
    status: 'available',
    source,
    issuedAt: new Date(at).toISOString(),
    issuedBy: options.issuedBy ?? null,
    usedAt: null,
    usedStoreId: null,
    usedCheckoutId: null,
  };
}

export type IssueBlock = 'not_active' | 'sold_out' | 'limit_reached' | 'validity_over';

/** Why the template cannot issue one more coupon to a member holding `held`, or null. */
export function issueBlock(template: CouponTemplateRecord, held: number, today: string): IssueBlock | null {
  if (template.status !== 'active') return 'not_active';
  if (!validityOpen(template.validity, today)) return 'validity_over';
  if (template.remaining !== null && template.remaining < 1) return 'sold_out';
  if (held >= template.perMemberLimit) return 'limit_reached';
  return null;
}

/** The writes that issue one coupon: stock and count on the template, the member's limit, the coupon. */
export function issueItems(template: CouponTemplateRecord, coupon: MemberCouponRecord, stats = new StatsChanges()): LabeledItem[] {
  // The dashboards' coupons issued (the chain's, and the owner store's for a store's own template),
  // and the campaign's for a birthday or comeback coupon (README § Dashboards). `stats`: more
  // counters of the same transaction, so each counter item is written once.
  couponIssuedStats(stats, coupon, template.ownerStoreId);
  return [
    templateCountersItem(template, { issued: 1, redeemed: 0 }),
    heldCountItem(coupon.memberId, template.templateId, 1, template.perMemberLimit),
    couponPutItem(coupon),
    ...stats.items(),
  ];
}

function refuseIssue(block: IssueBlock): never {
  switch (block) {
    case 'sold_out':
      throw new ConflictError('sold_out', 'This coupon has run out');
    case 'limit_reached':
      throw new ConflictError('limit_reached', 'You already hold as many of this coupon as allowed');
    case 'not_active':
      throw new BusinessRuleError('template_not_active', 'This coupon is not being issued now');
    case 'validity_over':
      throw new BusinessRuleError('template_not_active', 'This coupon’s validity has ended');
  }
}

async function requireTemplate(templateId: string): Promise<CouponTemplateRecord> {
  const template = await getTemplate(templateId);
  if (!template) throw new NotFoundError('template_not_found', 'No such coupon template');
  return template;
}

/** A failed stock or limit condition means someone else got there first: plan again and say why. */
const retryOnRace = (failed: string[]) => {
  if (failed.some((label) => label.startsWith('coupon:'))) throw new RetryableError('busy', 'Please retry');
};

/**
 * A sharded template's claim (SCALE.md) tries each stock shard at most once: a shard whose
 * condition failed is left out of the next plan, and when no untried shard has stock it is sold out.
 */
function leaveOutTried(template: CouponTemplateRecord, tried: Set<number>): void {
  const sharded = template as StockSharded;
  if (stockShardsOf(template) === 0 || !sharded.openShards) return;
  sharded.openShards = sharded.openShards.filter((shard) => !tried.has(shard));
  if (sharded.openShards.length === 0) sharded.remaining = 0;
}
const noteTried = (failed: string[], tried: Set<number>) => {
  for (const label of failed) if (label.startsWith('stock:')) tried.add(Number(label.slice(label.lastIndexOf(':') + 1)));
};

/** 领券: stock never oversells and the per-member limit holds, however many claim at once. */
export async function claimCoupon(memberId: string, templateId: string, idempotencyKey: string, now = Date.now): Promise<MemberCoupon> {
  const triedShards = new Set<number>();
  const claimed = applyOnce<MemberCouponRecord>({
    scope: `claim:${memberId}`,
    key: idempotencyKey,
    request: { templateId },
    plan: async () => {
      const at = now();
      const [template, held] = await Promise.all([requireTemplate(templateId), heldCount(memberId, templateId)]);
      if (template.obtainedBy !== 'claim') {
        throw new BusinessRuleError('not_claimable', template.obtainedBy === 'exchange' ? 'This coupon is exchanged for points' : 'This coupon cannot be claimed');
      }
      leaveOutTried(template, triedShards);
      const block = issueBlock(template, held, shanghaiDate(at));
      if (block) refuseIssue(block);
      const coupon = newCoupon(memberId, template, 'claim', at);
      return {
        response: coupon,
        // A first login that has not agreed to the privacy notice claims nothing (README § Privacy).
        items: [...issueItems(template, coupon), memberAgreedCheckItem(memberId)],
        onConditionFailed: (failed) => {
          if (failed.includes('member_agreed')) throw new ForbiddenError('consent_required', 'Agree to the privacy notice first (POST /v1/me/consent)');
          noteTried(failed, triedShards);
          retryOnRace(failed);
        },
        onCommitted: () => count('Claims'),
      };
    },
  });
  // The store names (cached a minute) are read beside the claim, not after it: a cold container's
  // claim stays at two round trips (README § Sequential depth).
  const [issued, names] = await Promise.all([claimed, storeNames()]);
  return couponView(issued, names, now());
}

/** 积分兑换: the points go and the coupon comes in one transaction, or neither happens. */
export async function exchangeCoupon(memberId: string, templateId: string, idempotencyKey: string, now = Date.now): Promise<{ coupon: MemberCoupon; balance: number }> {
  const result = await applyOnce<{ coupon: MemberCouponRecord; balance: number }>({
    scope: `exchange:${memberId}`,
    key: idempotencyKey,
    request: { templateId },
    plan: async () => {
      const at = now();
      const [template, held, member] = await Promise.all([requireTemplate(templateId), heldCount(memberId, templateId), requireSignedInMember(memberId)]);
      if (template.obtainedBy !== 'exchange' || template.pointsCost === null) {
        throw new BusinessRuleError('not_exchangeable', 'This coupon is not exchanged for points');
      }
      const block = issueBlock(template, held, shanghaiDate(at));
      if (block) refuseIssue(block);
      if (member.points < template.pointsCost) {
        throw new BusinessRuleError('insufficient_points', `Exchanging needs ${template.pointsCost} points; the member has ${member.points}`);
      }
      const coupon = newCoupon(memberId, template, 'exchange', at);
      const balance = member.points - template.pointsCost;
      const atIso = new Date(at).toISOString();
      return {
        response: { coupon, balance },
        items: [
          // Points spent on an exchange: the chain's points redeemed that day, and off the outstanding points.
          ...issueItems(
            template,
            coupon,
            new StatsChanges().addDay(null, shanghaiDate(at), 'pointsRedeemed', template.pointsCost).addTotal(POINTS_OUTSTANDING, -template.pointsCost),
          ),
          ledgerPutItem(
            {
              entryId: `${coupon.couponId}-x`,
              memberId,
              delta: -template.pointsCost,
              balanceAfter: balance,
              reason: 'exchange',
              storeId: null,
              staffId: null,
              receiptNo: null,
              checkoutId: null,
              at: atIso,
            },
            atIso,
          ),
          // The balance was computed from this version of the member: any concurrent change fails it.
          memberUpdateItem(member, { ...member, points: balance }),
        ],
        onConditionFailed: retryOnRace,
        onCommitted: () => countExchange(template.pointsCost ?? 0),
      };
    },
  });
  return { coupon: couponView(result.coupon, await storeNames(), now()), balance: result.balance };
}

/**
 * The hook every rule uses (welcome now; birthday and reactivation from the daily jobs): issues the
 * template to the member at most once per (rule, period). Returns null when the rule has already
 * issued for the period or the template cannot issue (paused, sold out, limit reached).
 */
export async function issueByRule(
  memberId: string,
  rule: { name: string; period: string; source: CouponSource },
  templateId: string,
  now = Date.now(),
  extraItems: LabeledItem[] = [],
): Promise<MemberCouponRecord | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const template = await getTemplate(templateId);
    if (!template) return null;
    const held = await heldCount(memberId, templateId);
    if (issueBlock(template, held, shanghaiDate(now))) return null;
    const coupon = newCoupon(memberId, template, rule.source, now, { issuedBy: `${rule.name}:${rule.period}` });
    const outcome = await runTransaction([
      ruleIssueItem(memberId, rule.name, rule.period, templateId, coupon.couponId, coupon.issuedAt),
      ...issueItems(template, coupon),
      ...extraItems,
    ]);
    if (outcome.ok) return coupon;
    if (outcome.failed.includes(`rule:${rule.name}:${templateId}`)) return null;
    // Stock or limit raced another write: look again.
  }
  return null;
}

// ---- the member's side --------------------------------------------------------------------------

export async function myCoupons(memberId: string, status: MemberCouponStatus, now = Date.now()): Promise<MemberCoupon[]> {
  const [coupons, names] = await Promise.all([listMemberCoupons(memberId), storeNames()]);
  const today = shanghaiDate(now);
  return coupons
    .filter((c) => couponStatus(c, today) === status)
    .sort((a, b) => (status === 'available' ? a.validTo.localeCompare(b.validTo) : b.issuedAt.localeCompare(a.issuedAt)))
    .map((c) => couponView(c, names, now));
}

export async function usableCouponCount(memberId: string, now = Date.now()): Promise<number> {
  const today = shanghaiDate(now);
  return (await listMemberCoupons(memberId)).filter((c) => usableNow(c, today)).length;
}

/** 领券中心: what the member can claim or exchange, with what stands in the way. */
export async function claimableTemplates(memberId: string, now = Date.now()): Promise<ClaimableResponse> {
  const [templates, held, member, names] = await Promise.all([listTemplates(), heldCounts(memberId), requireSignedInMember(memberId), storeNames()]);
  const today = shanghaiDate(now);
  // Redemptions counted on the redeemed shards (SCALE.md), summed at most 10 s ago in this container.
  const offered = await withRedeemedCounts(
    templates.filter((t) => (t.obtainedBy === 'claim' || t.obtainedBy === 'exchange') && t.status === 'active' && validityOpen(t.validity, today)),
    10_000,
    now,
  );
  return {
    items: offered.map((t) => {
      const count = held.get(t.templateId) ?? 0;
      let blockedBy: ClaimableResponse['items'][number]['blockedBy'] = null;
      if (t.remaining !== null && t.remaining < 1) blockedBy = 'sold_out';
      else if (count >= t.perMemberLimit) blockedBy = 'limit_reached';
      else if (t.pointsCost !== null && member.points < t.pointsCost) blockedBy = 'insufficient_points';
      return { ...templateView(t, names), held: count, blockedBy };
    }),
  };
}

// ---- at the counter ----------------------------------------------------------------------------

export interface AppliedCoupon {
  coupon: MemberCouponRecord;
  discountFen: number;
}

/**
 * The coupons a bill may use: each the member's own, available, valid here and today, above its
 * minimum spend; more than one only if every one stacks. Each refusal is a 422 naming why.
 */
export function applyCoupons(held: MemberCouponRecord[], couponIds: string[], bill: { storeId: string; amountFen: number; today: string }): AppliedCoupon[] {
  const byId = new Map(held.map((c) => [c.couponId, c]));
  const chosen = couponIds.map((id) => {
    const coupon = byId.get(id);
    if (!coupon) {
      throw new BusinessRuleError('coupon_not_owned', 'This coupon does not belong to this member', [{ field: 'couponIds', message: `${id} is not this member's coupon` }]);
    }
    if (coupon.status === 'used') throw new ConflictError('coupon_used', `Coupon ${coupon.name} has already been used`);
    const refusal = couponRefusal(coupon, bill);
    if (refusal) throw new BusinessRuleError(refusal, REFUSAL_MESSAGES[refusal](coupon), [{ field: 'couponIds', message: refusal }]);
    return coupon;
  });
  if (chosen.length > 1 && chosen.some((c) => !c.stackable)) {
    throw new BusinessRuleError('coupon_not_stackable', 'Only one coupon per bill unless every coupon used stacks', [{ field: 'couponIds', message: 'one coupon per bill' }]);
  }
  let left = bill.amountFen;
  return chosen.map((coupon) => {
    const discountFen = Math.min(left, couponDiscountFen(coupon, bill.amountFen));
    left -= discountFen;
    return { coupon, discountFen };
  });
}

const REFUSAL_MESSAGES: Record<CouponRefusal, (c: MemberCouponRecord) => string> = {
  coupon_not_yet_valid: (c) => `Coupon ${c.name} is valid from ${c.validFrom}`,
  coupon_expired: (c) => `Coupon ${c.name} expired on ${c.validTo}`,
  coupon_not_valid_at_store: (c) => `Coupon ${c.name} cannot be used at this store`,
  coupon_min_spend: (c) => `Coupon ${c.name} needs a bill of at least ${c.minSpendFen} fen`,
};
