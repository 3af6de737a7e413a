import { bookingRoutes } from '../../shared/contract/routes/booking';
import { storeSchedule } from '../domain/booking-admin';
import { handle } from './route';

/** Opening hours, closed days and booking policy. (bookingRoutes.storeSchedule) */
export const handler = handle(bookingRoutes.storeSchedule, ({ params }) => storeSchedule(params.storeId));
