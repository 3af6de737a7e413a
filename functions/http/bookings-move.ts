import { bookingRoutes } from '../../shared/contract/routes/booking';
import { moveBooking } from '../domain/booking';
import { handle } from './route';

/** 改约: to another store or time, atomically. (bookingRoutes.bookingsMove) */
export const handler = handle(bookingRoutes.bookingsMove, ({ caller, params, body, idempotencyKey }) => moveBooking(caller.memberId, params.bookingId, body, idempotencyKey));
