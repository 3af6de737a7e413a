import { routes } from '../../shared/contract/routes';
import { myBookings } from '../domain/booking';
import { handle } from './route';

/** 我的预约. (routes.meBookings) */
export const handler = handle(routes.meBookings, async ({ caller, query }) => ({ items: await myBookings(caller.memberId, query.scope) }));
