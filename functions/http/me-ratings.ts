import { ratingsRoutes } from '../../shared/contract/routes/ratings';
import { myRatings } from '../domain/ratings';
import { handle } from './route';

/** 我的评价, with 门店已回复. (ratingsRoutes.meRatings) */
export const handler = handle(ratingsRoutes.meRatings, ({ caller }) => myRatings(caller.memberId));
