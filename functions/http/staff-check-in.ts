import * as z from 'zod';
import { BookingId } from '../../shared/schemas/booking';
import { checkIn } from '../domain/booking-staff';
import { api, ok } from '../lib/http';
import { staffCaller } from './caller';

const Path = z.object({ visitId: z.string().min(1).max(64), bookingId: BookingId });

/** POST /v1/staff/visits/{visitId}/bookings/{bookingId}/check-in — after a scan, at that store. */
export const handler = api(async (req) => {
  const { visitId, bookingId } = req.path(Path);
  const staff = await staffCaller(req);
  return ok(await checkIn(staff, visitId, bookingId));
});
