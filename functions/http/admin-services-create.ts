import { ServiceInput } from '../../shared/schemas/booking';
import { createService } from '../domain/booking-admin';
import { api, json } from '../lib/http';
import { staffCaller } from './caller';

/** POST /v1/admin/services — HQ defines a service and the stores offering it, with capacities. */
export const handler = api(async (req) => {
  const input = req.body(ServiceInput);
  const staff = await staffCaller(req);
  return json(201, await createService(staff, input));
});
