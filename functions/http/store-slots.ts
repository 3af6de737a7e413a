import { bookingRoutes } from '../../shared/contract/routes/booking';
import { availability } from '../domain/booking';
import { handle } from './route';

/**
 * Start times with seats left (routes.storeSlots; public). With `moving`, the member's own
 * booking's seats count as free, so the member must sign in.
 */
export const handler = handle(bookingRoutes.storeSlots, async ({ params, query, signedInMember }) => {
  const { serviceId, date, moving } = query;
  const mover = moving ? { memberId: (await signedInMember()).memberId, bookingId: moving } : undefined;
  return availability(params.storeId, serviceId, date, Date.now(), mover);
});
