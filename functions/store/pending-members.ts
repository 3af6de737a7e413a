/**
 * A member made by a first WeChat login, before the member agreed to the privacy notice (README §
 * Privacy: notice and consent). "The member agrees, or leaves without an account": until the first
 * agreement the profile and its two claims (openid, member number) carry a DynamoDB TTL, so an
 * abandoned first login disappears on its own; 不同意 deletes them at once (discardPendingMember);
 * agreeing removes the TTL in the agreement's own transaction (agreeFirstTime). TTL deletion lags
 * (up to 48 h), so a passed `ttl` is treated as gone in logic (functions/domain/auth.ts).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { RetryableError } from '../lib/errors';
import { db, table } from './client';
import { updateParts } from './expressions';
import { keys } from './keys';
import { getItem } from './query';
import type { MemberRecord } from './records';
import { deleteItemTx, runTransaction, updateItemTx, type LabeledItem } from './transactions';

/** How long a first login without agreement is kept: a day to come back and agree. */
export const PENDING_MEMBER_SECONDS = 24 * 3600;

/** The TTL a first login's member and claims are written with (epoch seconds). */
export const pendingTtl = (now: number) => Math.floor(now / 1000) + PENDING_MEMBER_SECONDS;

/** The openid's claim as stored: a `ttl` says it belongs to a member who never agreed. */
export const openidClaim = (openid: string) => getItem<{ memberId: string; ttl?: number }>(keys.wechatIdentity(openid));

/** Still the first login's member: never agreed, and its TTL not yet removed. */
export const isPendingMember = (member: Pick<MemberRecord, 'ttl'> & { privacyVersion?: string }) => member.ttl !== undefined && !member.privacyVersion;

/**
 * A transaction's check that the member is not a first login still waiting for agreement: a claim
 * checks it beside its own writes (no read of the member on the flash-claim path), so a login that
 * never agreed holds no coupon when it declines or its TTL ends.
 */
export function memberAgreedCheckItem(memberId: string): LabeledItem {
  return {
    label: 'member_agreed',
    item: {
      ConditionCheck: {
        TableName: table(),
        Key: keys.member(memberId),
        ConditionExpression: 'attribute_not_exists(#ttl) OR attribute_exists(privacyVersion)',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
      },
    },
  };
}

/**
 * Whether the member's partition holds nothing but the profile (one Query of at most two keys): a
 * member with anything else — a coupon, a booking, a visit — is not discarded by a decline.
 */
export async function holdsOnlyProfile(memberId: string): Promise<boolean> {
  const { Items = [] } = await db().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId) },
      ProjectionExpression: 'sk',
      ConsistentRead: true,
      Limit: 2,
    }),
  );
  return Items.every((item) => item.sk === keys.member(memberId).sk);
}

const pendingClaimRemoved = (label: string, key: ReturnType<typeof keys.member>, memberId: string): LabeledItem =>
  updateItemTx(label, {
    Key: key,
    ConditionExpression: 'memberId = :member',
    UpdateExpression: 'REMOVE #ttl',
    ExpressionAttributeNames: { '#ttl': 'ttl' },
    ExpressionAttributeValues: { ':member': memberId },
  });

/**
 * The first agreement of a first login's member: the consent fields set and the TTL removed from the
 * profile and both claims, with `counted` (the dashboards' new member) in the same transaction.
 * False: the member is no longer pending (another agreement came first) or is gone. Never a quiet
 * fallback on contention (an agreement recorded without removing the TTL would expire the member):
 * 503, and the app retries.
 */
export async function agreeFirstTime(
  member: Pick<MemberRecord, 'memberId' | 'memberNo' | 'openid'>,
  consent: Record<string, unknown>,
  counted: () => LabeledItem[],
): Promise<boolean> {
  const items: LabeledItem[] = [
    updateItemTx('member', {
      Key: keys.member(member.memberId),
      ConditionExpression: 'attribute_exists(pk) AND attribute_exists(#ttl) AND attribute_not_exists(mergedInto) AND attribute_not_exists(deletionState)',
      ...updateParts({ set: consent, remove: ['ttl'] }, { '#ttl': 'ttl' }),
    }),
    pendingClaimRemoved('memberNo', keys.memberNo(member.memberNo), member.memberId),
    ...(member.openid ? [pendingClaimRemoved('openid', keys.wechatIdentity(member.openid), member.memberId)] : []),
  ];
  for (let attempt = 0; attempt < 8; attempt++) {
    // Shards picked afresh each time: a bare conflict is another agreement on the same counter shard.
    const outcome = await runTransaction([...items, ...counted()]);
    if (outcome.ok) return true;
    if (outcome.failed.length > 0) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
  }
  throw new RetryableError('busy', 'Too many members are joining at once; retry');
}

/**
 * Deletes a first login's member that never agreed: its profile (only while it still is pending and
 * at the version read, so nothing written meanwhile is lost) and its openid and member-number claims
 * (only while they are this member's). Its sessions are signed tokens, not items: they stop working
 * because the member they name is gone. Missing pieces (a TTL took them already) are skipped.
 */
export async function discardPendingMember(memberId: string, parts: { openid?: string; memberNo?: string; version?: number }): Promise<boolean> {
  const ownClaim = (label: string, key: ReturnType<typeof keys.member>): LabeledItem =>
    deleteItemTx(label, { Key: key, ConditionExpression: 'attribute_not_exists(pk) OR memberId = :member', ExpressionAttributeValues: { ':member': memberId } });
  const items: LabeledItem[] = [];
  if (parts.version !== undefined) {
    items.push(
      deleteItemTx('member', {
        Key: keys.member(memberId),
        ConditionExpression: 'attribute_exists(#ttl) AND attribute_not_exists(privacyVersion) AND version = :version',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':version': parts.version },
      }),
    );
  }
  if (parts.openid) items.push(ownClaim('openid', keys.wechatIdentity(parts.openid)));
  if (parts.memberNo) items.push(ownClaim('memberNo', keys.memberNo(parts.memberNo)));
  if (items.length === 0) return true;
  return (await runTransaction(items)).ok;
}
