import { privacyNoticeRoutes } from '../../shared/contract/routes/privacy-notice';
import { recordConsent } from '../domain/consent';
import { handle } from './route';

/** The member agrees to the notice in force: version and time recorded. (privacyNoticeRoutes.meConsent) */
export const handler = handle(privacyNoticeRoutes.meConsent, ({ caller, body }) => recordConsent(caller.memberId, body.version));
