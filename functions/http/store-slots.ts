import { SlotsQuery, StorePath } from '../../shared/schemas/booking';
import { availability } from '../domain/booking';
import { api, ok } from '../lib/http';

/** GET /v1/stores/{storeId}/slots?serviceId=&date= — start times with seats left (public). */
export const handler = api(async (req) => {
  const { storeId } = req.path(StorePath);
  const { serviceId, date } = req.query(SlotsQuery);
  return ok(await availability(storeId, serviceId, date));
});
