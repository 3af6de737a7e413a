import { bookingRoutes } from '../../shared/contract/routes/booking';
import { cancelBooking } from '../domain/booking';
import { handle } from './route';

/** Free until 2 hours before; releases the seat once. (bookingRoutes.bookingsCancel) */
export const handler = handle(bookingRoutes.bookingsCancel, ({ caller, params, idempotencyKey }) => cancelBooking(caller.memberId, params.bookingId, idempotencyKey));
