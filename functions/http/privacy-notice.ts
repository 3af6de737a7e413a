import { privacyNoticeRoutes } from '../../shared/contract/routes/privacy-notice';
import { privacyNotice } from '../domain/consent';
import { handle } from './route';

/** 个人信息保护政策: the notice in force, generated from the registry of personal data. (privacyNoticeRoutes.privacyNotice) */
export const handler = handle(privacyNoticeRoutes.privacyNotice, async () => privacyNotice());
