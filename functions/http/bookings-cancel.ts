import { BookingPath } from '../../shared/schemas/booking';
import { cancelBooking } from '../domain/booking';
import { api, ok } from '../lib/http';
import { memberCaller } from './caller';

/** POST /v1/bookings/{bookingId}/cancel — free until 2 hours before; releases the seat once. */
export const handler = api(async (req) => {
  const { bookingId } = req.path(BookingPath);
  const idempotencyKey = req.idempotencyKey();
  const { memberId } = await memberCaller(req);
  return ok(await cancelBooking(memberId, bookingId, idempotencyKey));
});
