import { templatesFor } from '../domain/coupon-admin';
import { api, ok } from '../lib/http';
import { staffCaller } from './caller';

/** GET /v1/admin/coupon-templates — templates with issued and redeemed counts (manager, HQ). */
export const handler = api(async (req) => {
  const staff = await staffCaller(req);
  return ok({ items: await templatesFor(staff) });
});
