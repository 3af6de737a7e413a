import { issueRulesFor } from '../domain/coupon-admin';
import { api, ok } from '../lib/http';
import { staffCaller } from './caller';

/** GET /v1/admin/issue-rules — welcome and cross-store rules (manager, HQ). */
export const handler = api(async (req) => {
  const staff = await staffCaller(req);
  return ok({ items: await issueRulesFor(staff) });
});
