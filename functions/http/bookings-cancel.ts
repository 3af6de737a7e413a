import { routes } from '../../shared/contract/routes';
import { cancelBooking } from '../domain/booking';
import { handle } from './route';

/** Free until 2 hours before; releases the seat once. (routes.bookingsCancel) */
export const handler = handle(routes.bookingsCancel, ({ caller, params, idempotencyKey }) => cancelBooking(caller.memberId, params.bookingId, idempotencyKey));
