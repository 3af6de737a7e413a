import { bookingRoutes } from '../../shared/contract/routes/booking';
import { myBookings } from '../domain/booking';
import { handle } from './route';

/** 我的预约. (bookingRoutes.meBookings) */
export const handler = handle(bookingRoutes.meBookings, async ({ caller, query }) => ({ items: await myBookings(caller.memberId, query.scope) }));
