import { memberCard } from '../domain/card';
import { api, ok } from '../lib/http';
import { memberCaller } from './caller';

/** GET /v1/me/card — the one card: tier, points, progress to the next tier, usable coupons. */
export const handler = api(async (req) => {
  const { memberId } = await memberCaller(req);
  return ok(await memberCard(memberId));
});
