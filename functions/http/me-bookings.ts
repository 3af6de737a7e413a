import { MyBookingsQuery } from '../../shared/schemas/booking';
import { myBookings } from '../domain/booking';
import { api, ok } from '../lib/http';
import { memberCaller } from './caller';

/** GET /v1/me/bookings?scope=upcoming|past — 我的预约. */
export const handler = api(async (req) => {
  const { scope } = req.query(MyBookingsQuery);
  const { memberId } = await memberCaller(req);
  return ok({ items: await myBookings(memberId, scope) });
});
