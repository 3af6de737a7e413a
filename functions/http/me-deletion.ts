import { privacyDeletionRoutes } from '../../shared/contract/routes/privacy-deletion';
import { deletionInfo } from '../domain/deletion';
import { handle } from './route';

/** 注销会员: what deleting forfeits, and the pending request. (privacyDeletionRoutes.meDeletion) */
export const handler = handle(privacyDeletionRoutes.meDeletion, ({ caller }) => deletionInfo(caller.memberId));
