import { ratingsRoutes } from '../../shared/contract/routes/ratings';
import { rateVisit } from '../domain/ratings';
import { handle } from './route';

/** Rate a visit of the last 72 hours, once; a low rating opens or joins the member's one follow-up. (ratingsRoutes.meRate) */
export const handler = handle(ratingsRoutes.meRate, ({ caller, params, body, idempotencyKey }) => rateVisit(caller.memberId, params.ref, body, idempotencyKey));
