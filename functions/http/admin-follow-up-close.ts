import { ratingsRoutes } from '../../shared/contract/routes/ratings';
import { closeFollowUp } from '../domain/follow-ups';
import { handle } from './route';

/** Close a follow-up (outcome, note, optional goodwill coupon) in one audited transaction. (ratingsRoutes.adminFollowUpClose) */
export const handler = handle(ratingsRoutes.adminFollowUpClose, ({ caller, params, body, idempotencyKey }) => closeFollowUp(caller, params.id, body, idempotencyKey));
