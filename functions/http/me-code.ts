import { shanghaiIso } from '../../shared/dates';
import { issueMemberCode } from '../domain/member-code';
import { requireMember } from '../domain/members';
import { api, ok } from '../lib/http';
import { memberCaller } from './caller';

/** GET /v1/me/code — the rotating, server-signed code staff scan at the counter. */
export const handler = api(async (req) => {
  const { memberId } = await memberCaller(req);
  const member = await requireMember(memberId);
  const code = issueMemberCode(member.memberNo);
  return ok({ qr: code.qr, digits: code.digits, expiresAt: shanghaiIso(code.expiresAt), refreshAt: shanghaiIso(code.refreshAt) });
});
