import { routes } from '../../shared/contract/routes';
import { chainServices } from '../domain/booking-admin';
import { handle } from './route';

/** The chain's services, or those a store offers. (routes.servicesList) */
export const handler = handle(routes.servicesList, async ({ query }) => ({ items: await chainServices(query.storeId) }));
