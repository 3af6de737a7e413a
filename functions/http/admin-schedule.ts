import { ScheduleInput, StorePath } from '../../shared/schemas/booking';
import { changeSchedule } from '../domain/booking-admin';
import { api, ok } from '../lib/http';
import { staffCaller } from './caller';

/** PUT /v1/admin/stores/{storeId}/schedule — opening hours, closed days, grid (manager, HQ). */
export const handler = api(async (req) => {
  const { storeId } = req.path(StorePath);
  const input = req.body(ScheduleInput);
  const staff = await staffCaller(req);
  return ok(await changeSchedule(staff, storeId, input));
});
