import { counterRoutes } from '../../shared/contract/routes/counter';
import { storeCheckouts } from '../domain/store-checkouts';
import { handle } from './route';

/** A store's bills of a day (its manager; HQ any store). (counterRoutes.staffCheckouts) */
export const handler = handle(counterRoutes.staffCheckouts, ({ caller, query }) => storeCheckouts(caller, query.storeId, query.date));
