/**
 * Ratings, follow-ups and their per store-day numbers: the items, their conditions and their
 * indexes (README § Ratings and follow-ups). The domain (functions/domain/ratings.ts,
 * follow-ups.ts) puts these items into one transaction per change.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StaffRole } from '../../shared/schemas/auth';
import type { FollowUpOutcome, RatingTag } from '../../shared/schemas/ratings';
import { db, table } from './client';
import { keys, type Key } from './keys';
import { batchGetItems, getItem, partitionItems } from './query';
import { deleteItemTx, putItemTx, updateItemTx, type LabeledItem } from './transactions';

/** A visit in the member's history (functions/store/visits.ts memberVisitPutItem), as rating reads it. */
export interface MemberVisitItem {
  memberId: string;
  at: string;
  ref: string;
  kind: 'purchase' | 'booking';
  storeId: string;
  amountFen: number;
  /** Set by the rating's transaction: the visit is rated. */
  ratedAt?: string;
}

export interface RatingRecord {
  memberId: string;
  ref: string;
  storeId: string;
  kind: 'purchase' | 'booking';
  visitAt: string;
  stars: number;
  tags: RatingTag[];
  comment: string;
  ratedAt: string;
  /** The follow-up this (low) rating opened or joined, else null. */
  followUpId: string | null;
}

export interface FollowUpRatingRecord {
  ref: string;
  storeId: string;
  stars: number;
  tags: RatingTag[];
  comment: string;
  visitAt: string;
  ratedAt: string;
}

export interface FollowUpRecord {
  followUpId: string;
  memberId: string;
  memberNo: string;
  nickname: string;
  phoneMasked: string | null;
  status: 'open' | 'closed';
  openedAt: string;
  dueAt: string;
  /** The stores involved, in the order they joined; the first opened it and handles it. */
  storeIds: string[];
  ratings: FollowUpRatingRecord[];
  /** When a store first answered (any step): from then on it is no longer overdue. Set once. */
  respondedAt?: string;
  /** What the stores did, in order: 已联系 steps, then the closing 已解决 or 无法联系. */
  steps?: FollowUpStepRecord[];
  /** Bumped by every change (a join, a step, the close): the close is conditioned on it. */
  version?: number;
  closedAt?: string;
  outcome?: FollowUpOutcome;
  note?: string;
  closedBy?: FollowUpStaff;
  /** The goodwill coupon, given with any one step: at most one per follow-up. */
  couponId?: string | null;
  couponName?: string | null;
}

export interface FollowUpStaff {
  staffId: string;
  name: string;
  role: StaffRole;
  storeId: string | null;
}

export interface FollowUpStepRecord {
  at: string;
  outcome: FollowUpOutcome;
  note: string;
  by: FollowUpStaff;
  couponName: string | null;
}

/** The coupon a step gives: only while the follow-up has none (at most one goodwill coupon per follow-up). */
const NO_COUPON_YET = '(attribute_not_exists(couponId) OR couponId = :none)';

/** A closed follow-up stays in its stores' lists this long (then TTL removes the link). */
const CLOSED_LINK_SECONDS = 30 * 24 * 3600;

// ---- visits and ratings -----------------------------------------------------------------------

/**
 * The member's visits since `sinceIso`, newest first, strongly consistent: one query of a sort-key
 * range of their own partition (a member has a handful of visits in 72 hours).
 */
export async function recentVisits(memberId: string, sinceIso: string): Promise<MemberVisitItem[]> {
  const { Items } = await db().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId), ':from': `${keys.visitPrefix}${sinceIso}`, ':to': keys.visitRangeEnd },
      ScanIndexForward: false,
      ConsistentRead: true,
    }),
  );
  return (Items ?? []) as MemberVisitItem[];
}

/** One rating per visit: the claim. */
export function ratingPutItem(rating: RatingRecord): LabeledItem {
  return putItemTx('rating', { ...keys.rating(rating.memberId, rating.ref), ...rating }, 'new');
}

/** Marks the visit rated (so 待评价 is one query), only while it is there and not rated. */
export function visitRatedItem(visit: Pick<MemberVisitItem, 'memberId' | 'at' | 'ref'>, ratedAt: string): LabeledItem {
  return updateItemTx('visit', {
    Key: keys.memberVisit(visit.memberId, visit.at, visit.ref),
    UpdateExpression: 'SET ratedAt = :at',
    ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(ratedAt)',
    ExpressionAttributeValues: { ':at': ratedAt },
  });
}

export function listMemberRatings(memberId: string): Promise<RatingRecord[]> {
  return partitionItems<RatingRecord>(keys.memberPartition(memberId), keys.ratingPrefix);
}

// ---- the member's one open follow-up ----------------------------------------------------------

export async function getOpenFollowUpId(memberId: string): Promise<string | null> {
  return (await getItem<{ followUpId: string }>(keys.openFollowUp(memberId)))?.followUpId ?? null;
}

export function openFollowUpClaimItem(memberId: string, followUpId: string, at: string): LabeledItem {
  return putItemTx('openClaim', { ...keys.openFollowUp(memberId), memberId, followUpId, at }, 'new');
}

export function openFollowUpReleaseItem(memberId: string, followUpId: string): LabeledItem {
  return deleteItemTx('openClaim', {
    Key: keys.openFollowUp(memberId),
    ConditionExpression: 'followUpId = :id',
    ExpressionAttributeValues: { ':id': followUpId },
  });
}

// ---- follow-ups --------------------------------------------------------------------------------

export const getFollowUp = (followUpId: string) => getItem<FollowUpRecord>(keys.followUp(followUpId));

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, ...rest } = item;
  return rest as T;
}

/** A new open follow-up, in HQ's open list (`FOLLOWUPS#OPEN`, by due time). */
export function followUpPutItem(followUp: FollowUpRecord): LabeledItem {
  const open = keys.openFollowUpsIndex;
  return putItemTx(
    'followUp',
    { ...keys.followUp(followUp.followUpId), ...keys.indexEntry(open.name, open.pk, open.sort(followUp.dueAt, followUp.followUpId)), ...followUp },
    'new',
  );
}

/**
 * A low rating joins the open follow-up: conditioned on it still being open, and on the store being
 * (or not yet being) among its stores as the plan read it, so two joins from a new store add it once.
 */
export function followUpJoinItem(followUpId: string, rating: FollowUpRatingRecord, storeIsNew: boolean): LabeledItem {
  return updateItemTx('followUp', {
    Key: keys.followUp(followUpId),
    UpdateExpression: `${storeIsNew ? 'SET ratings = list_append(ratings, :r), storeIds = list_append(storeIds, :s)' : 'SET ratings = list_append(ratings, :r)'} ADD version :one`,
    ConditionExpression: `#status = :open AND ${storeIsNew ? 'NOT ' : ''}contains(storeIds, :store)`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':r': [rating], ':open': 'open', ':store': rating.storeId, ':one': 1, ...(storeIsNew ? { ':s': [rating.storeId] } : {}) },
  });
}

/** The follow-up's link in a store's list (open: by due time). */
export function followUpStorePutItem(followUpId: string, storeId: string, dueAt: string): LabeledItem {
  const index = keys.storeFollowUpsIndex;
  return putItemTx(
    `link:${storeId}`,
    { ...keys.followUpStore(followUpId, storeId), ...keys.indexEntry(index.name, index.pk(storeId), index.open(dueAt, followUpId)), followUpId, storeId },
    'new',
  );
}

/**
 * 已联系: a step, not a close. Appended while the follow-up is open (two managers at once both land);
 * `respondedAt` is set by the first answer only; the goodwill coupon, if given, only while there is none.
 */
export function followUpStepItem(followUpId: string, step: FollowUpStepRecord, coupon: { couponId: string; name: string } | null): LabeledItem {
  return updateItemTx('followUp', {
    Key: keys.followUp(followUpId),
    UpdateExpression: `SET steps = list_append(if_not_exists(steps, :empty), :step), respondedAt = if_not_exists(respondedAt, :at)${coupon ? ', couponId = :coupon, couponName = :couponName' : ''} ADD version :one`,
    ConditionExpression: `#status = :open${coupon ? ` AND ${NO_COUPON_YET}` : ''}`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':open': 'open',
      ':empty': [],
      ':step': [step],
      ':at': step.at,
      ':one': 1,
      ...(coupon ? { ':coupon': coupon.couponId, ':couponName': coupon.name, ':none': null } : {}),
    },
  });
}

/**
 * 已解决 or 无法联系: the close. It leaves HQ's open list (the index attributes go). Conditioned on the
 * version the plan read, so a rating that joined meanwhile (a new store's link) makes it plan again
 * and move that link too; a close that lost to another is refused on the status.
 */
export function followUpCloseItem(
  followUpId: string,
  readVersion: number,
  close: Required<Pick<FollowUpRecord, 'closedAt' | 'outcome' | 'note' | 'closedBy'>>,
  step: FollowUpStepRecord,
  coupon: { couponId: string; name: string } | null,
): LabeledItem {
  return updateItemTx('followUp', {
    Key: keys.followUp(followUpId),
    UpdateExpression: `SET #status = :closed, closedAt = :at, outcome = :outcome, note = :note, closedBy = :by, steps = list_append(if_not_exists(steps, :empty), :step), respondedAt = if_not_exists(respondedAt, :at)${
      coupon ? ', couponId = :coupon, couponName = :couponName' : ''
    } ADD version :one REMOVE gsi1pk, gsi1sk`,
    ConditionExpression: `#status = :open AND ${readVersion === 0 ? 'attribute_not_exists(version)' : 'version = :version'}${coupon ? ` AND ${NO_COUPON_YET}` : ''}`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':closed': 'closed',
      ':open': 'open',
      ':at': close.closedAt,
      ':outcome': close.outcome,
      ':note': close.note,
      ':by': close.closedBy,
      ':empty': [],
      ':step': [step],
      ':one': 1,
      ...(readVersion === 0 ? {} : { ':version': readVersion }),
      ...(coupon ? { ':coupon': coupon.couponId, ':couponName': coupon.name, ':none': null } : {}),
    },
  });
}

/** The store's link moves to the closed part of its list, and goes by TTL after a month. */
export function followUpStoreClosedItem(followUpId: string, storeId: string, closedAt: string): LabeledItem {
  return updateItemTx(`link:${storeId}`, {
    Key: keys.followUpStore(followUpId, storeId),
    UpdateExpression: 'SET gsi1sk = :sk, #ttl = :ttl',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: { '#ttl': 'ttl' },
    ExpressionAttributeValues: { ':sk': keys.storeFollowUpsIndex.closed(closedAt, followUpId), ':ttl': Math.floor(Date.parse(closedAt) / 1000) + CLOSED_LINK_SECONDS },
  });
}

/** Follow-ups by id, strongly consistent (BatchGet, unprocessed keys asked again). */
export async function getFollowUps(ids: string[]): Promise<FollowUpRecord[]> {
  return batchGet<FollowUpRecord>([...new Set(ids)].map((id) => keys.followUp(id)));
}

/** HQ's open list, due first; `dueBefore`: only those due before then (overdue). Eventually consistent: a list. */
export async function listOpenFollowUps(dueBefore?: string): Promise<FollowUpRecord[]> {
  const open = keys.openFollowUpsIndex;
  const items: FollowUpRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: table(),
        IndexName: open.name,
        KeyConditionExpression: dueBefore ? '#pk = :pk AND #sk < :before' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${open.name}pk`, ...(dueBefore ? { '#sk': `${open.name}sk` } : {}) },
        ExpressionAttributeValues: { ':pk': open.pk, ...(dueBefore ? { ':before': dueBefore } : {}) },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []).map((item) => strip<FollowUpRecord>(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** One sort-key range of a store's links (eventually consistent: a list). */
async function storeLinks(storeId: string, from: string, to: string): Promise<Array<{ followUpId: string; sk: string }>> {
  const index = keys.storeFollowUpsIndex;
  const links: Array<{ followUpId: string; sk: string }> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: table(),
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': `${index.name}pk`, '#sk': `${index.name}sk` },
        ExpressionAttributeValues: { ':pk': index.pk(storeId), ':from': from, ':to': to },
        ExclusiveStartKey: start,
      }),
    );
    links.push(...(page.Items ?? []).map((item) => ({ followUpId: String(item.followUpId), sk: String(item[`${index.name}sk`]) })));
    start = page.LastEvaluatedKey;
  } while (start);
  return links;
}

/** A store's links: its open follow-ups and those closed since `closedSince`. */
export async function storeFollowUpIds(storeId: string, closedSince: string): Promise<string[]> {
  const [open, closed] = await Promise.all([storeLinks(storeId, 'OPEN#', 'OPEN$'), storeLinks(storeId, `CLOSED#${closedSince}`, 'CLOSED$')]);
  return [...open, ...closed].map((link) => link.followUpId);
}

/** A store's open follow-ups as its links name them, with their due time: one Query of the store's own links. */
export async function storeOpenFollowUps(storeId: string): Promise<Array<{ followUpId: string; dueAt: string }>> {
  return (await storeLinks(storeId, 'OPEN#', 'OPEN$')).map((link) => ({ followUpId: link.followUpId, dueAt: keys.storeFollowUpsIndex.dueOfOpen(link.sk) }));
}

// ---- numbers for the dashboards ---------------------------------------------------------------

export interface RatingStats {
  storeId: string;
  date: string;
  /** Ratings given at this store this day, and the sum of their stars (average = sum / count). */
  count: number;
  sum: number;
  /** Follow-ups this store's ratings opened this day, and follow-ups opened by this store closed this day. */
  followUpsOpened: number;
  followUpsClosed: number;
}

/**
 * Adds to a store-day's numbers, in the rating's (or the close's) own transaction: a retried
 * request replays its answer and never adds twice. One item per store and day per transaction.
 */
export function ratingStatsItem(storeId: string, date: string, add: { count: number; sum: number; opened: number; closed: number }): LabeledItem {
  return updateItemTx(`stats:${storeId}`, {
    Key: keys.ratingStats(storeId, date),
    UpdateExpression: 'SET storeId = :store, #date = :date ADD #count :count, #sum :sum, followUpsOpened :opened, followUpsClosed :closed',
    ExpressionAttributeNames: { '#date': 'date', '#count': 'count', '#sum': 'sum' },
    ExpressionAttributeValues: { ':store': storeId, ':date': date, ':count': add.count, ':sum': add.sum, ':opened': add.opened, ':closed': add.closed },
  });
}

/**
 * The rating numbers of these stores on these Shanghai days (one BatchGet per 100 store-days; a
 * store-day without ratings answers zeros). For the dashboards: cost is days × stores, never ratings.
 */
export async function ratingStats(storeIds: string[], dates: string[]): Promise<RatingStats[]> {
  const wanted = storeIds.flatMap((storeId) => dates.map((date) => ({ storeId, date })));
  const found = await batchGet<Partial<RatingStats>>(wanted.map((w) => keys.ratingStats(w.storeId, w.date)));
  const byKey = new Map(found.map((s) => [`${s.storeId}#${s.date}`, s]));
  return wanted.map(({ storeId, date }) => {
    const s = byKey.get(`${storeId}#${date}`);
    return {
      storeId,
      date,
      count: Number(s?.count ?? 0),
      sum: Number(s?.sum ?? 0),
      followUpsOpened: Number(s?.followUpsOpened ?? 0),
      followUpsClosed: Number(s?.followUpsClosed ?? 0),
    };
  });
}

async function batchGet<T>(keyList: Key[]): Promise<T[]> {
  return (await batchGetItems(keyList)).map((item) => strip<T>(item));
}
