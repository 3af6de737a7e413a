import { bookingRoutes } from '../../shared/contract/routes/booking';
import { book } from '../domain/booking';
import { handle } from './route';

/** Book a service at any store; capacity and overlap hold under concurrency. (bookingRoutes.bookingsCreate) */
export const handler = handle(bookingRoutes.bookingsCreate, ({ caller, body, idempotencyKey }) => book(caller.memberId, body, idempotencyKey));
