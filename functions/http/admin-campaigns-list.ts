import { campaignsFor } from '../domain/campaigns/admin';
import { api, ok } from '../lib/http';
import { staffCaller } from './caller';

/** GET /v1/admin/campaigns — HQ: campaigns, their templates, on/off, and each run's numbers. */
export const handler = api(async (req) => {
  const staff = await staffCaller(req);
  return ok({ items: await campaignsFor(staff) });
});
