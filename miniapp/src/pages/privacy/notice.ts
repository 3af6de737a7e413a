/** The privacy notice (GET /v1/privacy/notice) and the member's agreement (POST /v1/me/consent) or refusal (POST /v1/me/consent/decline), for the login page and 个人信息保护政策. */
import { routes } from '../../../../shared/contract/routes';
import type { LoginResponse } from '../../../../shared/api';
import { callRoute } from '../../api/client';

export const PRIVACY_PAGE = '/pages/privacy/index';

export const loadNotice = () => callRoute(routes.privacyNotice);

export const agreeToNotice = (version: string) => callRoute(routes.meConsent, { body: { version } });

/** 不同意 at a first login: the member that login made is deleted (POST /v1/me/consent/decline). */
export const declineNotice = () => callRoute(routes.meConsentDecline, {});

/** Whether this login must first show the notice: never agreed, or agreed to an older version. */
export const needsConsent = (login: Pick<LoginResponse, 'privacy'>) => login.privacy.agreedVersion !== login.privacy.noticeVersion;
