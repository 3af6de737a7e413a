import { privacyDeletionRoutes } from '../../shared/contract/routes/privacy-deletion';
import { requestDeletion } from '../domain/deletion';
import { handle } from './route';

/** 注销会员: the request, due after the 7-day cooling-off. (privacyDeletionRoutes.meDeletionRequest) */
export const handler = handle(privacyDeletionRoutes.meDeletionRequest, ({ caller, idempotencyKey }) => requestDeletion(caller.memberId, idempotencyKey));
