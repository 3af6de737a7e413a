import { MyCouponsQuery } from '../../shared/schemas/coupons';
import { myCoupons } from '../domain/coupons';
import { api, ok } from '../lib/http';
import { memberCaller } from './caller';

/** GET /v1/me/coupons?status=available|used|expired — 我的优惠券. */
export const handler = api(async (req) => {
  const { status } = req.query(MyCouponsQuery);
  const { memberId } = await memberCaller(req);
  return ok({ items: await myCoupons(memberId, status) });
});
