import { CouponTemplateInput } from '../../shared/schemas/coupons';
import { createTemplate } from '../domain/coupon-admin';
import { api, json } from '../lib/http';
import { staffCaller } from './caller';

/** POST /v1/admin/coupon-templates — HQ for the chain, a manager for their own store. */
export const handler = api(async (req) => {
  const input = req.body(CouponTemplateInput);
  const idempotencyKey = req.idempotencyKey();
  const staff = await staffCaller(req);
  return json(201, await createTemplate(staff, input, idempotencyKey));
});
