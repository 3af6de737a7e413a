/**
 * 绑定手机号 (README § One identity per person): the member's getPhoneNumber code is exchanged with
 * WeChat for the phone, then the phone is claimed for the member, or — held by a walk-in member the
 * counter registered by phone — that member is merged into this card, or — held by another WeChat
 * member — the bind is refused and a 重复会员 case is opened for HQ.
 */
import { createHash } from 'node:crypto';
import type { BindPhoneResponse } from '../../shared/schemas/identity';
import { ConflictError, RetryableError } from '../lib/errors';
import { duplicateCaseOpenItems } from '../store/duplicates';
import { getMember, phoneBindItems, phoneClaim } from '../store/members';
import type { MemberRecord } from '../store/records';
import { runTransaction } from '../store/transactions';
import { phoneNumberOf } from '../wechat/phone';
import { answerFor, rememberAnswer, singleFlight } from './idempotent-change';
import { requireConsent } from './consent';
import { requireSignedInMember } from './members';
import { sealPhone, type SealedPhone } from './personal-data';
import { finishMerge, mergeMembers, type MergeOutcome } from './merge';

/** One case per member and phone: refusing the same bind twice finds the same case. */
export const duplicateCaseId = (requesterId: string, phoneIndex: string) => `dup_${createHash('sha256').update(`${requesterId}:${phoneIndex}`).digest('hex').slice(0, 20)}`;

const bound = (member: MemberRecord, phone: SealedPhone): BindPhoneResponse => ({ outcome: 'bound', maskedPhone: phone.phoneMasked, memberNo: member.memberNo, merged: null });

const mergedAnswer = (member: MemberRecord, phone: SealedPhone, merged: MergeOutcome): BindPhoneResponse => ({
  outcome: 'merged',
  maskedPhone: phone.phoneMasked,
  memberNo: member.memberNo,
  merged: { absorbedMemberNo: merged.absorbedMemberNo, pointsMoved: merged.pointsMoved },
});

/** Opens the 重复会员 case of this refusal (once), so HQ sees it whether or not the member asks for help. */
async function openPhoneConflict(requester: MemberRecord, holder: MemberRecord, phone: SealedPhone, now: number): Promise<void> {
  await runTransaction(
    duplicateCaseOpenItems({
      caseId: duplicateCaseId(requester.memberId, phone.phoneIndex),
      kind: 'phone_conflict',
      phoneIndex: phone.phoneIndex,
      phoneMasked: phone.phoneMasked,
      requesterId: requester.memberId,
      requesterMemberNo: requester.memberNo,
      holderId: holder.memberId,
      holderMemberNo: holder.memberNo,
      status: 'open',
      createdAt: new Date(now).toISOString(),
    }),
  );
}

/** What the verified phone means for this member; safe to run again (a second run finds the first's result). */
async function bindOrMerge(member: MemberRecord, phone: SealedPhone, now: number): Promise<BindPhoneResponse> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const claim = await phoneClaim(phone.phoneIndex);
    const holderId = claim?.memberId;
    if (holderId === member.memberId) {
      // The phone came with a walk-in merged into this card (maybe by a duplicate of this request, still moving).
      return claim?.mergedFrom ? mergedAnswer(member, phone, await finishMerge(claim.mergedFrom, member.memberId)) : bound(member, phone);
    }
    if (!holderId) {
      const outcome = await runTransaction(phoneBindItems(member, phone));
      if (outcome.ok) return bound(member, phone);
      continue; // taken meanwhile (a walk-in registered at a counter): look again
    }
    const holder = await getMember(holderId);
    if (!holder || holder.mergedInto) continue;
    if (!holder.openid) {
      // A walk-in: the same person, verified by WeChat now. This card survives (README: which member survives).
      const merged = await mergeMembers({ absorbedId: holder.memberId, survivorId: member.memberId, reason: 'phone_binding', actor: { kind: 'member' }, phone });
      return mergedAnswer(member, phone, merged);
    }
    await openPhoneConflict(member, holder, phone, now);
    throw new ConflictError('phone_taken', 'This phone is bound to another WeChat member; ask for help (申请人工处理) and HQ will look into it');
  }
  throw new RetryableError('busy', 'The phone is changing hands; retry', 1);
}

/**
 * The code works once, so what WeChat said is kept under the Idempotency-Key: a retry goes on with
 * the phone without asking WeChat again (of twenty retries at once, one asks and the others wait for
 * its phone), and the outcome is kept too, so every retry answers the first outcome.
 */
export async function bindPhone(memberId: string, code: string, idempotencyKey: string, now = Date.now): Promise<BindPhoneResponse> {
  const scope = `bind-phone:${memberId}`;
  const request = { code };
  const earlier = await answerFor<BindPhoneResponse>(scope, idempotencyKey, request);
  if (earlier) return earlier;
  const member = await requireSignedInMember(memberId);
  requireConsent(member); // the phone is personal data: collected only after the notice is agreed to
  const phone = await verifiedPhone(`phone-code:${memberId}`, idempotencyKey, code);
  return rememberAnswer(scope, idempotencyKey, request, await bindOrMerge(member, phone, now()), now());
}

/**
 * The phone behind the code: asked of WeChat once per key, however many duplicates arrive at once,
 * and kept under the key sealed (the clear number is never stored).
 */
function verifiedPhone(scope: string, key: string, code: string): Promise<SealedPhone> {
  return singleFlight(scope, key, { code }, async () => sealPhone(await phoneNumberOf(code)));
}
