import { StoreCheckoutsQuery } from '../../shared/schemas/staff';
import { storeCheckouts } from '../domain/store-checkouts';
import { api, ok } from '../lib/http';
import { staffCaller } from './caller';

/** GET /v1/staff/checkouts?date=&storeId= — a store's bills of a day (its manager; HQ any store). */
export const handler = api(async (req) => {
  const { date, storeId } = req.query(StoreCheckoutsQuery);
  const staff = await staffCaller(req);
  return ok(await storeCheckouts(staff, storeId, date));
});
