import { ratingsRoutes } from '../../shared/contract/routes/ratings';
import { pendingRatings } from '../domain/ratings';
import { handle } from './route';

/** 待评价: the visits of the last 72 hours not rated yet. (ratingsRoutes.meRatingsPending) */
export const handler = handle(ratingsRoutes.meRatingsPending, ({ caller }) => pendingRatings(caller.memberId));
