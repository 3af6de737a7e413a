import { LedgerQuery } from '../../shared/schemas/member';
import { memberLedger } from '../domain/ledger';
import { api, ok } from '../lib/http';
import { memberCaller } from './caller';

/** GET /v1/me/ledger?cursor= — the caller's own points history, newest first. */
export const handler = api(async (req) => {
  const { cursor, limit } = req.query(LedgerQuery);
  const { memberId } = await memberCaller(req);
  return ok(await memberLedger(memberId, limit, cursor));
});
