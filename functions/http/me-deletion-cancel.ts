import { privacyDeletionRoutes } from '../../shared/contract/routes/privacy-deletion';
import { cancelDeletion } from '../domain/deletion';
import { handle } from './route';

/** 撤销注销 during the cooling-off. (privacyDeletionRoutes.meDeletionCancel) */
export const handler = handle(privacyDeletionRoutes.meDeletionCancel, ({ caller }) => cancelDeletion(caller.memberId));
