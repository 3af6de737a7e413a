import { StorePath } from '../../shared/schemas/booking';
import { storeSchedule } from '../domain/booking-admin';
import { api, ok } from '../lib/http';

/** GET /v1/stores/{storeId}/schedule — opening hours, closed days and booking policy (public). */
export const handler = api(async (req) => {
  const { storeId } = req.path(StorePath);
  return ok(await storeSchedule(storeId));
});
