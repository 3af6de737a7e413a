import { cardOf, requireMember } from '../domain/members';
import { api, ok } from '../lib/http';
import { memberCaller } from './caller';

/** GET /v1/me/card — the one card: tier, points and progress to the next tier. */
export const handler = api(async (req) => {
  const { memberId } = await memberCaller(req);
  return ok(cardOf(await requireMember(memberId)));
});
