import { TemplatePath } from '../../shared/schemas/coupons';
import { claimCoupon } from '../domain/coupons';
import { api, json } from '../lib/http';
import { memberCaller } from './caller';

/** POST /v1/coupons/templates/{templateId}/claim — take one coupon; never oversold, limit holds. */
export const handler = api(async (req) => {
  const { templateId } = req.path(TemplatePath);
  const idempotencyKey = req.idempotencyKey();
  const { memberId } = await memberCaller(req);
  return json(201, await claimCoupon(memberId, templateId, idempotencyKey));
});
