import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { RetryableError } from '../lib/errors';
import { phoneIndexOf } from '../lib/field-crypto';
import { updateParts } from './expressions';
import { withMemberIndexes } from './job-indexes';
import { keys, type Key } from './keys';
import { conditionFailed, getItem, updateItem } from './query';
import type { MemberRecord, SealedPhone } from './records';
import { deleteItemTx, putItemTx, runTransaction, updateItemTx, type LabeledItem } from './transactions';
import { memberCreatedStats, segmentMove, StatsChanges } from './stats';

/** Strongly consistent: a write at store A is visible at store B on the very next read. */
export const getMember = (memberId: string) => getItem<MemberRecord>(keys.member(memberId));

const lookup = async (key: Key) => (await getItem<{ memberId: string }>(key))?.memberId;

export const memberIdByOpenid = (openid: string) => lookup(keys.wechatIdentity(openid));
export const memberIdByMemberNo = (memberNo: string) => lookup(keys.memberNo(memberNo));
/** The member number's claim: `mergedFrom` says the number belonged to a member merged into `memberId`. */
export const memberNoClaim = (memberNo: string) => getItem<{ memberId: string; mergedFrom?: string }>(keys.memberNo(memberNo));
/** The member holding a phone (the claim written with the member, or by a later binding). */
export const memberIdByPhone = (phone: string) => lookup(keys.phone(phoneIndexOf(phone)));
/** The phone's claim: `mergedFrom` says it came to `memberId` by merging that member. */
export const phoneClaim = (phoneIndex: string) => getItem<{ memberId: string; mergedFrom?: string }>(keys.phone(phoneIndex));

/** Member numbers are 8 digits from 10000001 up, handed out by an atomic counter. */
export async function nextMemberNo(): Promise<string> {
  const attributes = await updateItem({
    Key: keys.memberNoCounter(),
    UpdateExpression: 'ADD #value :one',
    ExpressionAttributeNames: { '#value': 'value' },
    ExpressionAttributeValues: { ':one': 1 },
    ReturnValues: 'UPDATED_NEW',
  });
  return String(10_000_000 + Number(attributes?.value));
}

/**
 * Whether the member is gone for its sessions: merged into another, or deleted (注销, README §
 * Deletion) — one small consistent read of the profile's two fields.
 */
export async function isMergedAway(memberId: string): Promise<boolean> {
  const { Item } = await db().send(
    new GetCommand({ TableName: table(), Key: keys.member(memberId), ConsistentRead: true, ProjectionExpression: 'mergedInto, deletionState' }),
  );
  return Boolean(Item?.mergedInto || Item?.deletionState);
}

/**
 * A transaction's check that the member is live: it exists, is neither merged away nor taking in a
 * merge, and is not erased (README § Merging, § Deletion) — so a write made beside the member's read,
 * not after it, still happens only for a member that read would accept.
 */
export function memberLiveCheckItem(memberId: string): LabeledItem {
  return {
    label: 'member_live',
    item: {
      ConditionCheck: {
        TableName: table(),
        Key: keys.member(memberId),
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(mergedInto) AND attribute_not_exists(mergeLock) AND attribute_not_exists(deletionState)',
      },
    },
  };
}

/** The member's item as stored: its key, its fields and the job-index entries those fields imply. */
export function memberItem(member: MemberRecord): Record<string, unknown> {
  return { ...keys.member(member.memberId), ...withMemberIndexes(member.memberId, { ...member }).set };
}

const claim = (label: string, key: Key, memberId: string, ttl?: number) => putItemTx(label, { ...key, memberId, ...(ttl ? { ttl } : {}) }, 'new');

/**
 * The new member's item and its unique claims (openid, member number, phone), each `attribute_not_exists`:
 * for a transaction that also writes what the creation comes with (a walk-in's visit and audit entries).
 */
export function memberCreateItems(member: MemberRecord): LabeledItem[] {
  // A first login's member (a `ttl` until it agrees to the privacy notice) expires with its claims.
  const items: LabeledItem[] = [putItemTx('member', memberItem(member), 'new'), claim('memberNo', keys.memberNo(member.memberNo), member.memberId, member.ttl)];
  if (member.openid) items.push(claim('openid', keys.wechatIdentity(member.openid), member.memberId, member.ttl));
  if (member.phoneIndex) items.push(claim('phone', keys.phone(member.phoneIndex), member.memberId));
  // The dashboards' new members and members by segment, in the creation's own transaction (README §
  // Dashboards); a first login's member is counted when it agrees (domain/consent.ts), so a declined
  // or abandoned login is never counted.
  if (!member.ttl) items.push(...memberCreatedStats(member).items());
  return items;
}

/**
 * Creates the member with its unique claims (openid, member number, phone) in one transaction.
 * Returns the labels of claims already taken (e.g. a concurrent first login took the openid).
 */
export async function createMember(member: MemberRecord): Promise<{ created: boolean; taken: string[] }> {
  // A bare conflict (no condition failed) is another creation on the same dashboard counter shard
  // (a burst of first logins): try the same member again, on shards picked afresh.
  for (let attempt = 0; attempt < 6; attempt++) {
    const outcome = await runTransaction(memberCreateItems(member));
    if (outcome.ok) return { created: true, taken: [] };
    if (!(outcome.conflict && outcome.failed.length === 0)) return { created: false, taken: outcome.failed };
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
  }
  return { created: false, taken: ['conflict'] };
}

/**
 * A direct change of the stored segment (the demo seed's lapse catch-up): with the dashboards'
 * members-by-segment counters in the same transaction, conditioned on the segment it moves from.
 */
async function updateSegmentFields(memberId: string, set: Record<string, unknown>, remove: string[]): Promise<MemberRecord | undefined> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const before = await getMember(memberId);
    if (!before || before.mergedInto || (before as { deletionState?: string }).deletionState) return undefined;
    const was = before.segment ? { ':was': before.segment } : {};
    const outcome = await runTransaction([
      updateItemTx('member', {
        Key: keys.member(memberId),
        ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(mergedInto) AND attribute_not_exists(deletionState) AND ${before.segment ? '#seg = :was' : 'attribute_not_exists(#seg)'}`,
        ...updateParts(withMemberIndexes(memberId, set, remove), { '#seg': 'segment' }, was),
      }),
      ...segmentMove(new StatsChanges(), before.segment ?? 'new', String(set.segment)).items(),
    ]);
    if (outcome.ok) return getMember(memberId);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
  }
  throw new RetryableError('busy', 'Too many simultaneous changes to this member; retry');
}

/** The update of a member's balance and history, conditioned on the version that was read. */
export function memberUpdateItem(
  before: Pick<MemberRecord, 'memberId' | 'version'>,
  after: Pick<MemberRecord, 'points' | 'spendDays' | 'visitCount' | 'firstVisitAt' | 'lastVisitAt'>,
  /** More fields to set in the same write (a visit's segment, RFM, tags, lapse stage and date). */
  extra: Record<string, unknown> = {},
): LabeledItem {
  const fields: Record<string, unknown> = {
    points: after.points,
    version: before.version + 1,
    spendDays: after.spendDays,
    visitCount: after.visitCount,
    ...(after.firstVisitAt ? { firstVisitAt: after.firstVisitAt } : {}),
    ...(after.lastVisitAt ? { lastVisitAt: after.lastVisitAt } : {}),
    ...extra,
  };
  return updateItemTx('member', {
    Key: keys.member(before.memberId),
    // The new balance was computed from exactly this version; any concurrent change fails it.
    ConditionExpression: 'version = :expected',
    ...updateParts({ set: withMemberIndexes(before.memberId, fields).set }, {}, { ':expected': before.version }),
  });
}

/** Records that the welcome rules ran; touches nothing else, so no version is needed. */
export async function markWelcomeDone(memberId: string, at: string): Promise<void> {
  await updateItem({
    Key: keys.member(memberId),
    UpdateExpression: 'SET welcomeDoneAt = if_not_exists(welcomeDoneAt, :at)',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':at': at },
  });
}

/**
 * Sets and removes plain profile fields (nothing a balance depends on, so no version). Undefined:
 * the member was merged into another meanwhile (its fields are the survivor's now), or is being erased.
 */
export async function updateMemberFields(memberId: string, set: Record<string, unknown>, remove: string[]): Promise<MemberRecord | undefined> {
  if (typeof set.segment === 'string') return updateSegmentFields(memberId, set, remove);
  try {
    return await updateItem<MemberRecord>({
      Key: keys.member(memberId),
      // Neither merged away nor being erased (a save racing an erasure must not put a field back).
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(mergedInto) AND attribute_not_exists(deletionState)',
      ...updateParts(withMemberIndexes(memberId, set, remove)),
      ReturnValues: 'ALL_NEW',
    });
  } catch (error) {
    if (conditionFailed(error)) return undefined;
    throw error;
  }
}

/**
 * Binding a phone that nobody holds: the claim (only while free), the member's field (only while the
 * member is not merged away), and the release of the phone the member gives up for it.
 */
export function phoneBindItems(member: Pick<MemberRecord, 'memberId' | 'phoneIndex'>, phone: SealedPhone): LabeledItem[] {
  const items = [
    claim('phone', keys.phone(phone.phoneIndex), member.memberId),
    updateItemTx('member', {
      Key: keys.member(member.memberId),
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(mergedInto)',
      ...updateParts({ set: { ...phone } }),
    }),
  ];
  if (member.phoneIndex && member.phoneIndex !== phone.phoneIndex) {
    items.push(
      deleteItemTx('oldPhone', {
        Key: keys.phone(member.phoneIndex),
        ConditionExpression: 'memberId = :member',
        ExpressionAttributeValues: { ':member': member.memberId },
      }),
    );
  }
  return items;
}
