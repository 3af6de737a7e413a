/**
 * The privacy notice and the member's agreement to it (README § Privacy: notice and consent). The
 * notice is generated from the registry of personal data (shared/privacy/); the agreement is two
 * fields of the member's profile, `privacyVersion` and `privacyAgreedAt`, written only for the
 * version in force.
 */
import { shanghaiIso } from '../../shared/dates';
import { AUDIENCE_LABELS, GROUP_LABELS, LEGAL_BASIS_LABELS, PERSONAL_FIELDS, retentionText } from '../../shared/privacy/fields';
import { noticeSections, PRIVACY_NOTICE_VERSION } from '../../shared/privacy/notice';
import type { ConsentResponse, DeclineResponse, PrivacyNoticeResponse, PrivacyStatus } from '../../shared/privacy/schemas';
import { ConflictError, ForbiddenError, UnauthorizedError } from '../lib/errors';
import { getMember, updateMemberFields } from '../store/members';
import { agreeFirstTime, discardPendingMember, holdsOnlyProfile, isPendingMember } from '../store/pending-members';
import type { MemberRecord } from '../store/records';
import { memberCreatedStats } from '../store/stats';
import { welcomeMember } from './welcome';

/** What a member's profile holds about their agreement (absent: never agreed). */
export interface ConsentFields {
  privacyVersion?: string;
  privacyAgreedAt?: string;
}

/**
 * The version in force: the generated one, unless TONGKA_PRIVACY_NOTICE_VERSION overrides it (tests
 * simulate a new version with it; a chain could use it to re-ask everyone without a release).
 */
export function currentNoticeVersion(): string {
  return process.env.TONGKA_PRIVACY_NOTICE_VERSION || PRIVACY_NOTICE_VERSION;
}

/** Which notice is in force and which one this member agreed to: part of the login answer. */
export function privacyStatusOf(member: object): PrivacyStatus {
  return { noticeVersion: currentNoticeVersion(), agreedVersion: (member as ConsentFields).privacyVersion ?? null };
}

/** Whether the member agreed to the notice in force (the app asks again until they have). */
export const hasCurrentConsent = (member: object) => (member as ConsentFields).privacyVersion === currentNoticeVersion();

/**
 * The one check for a member's write that collects personal data (nickname, birthday, phone): 403
 * consent_required until they agreed to a notice. Any agreed version will do here — the app asks
 * for the new one at the next login. Called by updateProfile and bindPhone.
 */
export function requireConsent(member: object): void {
  if (!(member as ConsentFields).privacyVersion) throw new ForbiddenError('consent_required', 'Agree to the privacy notice first (POST /v1/me/consent)');
}

export function privacyNotice(): PrivacyNoticeResponse {
  return {
    version: currentNoticeVersion(),
    sections: noticeSections(),
    fields: PERSONAL_FIELDS.map((f) => ({
      id: f.id,
      group: GROUP_LABELS[f.group],
      name: f.name,
      purpose: f.purpose,
      seenBy: f.seenBy.map((a) => AUDIENCE_LABELS[a]),
      retention: retentionText(f.retention),
      legalBasis: LEGAL_BASIS_LABELS[f.legalBasis],
    })),
  };
}

/**
 * Records that the member agreed to `version` now. Only the version in force counts: agreeing to
 * the one read before a new version came out would record consent to a text they never saw.
 */
export async function recordConsent(memberId: string, version: string, now = Date.now()): Promise<ConsentResponse> {
  const current = currentNoticeVersion();
  if (version !== current) throw new ConflictError('privacy_notice_outdated', `The privacy notice in force is version ${current}; read it and agree to that one`);
  const agreedAt = shanghaiIso(now);
  const consent: Required<ConsentFields> = { privacyVersion: version, privacyAgreedAt: agreedAt };
  const member = await getMember(memberId);
  if (member && isPendingMember(member) && (await agreeFirstTime(member, consent, () => joinedStats(member, now)))) {
    // Kept from now on: welcomed as a new member (idempotent per rule, so concurrent agreements issue once).
    await welcomeMember({ ...member, ...consent }, now);
    return { agreedVersion: version, agreedAt };
  }
  // The first agreement failed while the member is still pending: its TTL passed and DynamoDB took a
  // claim before the profile. Agreeing on a profile about to expire would welcome a member that then
  // disappears; the next login makes a fresh one (functions/domain/auth.ts) that can agree.
  if (member && isPendingMember(member)) {
    const reread = await getMember(memberId);
    if (!reread || isPendingMember(reread)) throw new UnauthorizedError('token_expired', 'This first sign-in has expired; sign in again');
  }
  const updated = await updateMemberFields(memberId, consent, []);
  if (!updated) throw new UnauthorizedError('member_merged', 'This card was merged into another member; sign in again');
  if (!updated.welcomeDoneAt) await welcomeMember(updated, now);
  return { agreedVersion: version, agreedAt };
}

/**
 * A first login's member joins the dashboards when it agrees, not when it logged in (README §
 * Dashboards): the chain's new members on the day of agreement, one more member in `new`.
 */
const joinedStats = (member: MemberRecord, now: number) => memberCreatedStats({ ...member, createdAt: new Date(now).toISOString() }).items();

/**
 * 不同意 at the first login: the member leaves without an account. The member made by that login —
 * never agreed, still holding nothing but its profile — is deleted with its openid and member-number
 * claims, so nothing of the login is kept (its session stops working: the member it names is gone).
 * A member who agreed to any version keeps their account (409 privacy_agreed: 注销会员 deletes it);
 * a member already gone answers the same, `deleted: false`.
 */
export async function declineNotice(memberId: string): Promise<DeclineResponse> {
  const member = await getMember(memberId);
  if (!member) return { deleted: false };
  if (!isPendingMember(member) || !(await holdsOnlyProfile(memberId))) {
    throw new ConflictError('privacy_agreed', 'This membership is kept: it agreed to the privacy notice or already holds records; 注销会员 deletes it');
  }
  if (!(await discardPendingMember(memberId, { openid: member.openid, memberNo: member.memberNo, version: member.version }))) {
    throw new ConflictError('privacy_agreed', 'The membership changed meanwhile and is kept; 注销会员 deletes it');
  }
  return { deleted: true };
}

/**
 * A first login's member has no card to show at the counter, no coupon to claim and no seat to book
 * before agreeing: 403 consent_required. So what it leaves when it declines or expires is its profile
 * alone (a bill or a booking never loses its member to the TTL).
 */
export function requireAgreedIfPending(member: MemberRecord): void {
  if (isPendingMember(member)) throw new ForbiddenError('consent_required', 'Agree to the privacy notice first (POST /v1/me/consent)');
}
