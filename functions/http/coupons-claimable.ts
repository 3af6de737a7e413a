import { claimableTemplates } from '../domain/coupons';
import { api, ok } from '../lib/http';
import { memberCaller } from './caller';

/** GET /v1/coupons/claimable — 领券中心: templates to claim or exchange, with remaining stock. */
export const handler = api(async (req) => {
  const { memberId } = await memberCaller(req);
  return ok(await claimableTemplates(memberId));
});
