import { SlotsQuery, StorePath } from '../../shared/schemas/booking';
import { availability } from '../domain/booking';
import { api, ok } from '../lib/http';
import { memberCaller } from './caller';

/**
 * GET /v1/stores/{storeId}/slots?serviceId=&date=[&moving=] — start times with seats left (public;
 * with `moving`, the member's own booking's seats count as free, so the member must sign in).
 */
export const handler = api(async (req) => {
  const { storeId } = req.path(StorePath);
  const { serviceId, date, moving } = req.query(SlotsQuery);
  const mover = moving ? { memberId: (await memberCaller(req)).memberId, bookingId: moving } : undefined;
  return ok(await availability(storeId, serviceId, date, Date.now(), mover));
});
