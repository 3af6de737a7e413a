import { BookingPath } from '../../shared/schemas/booking';
import { markNoShow } from '../domain/booking-staff';
import { api, ok } from '../lib/http';
import { staffCaller } from './caller';

/** POST /v1/staff/bookings/{bookingId}/no-show — after the slot ended, counted on the member. */
export const handler = api(async (req) => {
  const { bookingId } = req.path(BookingPath);
  const staff = await staffCaller(req);
  return ok(await markNoShow(staff, bookingId));
});
