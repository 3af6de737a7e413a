/** The privacy notice (个人信息保护政策) and the member's agreement to it. One declaration per route (README § API; § Privacy: notice and consent). */
import { ConsentRequest, ConsentResponse, DeclineResponse, PrivacyNoticeResponse } from '../../privacy/schemas';
import { defineRoute } from '../define';

export const privacyNoticeRoutes = {
  privacyNotice: defineRoute({
    method: 'GET',
    path: '/v1/privacy/notice',
    tag: 'pushes',
    summary: '个人信息保护政策: the notice in force, its sections in Chinese and every personal field kept (why, who sees it, how long)',
    description:
      'Generated from the registry of personal data (shared/privacy/fields.ts); PRIVACY.md is the same text. The login answer says whether the member has agreed to this version.',
    access: 'public',
    response: PrivacyNoticeResponse,
  }),
  meConsent: defineRoute({
    method: 'POST',
    path: '/v1/me/consent',
    tag: 'pushes',
    summary: 'The member agrees to the notice: its version and the time are recorded on their profile',
    description: 'Only the version in force is accepted; an older one answers 409 privacy_notice_outdated (read the notice again). Agreeing again records the new time.',
    access: 'member',
    body: ConsentRequest,
    response: ConsentResponse,
    errors: ['privacy_notice_outdated'],
  }),
  meConsentDecline: defineRoute({
    method: 'POST',
    path: '/v1/me/consent/decline',
    tag: 'pushes',
    summary: '不同意: the member leaves without an account — the member made by their first login is deleted with its WeChat and member-number claims',
    description:
      'Only a first login’s member that never agreed to any version and holds nothing but its profile is deleted (its session stops working; signing in again makes a new member, shown the notice). A member that agreed is kept: 409 privacy_agreed (注销会员 deletes it). Already gone: `deleted: false`. A first login never agreed to and never declined expires by itself after 24 hours.',
    access: 'member',
    // No body: what is deleted depends on the member's own record, not on which notice version was shown.
    response: DeclineResponse,
    errors: ['privacy_agreed'],
  }),
};
