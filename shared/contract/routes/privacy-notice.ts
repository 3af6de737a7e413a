/** The privacy notice (个人信息保护政策) and the member's agreement to it. One declaration per route (README § API; § Privacy: notice and consent). */
import { ConsentRequest, ConsentResponse, PrivacyNoticeResponse } from '../../privacy/schemas';
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
};
