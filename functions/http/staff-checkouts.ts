import { routes } from '../../shared/contract/routes';
import { storeCheckouts } from '../domain/store-checkouts';
import { handle } from './route';

/** A store's bills of a day (its manager; HQ any store). (routes.staffCheckouts) */
export const handler = handle(routes.staffCheckouts, ({ caller, query }) => storeCheckouts(caller, query.storeId, query.date));
