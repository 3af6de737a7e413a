import { TemplatePath } from '../../shared/schemas/coupons';
import { exchangeCoupon } from '../domain/coupons';
import { api, json } from '../lib/http';
import { memberCaller } from './caller';

/** POST /v1/coupons/templates/{templateId}/exchange — points for a coupon, both or neither. */
export const handler = api(async (req) => {
  const { templateId } = req.path(TemplatePath);
  const idempotencyKey = req.idempotencyKey();
  const { memberId } = await memberCaller(req);
  return json(201, await exchangeCoupon(memberId, templateId, idempotencyKey));
});
