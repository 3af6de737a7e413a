import { routes } from '../../shared/contract/routes';
import { book } from '../domain/booking';
import { handle } from './route';

/** Book a service at any store; capacity and overlap hold under concurrency. (routes.bookingsCreate) */
export const handler = handle(routes.bookingsCreate, ({ caller, body, idempotencyKey }) => book(caller.memberId, body, idempotencyKey));
