import { myProfile } from '../domain/profile';
import { api, ok } from '../lib/http';
import { memberCaller } from './caller';

/** GET /v1/me/profile — the member's own data: birthday, full phone, privacy switches, subscriptions. */
export const handler = api(async (req) => {
  const { memberId } = await memberCaller(req);
  return ok(await myProfile(memberId));
});
