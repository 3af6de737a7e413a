import { ratingsRoutes } from '../../shared/contract/routes/ratings';
import { followUpsFor } from '../domain/follow-ups';
import { handle } from './route';

/** 待跟进: a manager's store's, or HQ's open list across the chain. (ratingsRoutes.adminFollowUps) */
export const handler = handle(ratingsRoutes.adminFollowUps, ({ caller, query }) => followUpsFor(caller, query));
