import { Preferences } from '../../shared/schemas/pushes';
import { setPreferences } from '../domain/profile';
import { api, ok } from '../lib/http';
import { memberCaller } from './caller';

/** PUT /v1/me/preferences {marketingOptOut?, targetingOptOut?} — one tap, PIPL art. 24. */
export const handler = api(async (req) => {
  const preferences = req.body(Preferences);
  const { memberId } = await memberCaller(req);
  return ok(await setPreferences(memberId, preferences));
});
