/**
 * 待跟进: the follow-up a low rating opens, once per member across the chain (README § Ratings and
 * follow-ups). A manager sees their store's open follow-ups (and those closed in the last 7 days),
 * with the other stores involved: the first store listed opened it and is the one handling it, so
 * two stores never call the same customer about it. HQ sees every open one, due first, overdue
 * flagged. 记录跟进 records what a store did, each in one transaction with its audit entry, the
 * idempotency record and, if given, the goodwill coupon (stock, per-member limit, coupon; one per
 * follow-up):
 *  - 已联系 is a step, not a close: the member is one customer and should get one caller, so the
 *    follow-up stays their one open follow-up (a later low rating anywhere joins it), answered
 *    (`respondedAt`, no longer overdue), audited `follow_up_contact`;
 *  - 已解决 / 无法联系 close it: out of HQ's open list, each store's link moved to its closed part, the
 *    member's claim released, the opening store's day counted, audited `follow_up_close`.
 */
import type * as z from 'zod/mini';
import { describeCoupon, validityOpen } from '../../shared/coupons';
import { shanghaiDate, shanghaiIso } from '../../shared/dates';
import {
  CLOSING_OUTCOMES,
  type FollowUp,
  type FollowUpOutcomeRequest,
  type FollowUpOutcomeResponse,
  type FollowUpsQuery,
  type FollowUpsResponse,
  type FollowUpStep,
  type GoodwillTemplate,
} from '../../shared/schemas/ratings';
import { BusinessRuleError, ConflictError, ForbiddenError, NotFoundError } from '../lib/errors';
import { memberAuditPutItem } from '../store/audit';
import { getTemplate, heldCount, listTemplates } from '../store/coupons';
import {
  followUpCloseItem,
  followUpStepItem,
  followUpStoreClosedItem,
  getFollowUp,
  getFollowUps,
  listOpenFollowUps,
  openFollowUpReleaseItem,
  ratingStatsItem,
  storeFollowUpIds,
  type FollowUpRecord,
  type FollowUpStaff,
  type FollowUpStepRecord,
} from '../store/ratings';
import type { CouponTemplateRecord, StaffRecord } from '../store/records';
import type { LabeledItem } from '../store/transactions';
import { issueBlock, issueItems, newCoupon } from './coupons';
import { applyStaffChangeOnce } from './idempotent-change';
import { newId } from './ids';
import { isOverdue } from './follow-up-figures';
import { chainStores, storeNames } from './stores';

type ListQuery = z.output<typeof FollowUpsQuery>;
type OutcomeInput = z.output<typeof FollowUpOutcomeRequest>;

/** A manager's list keeps what their store closed this recently. */
const CLOSED_SHOWN_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;
const ROLE_NAMES = { clerk: '店员', manager: '店长', hq: '总部' } as const;

/** The steps, oldest first; a follow-up closed before steps were kept has its close as its one step. */
export function stepsOf(f: FollowUpRecord): FollowUpStepRecord[] {
  if (f.steps) return f.steps;
  if (f.status === 'closed' && f.closedAt && f.outcome && f.closedBy)
    return [{ at: f.closedAt, outcome: f.outcome, note: f.note ?? '', by: f.closedBy, couponName: f.couponName ?? null }];
  return [];
}

export function followUpView(f: FollowUpRecord, names: Map<string, string>, now: number): FollowUp {
  const name = (id: string) => names.get(id) ?? id;
  const byName = (by: FollowUpStaff) => `${by.storeId ? name(by.storeId) : '总部'} ${ROLE_NAMES[by.role]} ${by.name}`;
  const steps: FollowUpStep[] = stepsOf(f).map((step) => ({
    at: shanghaiIso(Date.parse(step.at)),
    outcome: step.outcome,
    note: step.note,
    byName: byName(step.by),
    byStoreName: step.by.storeId ? name(step.by.storeId) : null,
    couponName: step.couponName,
  }));
  const closing = f.status === 'closed' ? steps.at(-1) : undefined;
  return {
    id: f.followUpId,
    status: f.status,
    member: { memberNo: f.memberNo, nickname: f.nickname, phoneMasked: f.phoneMasked ?? null },
    stores: f.storeIds.map((storeId) => ({ storeId, storeName: name(storeId) })),
    ratings: f.ratings.map((r) => ({
      ref: r.ref,
      storeId: r.storeId,
      storeName: name(r.storeId),
      stars: r.stars,
      tags: r.tags,
      comment: r.comment,
      visitAt: shanghaiIso(Date.parse(r.visitAt)),
      ratedAt: shanghaiIso(Date.parse(r.ratedAt)),
    })),
    openedAt: shanghaiIso(Date.parse(f.openedAt)),
    dueAt: shanghaiIso(Date.parse(f.dueAt)),
    respondedAt: f.respondedAt ? shanghaiIso(Date.parse(f.respondedAt)) : (steps[0]?.at ?? null),
    overdue: isOverdue(f, new Date(now).toISOString()),
    steps,
    goodwillCouponName: f.couponName ?? null,
    closed: closing ? { ...closing } : null,
  };
}

/** Goodwill coupons this caller may give: active, made by HQ and marked goodwill, usable at their store (HQ: any). */
function goodwillFor(staff: StaffRecord, templates: CouponTemplateRecord[], today: string): GoodwillTemplate[] {
  return templates
    .filter((t) => t.goodwill === true && t.ownerStoreId === null && t.status === 'active' && validityOpen(t.validity, today) && (t.remaining === null || t.remaining > 0))
    .filter((t) => staff.role === 'hq' || t.storeIds === null || (staff.storeId !== null && t.storeIds.includes(staff.storeId)))
    .map((t) => ({ id: t.templateId, name: t.name, description: describeCoupon(t, t.itemName) }));
}

async function storeList(storeId: string, now: number): Promise<FollowUpRecord[]> {
  const ids = await storeFollowUpIds(storeId, new Date(now - CLOSED_SHOWN_DAYS * DAY_MS).toISOString());
  const followUps = await getFollowUps(ids);
  const open = followUps.filter((f) => f.status === 'open').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const closed = followUps.filter((f) => f.status === 'closed').sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  return [...open, ...closed];
}

/** 待跟进: a manager their store's; HQ the chain's open ones (or one store's), overdue flagged. */
export async function followUpsFor(staff: StaffRecord, query: ListQuery, now = Date.now()): Promise<FollowUpsResponse> {
  let storeId: string | null;
  if (staff.role === 'hq') {
    storeId = query.storeId ?? null;
    if (storeId !== null && !(await chainStores()).some((s) => s.id === storeId)) {
      throw new BusinessRuleError('unknown_store', `No such store: ${storeId}`, [{ field: 'storeId', message: 'unknown store' }]);
    }
  } else {
    if (!staff.storeId) throw new ForbiddenError('not_manager', 'Only a store manager or HQ handles follow-ups');
    storeId = staff.storeId;
  }
  const nowIso = new Date(now).toISOString();
  const [records, names, templates] = await Promise.all([
    storeId === null ? listOpenFollowUps(query.overdue ? nowIso : undefined) : storeList(storeId, now),
    storeNames(),
    listTemplates(),
  ]);
  const shown = query.overdue ? records.filter((f) => isOverdue(f, nowIso)) : records;
  return { items: shown.map((f) => followUpView(f, names, now)), goodwillTemplates: goodwillFor(staff, templates, shanghaiDate(now)) };
}

function refuseSecondGoodwill(): never {
  throw new ConflictError('goodwill_already_given', 'This follow-up already gave a goodwill coupon; one per follow-up');
}

function refuseGoodwill(block: NonNullable<ReturnType<typeof issueBlock>>): never {
  if (block === 'sold_out') throw new ConflictError('sold_out', 'This goodwill coupon has run out');
  if (block === 'limit_reached') throw new ConflictError('limit_reached', 'The member already holds as many of this coupon as allowed');
  throw new BusinessRuleError('template_not_active', 'This coupon is not being issued now', [{ field: 'goodwillTemplateId', message: block }]);
}

/**
 * 记录跟进: 已联系 (a step: the follow-up stays open and answered) or 已解决 / 无法联系 (the close), with a
 * note and optionally the follow-up's one goodwill coupon, all in one audited transaction.
 *
 * Concurrency: steps are appended conditioned only on the follow-up being open (two managers at once
 * both land); the close is conditioned on the version it read, so a rating joining meanwhile (maybe a
 * new store's link) makes it plan again; the coupon only while the follow-up has none. A retry with
 * the same Idempotency-Key replays the first answer.
 */
export async function recordFollowUpOutcome(
  staff: StaffRecord,
  followUpId: string,
  input: OutcomeInput,
  idempotencyKey: string,
  now = Date.now,
): Promise<FollowUpOutcomeResponse> {
  const recorded = await applyStaffChangeOnce<FollowUpRecord>('follow-up-outcome', staff.staffId, idempotencyKey, { followUpId, ...input }, async () => {
    const at = now();
    const atIso = new Date(at).toISOString();
    const followUp = await getFollowUp(followUpId);
    if (!followUp) throw new NotFoundError('follow_up_not_found', 'No such follow-up');
    const involved = staff.role === 'hq' || (staff.role === 'manager' && staff.storeId !== null && followUp.storeIds.includes(staff.storeId));
    if (!involved) throw new ForbiddenError('not_follow_up_store', 'This follow-up does not involve your store');
    if (followUp.status !== 'open') throw new ConflictError('follow_up_closed', 'This follow-up is already closed');

    const items: LabeledItem[] = [];
    let coupon: { couponId: string; name: string } | null = null;
    if (input.goodwillTemplateId) {
      if (followUp.couponId) refuseSecondGoodwill();
      const [template, held] = await Promise.all([getTemplate(input.goodwillTemplateId), heldCount(followUp.memberId, input.goodwillTemplateId)]);
      if (!template) throw new NotFoundError('template_not_found', 'No such coupon template');
      if (template.goodwill !== true || template.ownerStoreId !== null) {
        throw new BusinessRuleError('template_not_goodwill', 'Only templates HQ marked for goodwill may be given', [
          { field: 'goodwillTemplateId', message: 'not a goodwill template' },
        ]);
      }
      const block = issueBlock(template, held, shanghaiDate(at));
      // The member's limit reached by a coupon another step gave this follow-up meanwhile: say that.
      if (block === 'limit_reached' && (await getFollowUp(followUpId))?.couponId) refuseSecondGoodwill();
      if (block) refuseGoodwill(block);
      const issued = newCoupon(followUp.memberId, template, 'goodwill', at, { issuedBy: `follow-up:${followUpId}` });
      items.push(...issueItems(template, issued));
      coupon = { couponId: issued.couponId, name: issued.name };
    }
    const by: FollowUpStaff = { staffId: staff.staffId, name: staff.name, role: staff.role, storeId: staff.storeId ?? null };
    const step: FollowUpStepRecord = { at: atIso, outcome: input.outcome, note: input.note, by, couponName: coupon?.name ?? null };
    const closes = CLOSING_OUTCOMES.includes(input.outcome);
    const version = followUp.version ?? 0;
    const after: FollowUpRecord = {
      ...followUp,
      steps: [...stepsOf(followUp), step],
      respondedAt: followUp.respondedAt ?? atIso,
      version: version + 1,
      ...(coupon ? { couponId: coupon.couponId, couponName: coupon.name } : {}),
    };
    const audit = (action: 'follow_up_contact' | 'follow_up_close') =>
      memberAuditPutItem(
        staff,
        { memberId: followUp.memberId, memberNo: followUp.memberNo },
        { auditId: newId('aud', at), storeId: staff.storeId ?? null, action, ref: followUpId, at: atIso },
      );
    if (closes) {
      const close = { closedAt: atIso, outcome: input.outcome, note: input.note, closedBy: by };
      Object.assign(after, { status: 'closed', ...close });
      items.push(
        followUpCloseItem(followUpId, version, close, step, coupon),
        openFollowUpReleaseItem(followUp.memberId, followUpId),
        ...followUp.storeIds.map((storeId) => followUpStoreClosedItem(followUpId, storeId, atIso)),
        // Counted at the store whose rating opened it, so a store's opened − closed is what it has open.
        ratingStatsItem(followUp.storeIds[0]!, shanghaiDate(at), { count: 0, sum: 0, opened: 0, closed: 1 }),
        audit('follow_up_close'),
      );
    } else {
      items.push(followUpStepItem(followUpId, step, coupon), audit('follow_up_contact'));
    }
    return {
      response: after,
      items,
      // The follow-up changed meanwhile (closed, a coupon given, a rating joined), or stock or the
      // member's limit raced another write: plan again, which says why if it now refuses.
      onConditionFailed: () => undefined,
    };
  });
  return { followUp: followUpView(recorded, await storeNames(), now()) };
}
