import { BookingPath, MoveRequest } from '../../shared/schemas/booking';
import { moveBooking } from '../domain/booking';
import { api, ok } from '../lib/http';
import { memberCaller } from './caller';

/** POST /v1/bookings/{bookingId}/move {storeId, start} — to another store or time, atomically. */
export const handler = api(async (req) => {
  const { bookingId } = req.path(BookingPath);
  const input = req.body(MoveRequest);
  const idempotencyKey = req.idempotencyKey();
  const { memberId } = await memberCaller(req);
  return ok(await moveBooking(memberId, bookingId, input, idempotencyKey));
});
