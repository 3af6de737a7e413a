/**
 * One person, one member (README § One identity per person: merging). Two members become one: the
 * survivor keeps its id, number, WeChat identity and session; the absorbed member's points and ledger,
 * spend history, coupons, bookings, visits, segment inputs, subscription credits and preferences move
 * to it, and the absorbed member's number, phone and openid lead to it from then on.
 *
 * The merge is a small state machine on the two members, so it happens once however often it is
 * asked for, and a merge cut off halfway is finished by whoever touches either member next:
 *   start   one transaction, conditioned on both versions: the absorbed member points at the survivor
 *           (`mergedInto`, state `moving`), the survivor takes the merged history and a lock;
 *   move    chunks of the absorbed partition, each one transaction that keeps both balances equal
 *           to their ledgers (points go with their entries);
 *   finish  the absorbed member is emptied (state `done`), the survivor's lock is lifted.
 * While the lock is on, a change of the survivor's balance finishes the merge first (requireMember),
 * so a checkout racing the merge lands wholly before the start or wholly after the finish.
 */
import { shanghaiDate } from '../../shared/dates';
import { ConflictError, NotFoundError, RetryableError } from '../lib/errors';
import { auditPutItem, SELF_ACTOR } from '../store/audit';
import { isErased } from '../store/deletion';
import { getTemplate, heldCount } from '../store/coupons';
import { withMemberIndexes } from '../store/job-indexes';
import { keys, type Key } from '../store/keys';
import {
  bookingRefRedirectItem,
  chunkBalanceItems,
  claimRedirectItem,
  heldCountMergeItem,
  mergeFinishItems,
  mergeStartItems,
  moveInItem,
  moveOutItem,
  partitionToMove,
  sortKeysOf,
} from '../store/merge';
import { getMember } from '../store/members';
import type { MemberCouponRecord, MemberRecord, MergeRecord, SealedPhone, StaffRecord } from '../store/records';
import { deleteItemTx, runTransaction, type LabeledItem } from '../store/transactions';
import { newId } from './ids';
import { nextLapse, segmentNow } from './segments';
import { storedSegment } from './dashboard';
import { segmentMove, StatsChanges } from '../store/stats';
import type { Segment } from '../../shared/segments';

/** Who asked for the merge: the member binding their phone, or HQ deciding a 重复会员 case. */
export type MergeActor = { kind: 'member' } | { kind: 'staff'; staff: Pick<StaffRecord, 'staffId' | 'name' | 'role'> };

export interface MergeOutcome {
  survivorMemberNo: string;
  absorbedMemberNo: string;
  pointsMoved: number;
}

export interface MergeRequest {
  absorbedId: string;
  survivorId: string;
  reason: MergeRecord['reason'];
  actor: MergeActor;
  /** The phone the survivor binds by this merge (phone binding), if any. */
  phone?: SealedPhone;
  /** More items for the start transaction (the 重复会员 case's decision), planned on each attempt. */
  with?: () => Promise<LabeledItem[]>;
  /** A failed condition of those items: throw the business error it means, or return to retry. */
  onConditionFailed?: (failed: string[]) => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const backoff = (attempt: number) => sleep(Math.random() * Math.min(300, 10 * 2 ** attempt));

const outcomeOf = (record: MergeRecord): MergeOutcome => ({
  survivorMemberNo: record.survivorMemberNo,
  absorbedMemberNo: record.absorbedMemberNo,
  pointsMoved: record.pointsMoved,
});

function sumByKey(a: Record<string, number> = {}, b: Record<string, number> = {}): Record<string, number> {
  const sum = { ...a };
  for (const [key, n] of Object.entries(b)) sum[key] = (sum[key] ?? 0) + n;
  return sum;
}

const earliest = (a?: string, b?: string) => (a && b ? (a < b ? a : b) : (a ?? b));
const latest = (a?: string, b?: string) => (a && b ? (a > b ? a : b) : (a ?? b));

/**
 * The survivor's fields after the merge: histories add up (the tier is recomputed from the summed
 * spend), the stricter opt-out wins, credits add up, the survivor's own profile fields win over the
 * absorbed member's, and segment, RFM and tags are computed again from the merged history.
 */
export function mergedFields(absorbed: MemberRecord, survivor: MemberRecord, phone: SealedPhone | undefined, now: number): Record<string, unknown> {
  const credits: Record<string, number> = {};
  for (const [field, value] of Object.entries(absorbed)) {
    if (field.startsWith('credit_') && typeof value === 'number') credits[field] = value + (Number(survivor[field as `credit_${string}`]) || 0);
  }
  const lastVisitAt = latest(absorbed.lastVisitAt, survivor.lastVisitAt);
  const history = {
    spendDays: sumByKey(survivor.spendDays, absorbed.spendDays),
    visitDays: sumByKey(survivor.visitDays, absorbed.visitDays),
    storesVisited: [...new Set([...(survivor.storesVisited ?? []), ...(absorbed.storesVisited ?? [])])],
    bookingVisits: (survivor.bookingVisits ?? 0) + (absorbed.bookingVisits ?? 0),
    visitCount: (survivor.visitCount ?? 0) + (absorbed.visitCount ?? 0),
    noShowCount: (survivor.noShowCount ?? 0) + (absorbed.noShowCount ?? 0),
    createdAt: earliest(absorbed.createdAt, survivor.createdAt)!,
    ...(earliest(absorbed.firstVisitAt, survivor.firstVisitAt) ? { firstVisitAt: earliest(absorbed.firstVisitAt, survivor.firstVisitAt) } : {}),
    ...(lastVisitAt ? { lastVisitAt } : {}),
  };
  // The dashboards' per-store dates (README § Dashboards): the later of the two per store, and the
  // first store of whichever member visited first. They add no visit: no counter moves.
  const firstBySurvivor = !absorbed.firstVisitAt || (survivor.firstVisitAt !== undefined && survivor.firstVisitAt <= absorbed.firstVisitAt);
  const firstStoreId = firstBySurvivor ? (survivor.firstStoreId ?? survivor.storesVisited?.[0]) : (absorbed.firstStoreId ?? absorbed.storesVisited?.[0]);
  const lastByStore = (a?: Record<string, string>, b?: Record<string, string>) => {
    const out: Record<string, string> = { ...(a ?? {}) };
    for (const [store, date] of Object.entries(b ?? {})) out[store] = latest(out[store], date)!;
    return out;
  };
  const visitsByStore = {
    lastVisitByStore: lastByStore(survivor.lastVisitByStore, absorbed.lastVisitByStore),
    lastRepeatByStore: lastByStore(survivor.lastRepeatByStore, absorbed.lastRepeatByStore),
    ...(firstStoreId ? { firstStoreId } : {}),
  };
  const { segment, rfm, tags } = segmentNow({ ...survivor, ...history }, now);
  const birthday = survivor.birthday
    ? {}
    : absorbed.birthday
      ? { birthday: absorbed.birthday, ...(absorbed.birthYearSealed ? { birthYearSealed: absorbed.birthYearSealed } : {}) }
      : {};
  const lapse = lastVisitAt && lastVisitAt !== survivor.lastVisitAt ? nextLapse(shanghaiDate(Date.parse(lastVisitAt)), 'at_risk') : {};
  const fields: Record<string, unknown> = {
    ...history,
    ...visitsByStore,
    segment,
    rfm,
    tags,
    ...credits,
    ...birthday,
    ...lapse,
    marketingOptOut: Boolean(survivor.marketingOptOut || absorbed.marketingOptOut),
    targetingOptOut: Boolean(survivor.targetingOptOut || absorbed.targetingOptOut),
    // The sealed phone moves as it is: a merge needs no key.
    ...(phone
      ? phone
      : !survivor.phoneIndex && absorbed.phoneSealed
        ? { phoneSealed: absorbed.phoneSealed, phoneIndex: absorbed.phoneIndex, phoneMasked: absorbed.phoneMasked }
        : {}),
  };
  return withMemberIndexes(survivor.memberId, fields).set;
}

/** The claims that led to the absorbed member now lead to the survivor; a phone the survivor gives up is released. */
function claimItems(absorbed: MemberRecord, survivor: MemberRecord, phone: SealedPhone | undefined): LabeledItem[] {
  const items = [claimRedirectItem('memberNo', keys.memberNo(absorbed.memberNo), absorbed.memberId, survivor.memberId)];
  if (absorbed.openid) items.push(claimRedirectItem('openid', keys.wechatIdentity(absorbed.openid), absorbed.memberId, survivor.memberId));
  if (absorbed.phoneIndex) items.push(claimRedirectItem('phone', keys.phone(absorbed.phoneIndex), absorbed.memberId, survivor.memberId));
  if (phone && survivor.phoneIndex && survivor.phoneIndex !== phone.phoneIndex) {
    items.push(
      deleteItemTx('oldPhone', {
        Key: keys.phone(survivor.phoneIndex),
        ConditionExpression: 'memberId = :survivor',
        ExpressionAttributeValues: { ':survivor': survivor.memberId },
      }),
    );
  }
  return items;
}

function mergeAuditItem(actor: MergeActor, survivor: MemberRecord, absorbed: MemberRecord, at: string): LabeledItem {
  const who = actor.kind === 'staff' ? { staffId: actor.staff.staffId, staffName: actor.staff.name, staffRole: actor.staff.role } : { staffId: SELF_ACTOR };
  return auditPutItem({
    auditId: newId('aud', Date.parse(at)),
    memberId: survivor.memberId,
    memberNo: survivor.memberNo,
    storeId: null,
    action: 'member_merge',
    ref: absorbed.memberNo,
    at,
    ...who,
  });
}

/**
 * Merges `absorbedId` into `survivorId`, exactly once: a second request (or twenty at once) finds
 * the merge started and helps finish it, and every one answers the same outcome.
 */
export async function mergeMembers(request: MergeRequest, now = Date.now): Promise<MergeOutcome> {
  const { absorbedId, survivorId } = request;
  for (let attempt = 0; attempt < 20; attempt++) {
    const [absorbed, survivor] = await Promise.all([getMember(absorbedId), getMember(survivorId)]);
    if (!absorbed || !survivor) throw new NotFoundError('member_not_found', 'Member not found');
    if (absorbed.mergedInto === survivorId) return finishMerge(absorbedId, survivorId);
    if (absorbed.mergedInto || survivor.mergedInto) throw new ConflictError('members_already_merged', 'One of these members was already merged into another');
    // A member being erased (注销会员) is merged with nobody: its data is going, not moving.
    if (isErased(absorbed) || isErased(survivor)) throw new NotFoundError('member_not_found', 'One of these members has deleted their membership');
    // Another merge into either member is still moving: finish it first, then plan on what it left.
    const moving = survivor.mergeLock ?? absorbed.mergeLock;
    if (moving) {
      await finishMerge(moving, survivor.mergeLock ? survivorId : absorbedId);
      continue;
    }
    const at = new Date(now()).toISOString();
    const record: MergeRecord = {
      survivorId,
      survivorMemberNo: survivor.memberNo,
      absorbedMemberNo: absorbed.memberNo,
      reason: request.reason,
      pointsMoved: absorbed.points,
      startedAt: at,
    };
    const fields = mergedFields(absorbed, survivor, request.phone, now());
    // Members by segment (README § Dashboards): the absorbed member leaves theirs, the survivor
    // moves to the merged one. Visits, points and coupons counted before stay as they were.
    const stats = segmentMove(segmentMove(new StatsChanges(), storedSegment(absorbed), undefined), storedSegment(survivor), fields.segment as Segment);
    const items = [
      ...mergeStartItems(absorbed, survivor, fields, record),
      ...stats.items(),
      ...claimItems(absorbed, survivor, request.phone),
      mergeAuditItem(request.actor, survivor, absorbed, at),
      ...(request.with ? await request.with() : []),
    ];
    const outcome = await runTransaction(items);
    if (outcome.ok) return finishMerge(absorbedId, survivorId);
    const theirs = outcome.failed.filter((label) => !['absorbed', 'survivor', 'memberNo', 'openid', 'phone', 'oldPhone', 'audit'].includes(label));
    if (theirs.length > 0 && request.onConditionFailed) await request.onConditionFailed(theirs);
    await backoff(attempt);
  }
  throw new RetryableError('busy', 'The members are changing; retry the merge', 1);
}

/** The survivor's fields a moved item takes (and where it came from). */
function survivorFields(item: Record<string, unknown>, survivor: MemberRecord, absorbedMemberNo: string): Record<string, unknown> {
  const sk = String(item.sk);
  const owner = 'memberId' in item ? { memberId: survivor.memberId } : {};
  if (sk.startsWith(keys.bookingPrefix)) return { ...owner, memberNo: survivor.memberNo, nickname: survivor.nickname, mergedFromMemberNo: absorbedMemberNo };
  if (sk.startsWith(keys.auditPrefix)) return owner; // the entry keeps the number it was about
  return { ...owner, mergedFromMemberNo: absorbedMemberNo };
}

type PartitionItem = Record<string, unknown> & Key;

/**
 * One template's coupons and their count move together (the per-member limit is the survivor's
 * now): used coupons move as history; of the available ones, only as many as the limit leaves room
 * for move — the longest-valid first — and the rest are withdrawn (README: merging and coupon limits).
 */
async function templateChunk(absorbedId: string, survivor: MemberRecord, record: MergeRecord, templateId: string, items: PartitionItem[]): Promise<LabeledItem[]> {
  const coupons = items.filter((i) => String(i.sk).startsWith(keys.couponPrefix) && i.templateId === templateId) as Array<PartitionItem & MemberCouponRecord>;
  const countItem = items.find((i) => i.sk === keys.memberTemplateCount(absorbedId, templateId).sk);
  const [template, survivorCount] = await Promise.all([getTemplate(templateId), heldCount(survivor.memberId, templateId)]);
  const limit = template?.perMemberLimit ?? Number.MAX_SAFE_INTEGER;
  const used = coupons.filter((c) => c.status !== 'available');
  const available = coupons.filter((c) => c.status === 'available').sort((a, b) => b.validTo.localeCompare(a.validTo));
  const room = Math.max(0, limit - survivorCount - used.length);
  const kept = new Set([...used, ...available.slice(0, room)].map((c) => c.couponId));
  const withdrawn = available.length - Math.min(room, available.length);
  const absorbedCount = countItem ? Number(countItem.count) : coupons.length;
  const moves = coupons.flatMap((c) => [
    moveOutItem(c),
    ...(kept.has(c.couponId) ? [moveInItem(survivor.memberId, c, survivorFields(c, survivor, record.absorbedMemberNo))] : []),
  ]);
  return [
    ...moves,
    ...(countItem ? [moveOutItem(countItem)] : []),
    heldCountMergeItem(survivor.memberId, templateId, survivorCount, survivorCount + Math.max(0, absorbedCount - withdrawn)),
    ...chunkBalanceItems(absorbedId, survivor.memberId, 0),
  ];
}

/** Up to 30 other items: ledger entries carry their points, bookings their reference, markers the survivor has are dropped. */
async function itemsChunk(absorbedId: string, survivor: MemberRecord, record: MergeRecord, items: PartitionItem[]): Promise<LabeledItem[]> {
  const markers = ['RULEISSUE#', 'PUSH#'];
  const chunk = items.slice(0, 30);
  const needsMarkers = chunk.some((i) => markers.some((m) => String(i.sk).startsWith(m)));
  const survivorHas = needsMarkers ? new Set((await Promise.all(markers.map((m) => sortKeysOf(survivor.memberId, m)))).flatMap((set) => [...set])) : new Set<string>();
  let points = 0;
  const moves: LabeledItem[] = [];
  for (const item of chunk) {
    const sk = String(item.sk);
    moves.push(moveOutItem(item));
    if (survivorHas.has(sk)) continue;
    moves.push(moveInItem(survivor.memberId, item, survivorFields(item, survivor, record.absorbedMemberNo)));
    if (sk.startsWith(keys.ledgerPrefix)) points += Number(item.delta) || 0;
    if (sk.startsWith(keys.bookingPrefix)) moves.push(bookingRefRedirectItem(keys.bookingIdOf(sk), absorbedId, survivor.memberId));
  }
  return [...moves, ...chunkBalanceItems(absorbedId, survivor.memberId, points)];
}

/** The next chunk to move: a whole template's coupons first, then the rest in order. */
async function nextChunk(absorbedId: string, survivor: MemberRecord, record: MergeRecord, items: PartitionItem[]): Promise<LabeledItem[]> {
  const couponLike = items.find((i) => String(i.sk).startsWith(keys.couponPrefix) || String(i.sk).startsWith(keys.memberTemplateCountPrefix));
  if (couponLike) return templateChunk(absorbedId, survivor, record, String(couponLike.templateId), items);
  return itemsChunk(absorbedId, survivor, record, items);
}

/**
 * Moves what is left and finishes. Safe to run by several requests at once: each chunk deletes its
 * items under `attribute_exists`, so of two movers of one chunk exactly one commits.
 */
export async function finishMerge(absorbedId: string, survivorId: string, now = Date.now): Promise<MergeOutcome> {
  // What is left to move as last read, less the chunks this request moved since: the partition is
  // read again only after a chunk fails (another mover got there) and before finishing, so the items
  // read follow the partition's size rather than its size times the chunks.
  let left: PartitionItem[] | undefined;
  for (let attempt = 0; attempt < 80; attempt++) {
    const [absorbed, survivor] = await Promise.all([getMember(absorbedId), getMember(survivorId)]);
    if (!absorbed?.merge || absorbed.mergedInto !== survivorId || !survivor) throw new NotFoundError('member_not_found', 'No such merge');
    if (absorbed.mergeState === 'done') return outcomeOf(absorbed.merge);
    const items = left?.length ? left : await partitionToMove(absorbedId);
    const writes =
      items.length === 0
        ? mergeFinishItems(absorbed, survivorId, new Date(now()).toISOString(), absorbed.merge)
        : await nextChunk(absorbedId, survivor, absorbed.merge, items);
    const outcome = await runTransaction(writes);
    if (outcome.ok) {
      const moved = new Set(writes.filter((w) => w.label.startsWith('out:')).map((w) => w.label.slice('out:'.length)));
      left = items.filter((item) => !moved.has(String(item.sk)));
    } else {
      left = undefined;
      await backoff(Math.min(attempt, 5));
    }
  }
  throw new RetryableError('busy', 'The merge is still moving; retry', 1);
}
