import { routes } from '../../shared/contract/routes';
import { recordSubscriptions } from '../domain/profile';
import { handle } from './route';

/** Each acceptance is one credit. (routes.meSubscriptions) */
export const handler = handle(routes.meSubscriptions, ({ caller, body }) => recordSubscriptions(caller.memberId, body.results));
