import { privacyNoticeRoutes } from '../../shared/contract/routes/privacy-notice';
import { declineNotice } from '../domain/consent';
import { handle } from './route';

/** 不同意 at the first login: the member made by it is deleted, nothing kept. (privacyNoticeRoutes.meConsentDecline) */
export const handler = handle(privacyNoticeRoutes.meConsentDecline, ({ caller }) => declineNotice(caller.memberId));
