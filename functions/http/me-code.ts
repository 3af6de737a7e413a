import { memberRoutes } from '../../shared/contract/routes/member';
import { shanghaiIso } from '../../shared/dates';
import { requireSignedInMember } from '../domain/members';
import { issueMemberCode } from '../domain/member-code';
import { handle } from './route';

/** The rotating, server-signed code staff scan at the counter (memberRoutes.meCode). */
export const handler = handle(memberRoutes.meCode, async ({ caller }) => {
  const member = await requireSignedInMember(caller.memberId);
  const code = issueMemberCode(member.memberNo);
  return { qr: code.qr, digits: code.digits, expiresAt: shanghaiIso(code.expiresAt), refreshAt: shanghaiIso(code.refreshAt) };
});
