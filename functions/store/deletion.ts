/**
 * The writes of 注销会员 (README § Deletion): the request and its cooling-off, and the erasure the
 * daily job runs as a small state machine on the member's profile —
 *   requested  `deletionRequestedAt`, `deletionDueAt`, and an entry in the sparse index below;
 *   erasing    one transaction (`deletionStartItems`), conditioned on the version read: the member
 *              is gone for staff and for the member from here on (its member-number, WeChat and
 *              phone claims are deleted, its points forfeited by one ledger entry);
 *   chunks     the member's own items are deleted a chunk at a time, each chunk one transaction
 *              whose deletes are conditioned on the item still being there (of two runners, one
 *              wins); future bookings free their seats in the chunk that deletes them;
 *   deleted    one transaction: the profile keeps only what the chain's records need.
 * Every step is conditioned on the state before it, so a run cut off halfway is finished by the next.
 *
 * Key patterns here belong in keys.ts' catalogue (kept apart only while keys.ts is being edited for
 * encryption; they move there unchanged):
 *   gsi1 DELETIONS, sorted <dueAt UTC ISO>#<memberId>: members whose deletion is pending or erasing.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { shanghaiIso } from '../../shared/dates';
import type { PendingDeletion } from '../../shared/schemas/deletion';
import { db, table } from './client';
import { updateParts } from './expressions';
import { keys, type IndexName, type Key } from './keys';
import { ledgerPutItem } from './ledger';
import { conditionFailed, indexItems, partitionItems, updateItem } from './query';
import { getFollowUps, openFollowUpReleaseItem, ratingStatsItem, type FollowUpRecord } from './ratings';
import type { BookingRecord, LedgerRecord, MemberRecord } from './records';
import { deleteItemTx, updateItemTx, type LabeledItem } from './transactions';
import { POINTS_OUTSTANDING, segmentMove, StatsChanges } from './stats';

/** The deletion's fields on the member's profile (MemberRecord's own list belongs in records.ts, being edited). */
export interface DeletionFields {
  deletionRequestedAt?: string;
  deletionDueAt?: string;
  /** Set by the job's first transaction; 'deleted' once the profile is erased. */
  deletionState?: 'erasing' | 'deleted';
  deletion?: DeletionRecord;
}

/** What the erasure did, kept on the erased profile (no personal data in it). */
export interface DeletionRecord {
  requestedAt: string;
  dueAt: string;
  startedAt: string;
  pointsForfeited: number;
  finishedAt?: string;
}

export type DeletableMember = MemberRecord & DeletionFields;

/**
 * Pending and erasing deletions, in one sparse gsi1 partition sorted by due time. Why one partition
 * and not one per due date (as the lapse index): the partition holds only the requests in their
 * cooling-off or being erased (a cancel or a finished erasure removes the entry), a handful a day for
 * a chain, and one query `sk <= now` finds every due member however many daily runs were missed or
 * cut off — there is no look-back window to get wrong. Writes are rare (a member's own request).
 */
export const deletionsIndex = {
  name: 'gsi1' as IndexName,
  pk: 'DELETIONS',
  sort: (dueAtUtc: string, memberId: string) => `${dueAtUtc}#${memberId}`,
};

/** What every deletion-aware reader asks: is this member being (or already) erased? */
export const isErased = (member: MemberRecord): boolean => Boolean((member as DeletableMember).deletionState);

/** The pending request as the app shows it (login, 注销会员), or null. */
export function pendingDeletionOf(member: MemberRecord): PendingDeletion | null {
  const { deletionRequestedAt, deletionDueAt, deletionState } = member as DeletableMember;
  if (!deletionRequestedAt || !deletionDueAt || deletionState) return null;
  return { requestedAt: shanghaiIso(Date.parse(deletionRequestedAt)), dueAt: shanghaiIso(Date.parse(deletionDueAt)) };
}

// ---- request and cancel --------------------------------------------------------------------------

/** The request: the profile's fields and its index entry, only on a live member with none pending. */
export function deletionRequestItem(memberId: string, requestedAt: string, dueAt: string): LabeledItem {
  return updateItemTx('member', {
    Key: keys.member(memberId),
    ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(mergedInto) AND attribute_not_exists(deletionState) AND attribute_not_exists(deletionDueAt)',
    ...updateParts({
      set: { deletionRequestedAt: requestedAt, deletionDueAt: dueAt, ...keys.indexEntry(deletionsIndex.name, deletionsIndex.pk, deletionsIndex.sort(dueAt, memberId)) },
    }),
  });
}

/** 撤销注销: only while the job has not started; false if there was nothing to withdraw. */
export async function withdrawDeletion(memberId: string): Promise<boolean> {
  try {
    await updateItem({
      Key: keys.member(memberId),
      ConditionExpression: 'attribute_exists(deletionDueAt) AND attribute_not_exists(deletionState)',
      ...updateParts({ remove: ['deletionRequestedAt', 'deletionDueAt', ...keys.indexAttributes(deletionsIndex.name)] }),
    });
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

// ---- the job's reads -----------------------------------------------------------------------------

/** Members whose deletion was due at or before `nowUtc` (pending or cut off while erasing): the index's keys only. */
export async function dueDeletionIds(nowUtc: string): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: table(),
        IndexName: deletionsIndex.name,
        KeyConditionExpression: '#pk = :pk AND #sk <= :bound',
        ExpressionAttributeNames: { '#pk': `${deletionsIndex.name}pk`, '#sk': `${deletionsIndex.name}sk` },
        // '\uffff' sorts after every member id: a member due exactly now is included.
        ExpressionAttributeValues: { ':pk': deletionsIndex.pk, ':bound': `${nowUtc}#\uffff` },
        ProjectionExpression: 'pk',
        ExclusiveStartKey: start,
      }),
    );
    ids.push(...(page.Items ?? []).map((item) => keys.memberIdOf(String(item.pk))));
    start = page.LastEvaluatedKey;
  } while (start);
  return ids;
}

export type PartitionItem = Record<string, unknown> & Key;

/**
 * The chain's own records, which stay in the erased member's partition: ledger entries (the
 * store's accounts; they carry the member id only) and audit entries (who read or changed the
 * record). Everything else there is the person's and is deleted — including kinds of items added
 * later, so a new personal item is erased without this list knowing of it.
 */
const KEPT_PREFIXES = [keys.ledgerPrefix, keys.auditPrefix];

/**
 * The member's items still to erase (strongly consistent; one query of the member's own partition),
 * and the member numbers of members merged into this one (their entries say so): those numbers'
 * claims still lead here and go with the profile.
 */
export async function partitionToErase(memberId: string): Promise<{ items: PartitionItem[]; mergedNumbers: string[] }> {
  const all = await partitionItems<PartitionItem>(keys.memberPartition(memberId));
  const items = all.filter((item) => item.sk !== keys.member(memberId).sk && !KEPT_PREFIXES.some((prefix) => item.sk.startsWith(prefix)));
  const mergedNumbers = [...new Set(all.flatMap((item) => (typeof item.mergedFromMemberNo === 'string' ? [item.mergedFromMemberNo] : [])))];
  return { items, mergedNumbers };
}

// ---- start ---------------------------------------------------------------------------------------

/** A claim of the member's (member number, WeChat identity, phone) is deleted; one that leads to someone else is never touched. */
export function claimDeleteItem(label: string, key: Key, memberId: string): LabeledItem {
  return deleteItemTx(label, {
    Key: key,
    ConditionExpression: 'attribute_not_exists(pk) OR memberId = :member',
    ExpressionAttributeValues: { ':member': memberId },
  });
}

/**
 * The phone claim's key, as the profile knows it: keys.phone of the phone's keyed hash (`phoneIndex`,
 * README § Encryption) or, on a profile written before the phone was sealed, of the clear `phone`.
 * Never built by hand: keys.phone decides what a phone claim's key is. Read loosely so this holds
 * across the phone's migration from clear to sealed.
 */
export function phoneClaimKeyOf(member: MemberRecord): Key | null {
  const stored = member as unknown as { phoneIndex?: unknown; phone?: unknown };
  if (typeof stored.phoneIndex === 'string') return keys.phone(stored.phoneIndex);
  if (typeof stored.phone === 'string') return keys.phone(stored.phone);
  return null;
}

/**
 * The first transaction: conditioned on the version read (a checkout racing it lands wholly before,
 * its entries then erased with the rest, or is refused after it), on the request still pending and
 * due. The member's claims go at once, so from this commit on the code, the phone lookup and the
 * WeChat login no longer find it; the balance is forfeited by one ledger entry, so it still equals
 * the ledger's sum.
 */
export function deletionStartItems(member: DeletableMember, record: DeletionRecord): LabeledItem[] {
  const items: LabeledItem[] = [
    updateItemTx('member', {
      Key: keys.member(member.memberId),
      ConditionExpression:
        'version = :expected AND deletionDueAt = :due AND attribute_not_exists(deletionState) AND attribute_not_exists(mergedInto) AND attribute_not_exists(mergeLock)',
      ...updateParts(
        {
          set: { deletionState: 'erasing', deletion: record, points: 0, version: member.version + 1 },
          // Out of the birthday and lapse indexes at once: the daily campaigns no longer match the member.
          remove: [...keys.indexAttributes(keys.birthdayIndex.name), ...keys.indexAttributes(keys.lapseIndex.name)],
        },
        {},
        { ':expected': member.version, ':due': record.dueAt },
      ),
    }),
    claimDeleteItem('memberNo', keys.memberNo(member.memberNo), member.memberId),
  ];
  if (member.openid) items.push(claimDeleteItem('openid', keys.wechatIdentity(member.openid), member.memberId));
  const phoneKey = phoneClaimKeyOf(member);
  if (phoneKey) items.push(claimDeleteItem('phone', phoneKey, member.memberId));
  if (member.points !== 0) {
    const entry: LedgerRecord = {
      entryId: `forfeit_${member.memberId}`,
      memberId: member.memberId,
      delta: -member.points,
      balanceAfter: 0,
      reason: 'forfeit',
      storeId: null,
      staffId: null,
      receiptNo: null,
      checkoutId: null,
      at: record.startedAt,
    };
    items.push(ledgerPutItem(entry, record.startedAt));
  }
  // The dashboards (README § Dashboards): the member leaves their stored segment and the forfeited
  // points leave the outstanding total. Their visits, points issued and coupons stay counted: they happened.
  items.push(...segmentMove(new StatsChanges().addTotal(POINTS_OUTSTANDING, -member.points), member.segment ?? 'new', undefined).items());
  return items;
}

// ---- chunks --------------------------------------------------------------------------------------

/** Every chunk checks the member is still erasing (nothing else can delete its items meanwhile). */
function erasingCheck(memberId: string): LabeledItem {
  return {
    label: 'member',
    item: {
      ConditionCheck: {
        TableName: table(),
        Key: keys.member(memberId),
        ConditionExpression: 'deletionState = :erasing',
        ExpressionAttributeValues: { ':erasing': 'erasing' },
      },
    },
  };
}

const eraseItem = (item: Key): LabeledItem => deleteItemTx(`erase:${item.sk}`, { Key: { pk: item.pk, sk: item.sk }, ConditionExpression: 'attribute_exists(pk)' });

/** Releases one seat of a booking's grid cell (the same write a member's cancel makes). */
function seatReleaseItem(booking: BookingRecord, time: string): LabeledItem {
  return updateItemTx(`seat:${booking.storeId}:${booking.serviceId}:${booking.date}:${time}`, {
    Key: keys.slotCell(booking.storeId, booking.serviceId, booking.date, time),
    UpdateExpression: 'SET booked = booked - :one',
    ConditionExpression: 'booked >= :one',
    ExpressionAttributeValues: { ':one': 1 },
  });
}

export interface EraseChunk {
  items: LabeledItem[];
  /** The sort keys of the member's items this chunk deletes. */
  erased: Set<string>;
  bookingsCancelled: number;
  couponsVoided: number;
}

/** A future booking still holding its seats: cancelled by the erasure (its seats are freed). */
export const holdsSeat = (item: PartitionItem, now: number): boolean =>
  item.sk.startsWith(keys.bookingPrefix) && item.status === 'booked' && Date.parse(String(item.startAt)) > now;

/**
 * The next chunk: up to `maxItems` of the member's items deleted in one transaction (DynamoDB allows
 * 100 actions). A booking takes its reference (found by id at the counter) with it and, if it is a
 * future booking, releases its seats; a chunk never holds two writes of one grid cell.
 */
export function nextEraseChunk(memberId: string, items: PartitionItem[], now: number, maxActions = 90): EraseChunk {
  const chunk: LabeledItem[] = [erasingCheck(memberId)];
  const labels = new Set<string>();
  const erased = new Set<string>();
  let bookingsCancelled = 0;
  let couponsVoided = 0;
  // A future booking cancelled by the erasure leaves the dashboards' bookings of its store-day (two counter items each at most).
  const stats = new StatsChanges();
  for (const item of items) {
    const writes = [eraseItem(item)];
    if (item.sk.startsWith(keys.bookingPrefix)) {
      writes.push(claimDeleteItem(`ref:${item.sk}`, keys.bookingRef(keys.bookingIdOf(item.sk)), memberId));
      if (holdsSeat(item, now)) writes.push(...(item as unknown as BookingRecord).cells.map((time) => seatReleaseItem(item as unknown as BookingRecord, time)));
    }
    const statsWrites = 2 * (bookingsCancelled + (holdsSeat(item, now) ? 1 : 0));
    if (chunk.length + writes.length + statsWrites > maxActions || writes.some((w) => labels.has(w.label))) {
      if (chunk.length > 1) break;
    }
    writes.forEach((w) => labels.add(w.label));
    chunk.push(...writes);
    erased.add(item.sk);
    if (holdsSeat(item, now)) {
      bookingsCancelled++;
      stats.addDay(String(item.storeId), String(item.date), 'bookings', -1);
    }
    if (item.sk.startsWith(keys.couponPrefix) && item.status === 'available') couponsVoided++;
  }
  chunk.push(...stats.items());
  return { items: chunk, erased, bookingsCancelled, couponsVoided };
}

// ---- follow-ups ------------------------------------------------------------------------------------

/**
 * A follow-up lives outside the member's partition (FOLLOWUP#<id>) and holds their number,
 * nickname, masked phone and rating comments, shown to managers and HQ. It is found through the
 * member's own items — the follow-up ids on their RATING# items and the OPENFOLLOWUP claim — never
 * a Scan. The erasure handles every follow-up before any chunk deletes those items (so a run cut off
 * anywhere still finds them), one transaction each, marked `memberErasedAt` so a re-run skips it.
 */
export function followUpIdsOf(items: PartitionItem[]): string[] {
  const ids = items.flatMap((item) =>
    (item.sk.startsWith(keys.ratingPrefix) || item.sk === keys.openFollowUp(keys.memberIdOf(item.pk)).sk) && typeof item.followUpId === 'string' ? [item.followUpId] : [],
  );
  return [...new Set(ids)];
}

/** Read loosely: a follow-up may carry a version (bumped by every change) and the stores' steps, each with a note. */
type ErasableFollowUp = FollowUpRecord & { memberErasedAt?: string; version?: number; steps?: Array<Record<string, unknown>> };

/** The member's follow-ups not yet erased (strongly consistent BatchGets). */
export async function followUpsToErase(ids: string[]): Promise<FollowUpRecord[]> {
  if (ids.length === 0) return [];
  return ((await getFollowUps(ids)) as ErasableFollowUp[]).filter((f) => !f.memberErasedAt);
}

/**
 * One follow-up's erasure: the member's number, nickname, masked phone, the comments of their
 * ratings and the staff's note about them go (stars, tags, stores, outcome and dates stay: the
 * stores' record of what was rated and answered, with no link to a person). An open one is
 * withdrawn as a close would: out of HQ's open list, its store links gone (no one is to call an
 * erased member), the member's claim released, and counted closed at the opening store, so a
 * store's opened − closed stays what it has open. Conditioned on the state read (status, ratings,
 * version), so a step or close landing meanwhile makes the job read it again.
 */
export function followUpEraseItems(memberId: string, read: FollowUpRecord, at: string, date: string): LabeledItem[] {
  const followUp = read as ErasableFollowUp;
  const open = followUp.status === 'open';
  const set: Record<string, unknown> = {
    memberNo: '',
    nickname: ERASED_NICKNAME,
    phoneMasked: null,
    ratings: followUp.ratings.map((r) => ({ ...r, comment: '' })),
    memberErasedAt: at,
  };
  if (followUp.note !== undefined) set.note = '';
  if (Array.isArray(followUp.steps)) set.steps = followUp.steps.map((step) => ({ ...step, note: '' }));
  if (open) Object.assign(set, { status: 'closed', closedAt: at, withdrawn: 'member_deleted' });
  const items: LabeledItem[] = [
    erasingCheck(memberId),
    updateItemTx('followUp', {
      Key: keys.followUp(followUp.followUpId),
      ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(memberErasedAt) AND #status = :read AND size(ratings) = :n AND ${
        followUp.version === undefined ? 'attribute_not_exists(version)' : 'version = :version'
      }`,
      ...updateParts(
        { set, remove: open ? keys.indexAttributes(keys.openFollowUpsIndex.name) : [], add: { version: 1 } },
        { '#status': 'status' },
        { ':read': followUp.status, ':n': followUp.ratings.length, ...(followUp.version === undefined ? {} : { ':version': followUp.version }) },
      ),
    }),
  ];
  if (open) {
    items.push(
      openFollowUpReleaseItem(memberId, followUp.followUpId),
      ...followUp.storeIds.map((storeId) => deleteItemTx(`link:${storeId}`, { Key: keys.followUpStore(followUp.followUpId, storeId) })),
      ratingStatsItem(followUp.storeIds[0]!, date, { count: 0, sum: 0, opened: 0, closed: 1 }),
    );
  }
  return items;
}

// ---- finish --------------------------------------------------------------------------------------

/**
 * What the erased profile keeps: the id (the bills' and ledger's pseudonym), the member number (issued
 * once from a counter and never again; its claim is gone, so it leads nowhere — kept so HQ's audit log
 * still reads as one anonymous member), the zero balance with its version, the creation date, and
 * the deletion record. Every other attribute is removed — an allow-list, so a personal field added
 * to the profile later (consents, an encrypted phone) is erased without this list knowing of it.
 */
const KEPT_FIELDS = new Set(['pk', 'sk', 'memberId', 'memberNo', 'nickname', 'points', 'version', 'spendDays', 'visitCount', 'createdAt', 'deletionState', 'deletion']);

export const ERASED_NICKNAME = '已注销会员';

/**
 * The last transaction's other writes: the claims of numbers merged into this member (they led here),
 * and the 重复会员 cases naming the member — its own (`duplicateCaseId`) and every one it is a party
 * to, open or decided. A case holds the phone's hash, masked form and the member's number, and an
 * open one would let HQ merge a member into the erased one: they go (the other member's phone is
 * free to bind now).
 */
export function deletionFinishExtras(member: DeletableMember, mergedNumbers: string[], caseKeys: Key[]): LabeledItem[] {
  const items = mergedNumbers.filter((no) => no !== member.memberNo).map((no) => claimDeleteItem(`merged:${no}`, keys.memberNo(no), member.memberId));
  const cases = new Map([...(member.duplicateCaseId ? [keys.duplicateCase(member.duplicateCaseId)] : []), ...caseKeys].map((key) => [key.pk, key]));
  for (const [pk, key] of cases) {
    items.push(
      deleteItemTx(`case:${pk}`, {
        Key: { pk: key.pk, sk: key.sk },
        ConditionExpression: 'attribute_not_exists(pk) OR requesterId = :member OR holderId = :member',
        ExpressionAttributeValues: { ':member': member.memberId },
      }),
    );
  }
  return items;
}

/**
 * The 重复会员 cases naming the member, as holder or requester: one query of each of the member's own
 * index entries (keys only), so the cost follows the member's cases, not HQ's list.
 */
export async function casesOf(memberId: string): Promise<Key[]> {
  const index = keys.memberDuplicatesIndex;
  const found = await Promise.all([index.holder, index.requester].map((name) => indexItems<Key>(name, index.pk(memberId))));
  return found.flat().map((item) => ({ pk: item.pk, sk: item.sk }));
}

/** The last transaction: the profile is emptied (only while erasing, with nothing left to erase). */
export function deletionFinishItem(member: DeletableMember, finishedAt: string): LabeledItem {
  const remove = Object.keys(member).filter((field) => !KEPT_FIELDS.has(field));
  return updateItemTx('member', {
    Key: keys.member(member.memberId),
    ConditionExpression: 'deletionState = :erasing AND version = :expected',
    ...updateParts(
      {
        set: {
          deletionState: 'deleted',
          deletion: { ...member.deletion!, finishedAt },
          nickname: ERASED_NICKNAME,
          spendDays: {},
          visitCount: 0,
          points: 0,
          version: member.version + 1,
        },
        remove,
      },
      {},
      { ':erasing': 'erasing', ':expected': member.version },
    ),
  });
}

/** A request on a member merged into another meanwhile is dropped (the survivor is the person's card now). */
export async function dropDeletionEntry(memberId: string): Promise<void> {
  await updateItem({
    Key: keys.member(memberId),
    ConditionExpression: 'attribute_exists(pk)',
    ...updateParts({ remove: ['deletionRequestedAt', 'deletionDueAt', ...keys.indexAttributes(deletionsIndex.name)] }),
  });
}
