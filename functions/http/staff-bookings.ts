import { counterRoutes } from '../../shared/contract/routes/counter';
import { storeBookings } from '../domain/booking-staff';
import { handle } from './route';

/** A store's bookings of a day (own store; HQ any). (counterRoutes.staffBookings) */
export const handler = handle(counterRoutes.staffBookings, ({ caller, query }) => storeBookings(caller, query.storeId, query.date));
