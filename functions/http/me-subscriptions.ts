import { SubscriptionResults } from '../../shared/schemas/pushes';
import { recordSubscriptions } from '../domain/profile';
import { api, ok } from '../lib/http';
import { memberCaller } from './caller';

/** POST /v1/me/subscriptions {results} — what wx.requestSubscribeMessage answered; each accept is one credit. */
export const handler = api(async (req) => {
  const { results } = req.body(SubscriptionResults);
  const { memberId } = await memberCaller(req);
  return ok(await recordSubscriptions(memberId, results));
});
