import { bookingRoutes } from '../../shared/contract/routes/booking';
import { chainServices } from '../domain/booking-admin';
import { handle } from './route';

/** The chain's services, or those a store offers. (bookingRoutes.servicesList) */
export const handler = handle(bookingRoutes.servicesList, async ({ query }) => ({ items: await chainServices(query.storeId) }));
