import { routes } from '../../shared/contract/routes';
import { storeBookings } from '../domain/booking-staff';
import { handle } from './route';

/** A store's bookings of a day (own store; HQ any). (routes.staffBookings) */
export const handler = handle(routes.staffBookings, ({ caller, query }) => storeBookings(caller, query.storeId, query.date));
