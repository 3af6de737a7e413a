import type { CardResponse } from '../../shared/schemas/member';
import type { StaffMemberView } from '../../shared/schemas/staff';
import { nextTier, tierForSpend } from '../../shared/tiers';
import { NotFoundError, RetryableError, UnauthorizedError } from '../lib/errors';
import { createMember, getMember, nextMemberNo } from '../store/members';
import { discardPendingMember, isPendingMember, openidClaim, pendingTtl } from '../store/pending-members';
import type { MemberRecord, SealedPhone } from '../store/records';
import { isErased } from '../store/deletion';
import { newId } from './ids';
import { sealPhone } from './personal-data';
import { finishMerge } from './merge';
import { segmentNow } from './segments';
import { spend365Fen, tierOf } from './spend';

/** The card as the member's own record says it; coupons and bookings are added by memberCard. */
export function cardOf(member: MemberRecord, now = Date.now()): Omit<CardResponse, 'usableCoupons' | 'nextBooking'> {
  const spend = spend365Fen(member, now);
  return {
    memberNo: member.memberNo,
    nickname: member.nickname,
    tier: tierForSpend(spend),
    points: member.points,
    spend365Fen: spend,
    nextTier: nextTier(spend),
  };
}

/** What staff may see of a member (README § Staff and permissions): never the full phone. */
export function staffViewOf(member: MemberRecord, now = Date.now()): StaffMemberView {
  return {
    memberNo: member.memberNo,
    nickname: member.nickname,
    maskedPhone: member.phoneMasked ?? null,
    tier: tierOf(member, now),
    points: member.points,
    // A member who switched targeting off is not profiled in front of staff either.
    segment: member.targetingOptOut ? null : segmentNow(member, now).segment,
    tags: member.targetingOptOut ? [] : segmentNow(member, now).tags,
  };
}

/**
 * The live member behind an id, for staff and jobs: a merged member's id leads to its survivor (a
 * visit, bill or booking made before a merge lands on the survivor after it), and a merge still
 * moving into the member is finished first, so what is read is whole (README § Merging).
 */
export async function requireMember(memberId: string): Promise<MemberRecord> {
  let member = await getMember(memberId);
  for (let hop = 0; member?.mergedInto && hop < 5; hop++) member = await getMember(member.mergedInto);
  // A member being erased or erased (README § Deletion) is not found, as if it had never been.
  if (!member || isErased(member)) throw new NotFoundError('member_not_found', 'Member not found');
  if (member.mergeLock) {
    await finishMerge(member.mergeLock, member.memberId);
    return requireMember(member.memberId);
  }
  return member;
}

/**
 * The signed-in member's own record. A member merged into another no longer exists for its old
 * session: 401, and signing in again with the same WeChat account lands on the survivor.
 */
export async function requireSignedInMember(memberId: string): Promise<MemberRecord> {
  const member = await getMember(memberId);
  if (!member) throw new NotFoundError('member_not_found', 'Member not found');
  if (member.mergedInto) throw new UnauthorizedError('member_merged', 'This card was merged into another member; sign in again');
  // Deleted (注销): its sessions stop; signing in again with the same WeChat account makes a new member.
  if (isErased(member)) throw new UnauthorizedError('unauthorized', 'This membership was deleted; sign in again');
  if (member.mergeLock) {
    await finishMerge(member.mergeLock, member.memberId);
    return requireSignedInMember(memberId);
  }
  return member;
}

export function newMemberRecord(memberNo: string, identity: { openid?: string; unionid?: string; phone?: SealedPhone; nickname?: string }, now: number): MemberRecord {
  return {
    memberId: newId('mem', now),
    memberNo,
    nickname: identity.nickname ?? `会员${memberNo.slice(-4)}`,
    ...(identity.openid ? { openid: identity.openid } : {}),
    ...(identity.unionid ? { unionid: identity.unionid } : {}),
    ...identity.phone,
    points: 0,
    version: 0,
    spendDays: {},
    visitCount: 0,
    createdAt: new Date(now).toISOString(),
  };
}

/**
 * The member behind a WeChat user, created on first login. Concurrent first logins of the same
 * openid race on the openid claim; the loser reads the winner's member. Until it agrees to the
 * privacy notice, a first login's member carries a TTL (store/pending-members.ts): one whose TTL has
 * passed, or whose profile the TTL already took, is discarded here and a fresh member made.
 */
export async function memberForWechatUser(
  identity: { openid: string; unionid?: string; nickname?: string },
  now = Date.now(),
  /** False: made without a login (the demo seed's staff), kept like any member. */
  untilAgreed = true,
): Promise<MemberRecord> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const claim = await openidClaim(identity.openid);
    if (claim && claim.ttl === undefined) return requireMember(claim.memberId);
    if (claim) {
      const pending = await getMember(claim.memberId);
      if (pending && isPendingMember(pending) && pending.ttl! * 1000 > now) return pending;
      if (pending && !isPendingMember(pending)) return requireMember(claim.memberId);
      await discardPendingMember(claim.memberId, { openid: identity.openid, ...(pending ? { memberNo: pending.memberNo, version: pending.version } : {}) });
      continue;
    }
    const member: MemberRecord = { ...newMemberRecord(await nextMemberNo(), identity, now), ...(untilAgreed ? { ttl: pendingTtl(now) } : {}) };
    const { created } = await createMember(member);
    if (created) return member;
  }
  throw new RetryableError();
}

/**
 * A walk-in's member, not yet written: a fresh member number, the phone, no WeChat identity yet. The
 * counter writes it with its claims in the visit's transaction (walk-in.ts).
 */
export async function newWalkInMember(phone: string, nickname: string | undefined, now = Date.now()): Promise<MemberRecord> {
  return newMemberRecord(await nextMemberNo(), { phone: await sealPhone(phone), nickname }, now);
}

/** A member registered with the identities given at once (the demo seed). */
export async function registerMember(identity: { openid?: string; unionid?: string; phone?: string; nickname?: string }, now = Date.now()): Promise<MemberRecord> {
  const member = newMemberRecord(await nextMemberNo(), { ...identity, phone: identity.phone ? await sealPhone(identity.phone) : undefined }, now);
  const { created, taken } = await createMember(member);
  if (!created) throw new Error(`member not created: ${taken.join(', ')} already taken`);
  return member;
}
