/**
 * The privacy notice and the member's agreement to it (README § Privacy: notice and consent). The
 * notice is generated from the registry of personal data (shared/privacy/); the agreement is two
 * fields of the member's profile, `privacyVersion` and `privacyAgreedAt`, written only for the
 * version in force.
 */
import { shanghaiIso } from '../../shared/dates';
import { AUDIENCE_LABELS, GROUP_LABELS, LEGAL_BASIS_LABELS, PERSONAL_FIELDS, retentionText } from '../../shared/privacy/fields';
import { noticeSections, PRIVACY_NOTICE_VERSION } from '../../shared/privacy/notice';
import type { ConsentResponse, PrivacyNoticeResponse, PrivacyStatus } from '../../shared/privacy/schemas';
import { ConflictError, ForbiddenError, UnauthorizedError } from '../lib/errors';
import { updateMemberFields } from '../store/members';

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
  const updated = await updateMemberFields(memberId, consent, []);
  if (!updated) throw new UnauthorizedError('member_merged', 'This card was merged into another member; sign in again');
  return { agreedVersion: version, agreedAt };
}
