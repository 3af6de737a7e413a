import * as z from 'zod';
import { BusinessDate, StoreId } from '../../shared/schemas/common';
import { storeBookings } from '../domain/booking-staff';
import { api, ok } from '../lib/http';
import { staffCaller } from './caller';

const Query = z.object({ date: BusinessDate, storeId: StoreId.optional() });

/** GET /v1/staff/bookings?date=&storeId= — a store's bookings of a day (own store; HQ any). */
export const handler = api(async (req) => {
  const { date, storeId } = req.query(Query);
  const staff = await staffCaller(req);
  return ok(await storeBookings(staff, storeId, date));
});
