import * as z from 'zod';
import { ServiceId } from '../../shared/schemas/booking';
import { StoreId } from '../../shared/schemas/common';
import { changeCapacity } from '../domain/booking-admin';
import { api, ok } from '../lib/http';
import { staffCaller } from './caller';

const Path = z.object({ serviceId: ServiceId, storeId: StoreId });
const Body = z.object({ capacity: z.number().int().min(1).max(100).nullable() });

/** PUT /v1/admin/services/{serviceId}/stores/{storeId} {capacity|null} — a store offers it or not. */
export const handler = api(async (req) => {
  const { serviceId, storeId } = req.path(Path);
  const { capacity } = req.body(Body);
  const staff = await staffCaller(req);
  return ok(await changeCapacity(staff, serviceId, storeId, capacity));
});
