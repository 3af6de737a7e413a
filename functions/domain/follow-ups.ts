/**
 * 待跟进: the follow-up a low rating opens, once per member across the chain (README § Ratings and
 * follow-ups). A manager sees their store's open follow-ups (and those closed in the last 7 days),
 * with the other stores involved: the first store listed opened it and is the one handling it, so
 * two stores never call the same customer about it. HQ sees every open one, due first, overdue
 * flagged. Closing is one transaction: the follow-up closed (and out of HQ's open list), each
 * store's link moved to its closed part, the member's open-follow-up claim released, the opening
 * store's day counted, the audit entry in the member's partition (their 访问记录 says 回复了您的评价),
 * the idempotency record — and, if given, the goodwill coupon (stock, per-member limit, coupon).
 */
import type * as z from 'zod/mini';
import { describeCoupon, validityOpen } from '../../shared/coupons';
import { shanghaiDate, shanghaiIso } from '../../shared/dates';
import type { FollowUp, FollowUpCloseRequest, FollowUpCloseResponse, FollowUpsQuery, FollowUpsResponse, GoodwillTemplate } from '../../shared/schemas/ratings';
import { BusinessRuleError, ConflictError, ForbiddenError, NotFoundError } from '../lib/errors';
import { memberAuditPutItem } from '../store/audit';
import { getTemplate, heldCount, listTemplates } from '../store/coupons';
import {
  followUpCloseItem,
  followUpStoreClosedItem,
  getFollowUp,
  getFollowUps,
  listOpenFollowUps,
  openFollowUpReleaseItem,
  ratingStatsItem,
  storeFollowUpIds,
  type FollowUpRecord,
} from '../store/ratings';
import type { CouponTemplateRecord, StaffRecord } from '../store/records';
import type { LabeledItem } from '../store/transactions';
import { issueBlock, issueItems, newCoupon } from './coupons';
import { applyStaffChangeOnce } from './idempotent-change';
import { newId } from './ids';
import { chainStores, storeNames } from './stores';

type ListQuery = z.output<typeof FollowUpsQuery>;
type CloseInput = z.output<typeof FollowUpCloseRequest>;

/** A manager's list keeps what their store closed this recently. */
const CLOSED_SHOWN_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;
const ROLE_NAMES = { clerk: '店员', manager: '店长', hq: '总部' } as const;

export function followUpView(f: FollowUpRecord, names: Map<string, string>, now: number): FollowUp {
  const name = (id: string) => names.get(id) ?? id;
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
    overdue: f.status === 'open' && Date.parse(f.dueAt) < now,
    closed:
      f.status === 'closed' && f.closedAt && f.outcome && f.closedBy
        ? {
            at: shanghaiIso(Date.parse(f.closedAt)),
            outcome: f.outcome,
            note: f.note ?? '',
            byName: `${f.closedBy.storeId ? name(f.closedBy.storeId) : '总部'} ${ROLE_NAMES[f.closedBy.role]} ${f.closedBy.name}`,
            byStoreName: f.closedBy.storeId ? name(f.closedBy.storeId) : null,
            couponName: f.couponName ?? null,
          }
        : null,
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
  const shown = query.overdue ? records.filter((f) => f.status === 'open' && f.dueAt < nowIso) : records;
  return { items: shown.map((f) => followUpView(f, names, now)), goodwillTemplates: goodwillFor(staff, templates, shanghaiDate(now)) };
}

function refuseGoodwill(block: NonNullable<ReturnType<typeof issueBlock>>): never {
  if (block === 'sold_out') throw new ConflictError('sold_out', 'This goodwill coupon has run out');
  if (block === 'limit_reached') throw new ConflictError('limit_reached', 'The member already holds as many of this coupon as allowed');
  throw new BusinessRuleError('template_not_active', 'This coupon is not being issued now', [{ field: 'goodwillTemplateId', message: block }]);
}

/** 处理: the outcome and a note, optionally a goodwill coupon, all in one transaction; audited. */
export async function closeFollowUp(staff: StaffRecord, followUpId: string, input: CloseInput, idempotencyKey: string, now = Date.now): Promise<FollowUpCloseResponse> {
  const closed = await applyStaffChangeOnce<FollowUpRecord>('follow-up-close', staff.staffId, idempotencyKey, { followUpId, ...input }, async () => {
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
      const [template, held] = await Promise.all([getTemplate(input.goodwillTemplateId), heldCount(followUp.memberId, input.goodwillTemplateId)]);
      if (!template) throw new NotFoundError('template_not_found', 'No such coupon template');
      if (template.goodwill !== true || template.ownerStoreId !== null) {
        throw new BusinessRuleError('template_not_goodwill', 'Only templates HQ marked for goodwill may be given', [
          { field: 'goodwillTemplateId', message: 'not a goodwill template' },
        ]);
      }
      const block = issueBlock(template, held, shanghaiDate(at));
      if (block) refuseGoodwill(block);
      const issued = newCoupon(followUp.memberId, template, 'goodwill', at, { issuedBy: `follow-up:${followUpId}` });
      items.push(...issueItems(template, issued));
      coupon = { couponId: issued.couponId, name: issued.name };
    }
    const close = {
      closedAt: atIso,
      outcome: input.outcome,
      note: input.note,
      closedBy: { staffId: staff.staffId, name: staff.name, role: staff.role, storeId: staff.storeId ?? null },
      couponId: coupon?.couponId ?? null,
      couponName: coupon?.name ?? null,
    };
    items.push(
      followUpCloseItem(followUpId, close),
      openFollowUpReleaseItem(followUp.memberId, followUpId),
      ...followUp.storeIds.map((storeId) => followUpStoreClosedItem(followUpId, storeId, atIso)),
      // Counted at the store whose rating opened it, so a store's opened − closed is what it has open.
      ratingStatsItem(followUp.storeIds[0]!, shanghaiDate(at), { count: 0, sum: 0, opened: 0, closed: 1 }),
      memberAuditPutItem(
        staff,
        { memberId: followUp.memberId, memberNo: followUp.memberNo },
        { auditId: newId('aud', at), storeId: staff.storeId ?? null, action: 'follow_up_close', ref: followUpId, at: atIso },
      ),
    );
    return {
      response: { ...followUp, status: 'closed', ...close },
      items,
      onConditionFailed: (failed) => {
        if (failed.includes('followUp')) throw new ConflictError('follow_up_closed', 'This follow-up was closed meanwhile');
        // Stock or the member's limit raced another write: plan again and say why if it now refuses.
      },
    };
  });
  return { followUp: followUpView(closed, await storeNames(), now()) };
}
