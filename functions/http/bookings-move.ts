import { routes } from '../../shared/contract/routes';
import { moveBooking } from '../domain/booking';
import { handle } from './route';

/** 改约: to another store or time, atomically. (routes.bookingsMove) */
export const handler = handle(routes.bookingsMove, ({ caller, params, body, idempotencyKey }) => moveBooking(caller.memberId, params.bookingId, body, idempotencyKey));
