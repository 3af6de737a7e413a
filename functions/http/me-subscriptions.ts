import { pushesRoutes } from '../../shared/contract/routes/pushes';
import { recordSubscriptions } from '../domain/profile';
import { handle } from './route';

/** Each acceptance is one credit. (pushesRoutes.meSubscriptions) */
export const handler = handle(pushesRoutes.meSubscriptions, ({ caller, body }) => recordSubscriptions(caller.memberId, body.results));
