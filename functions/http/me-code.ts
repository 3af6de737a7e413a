import { memberRoutes } from '../../shared/contract/routes/member';
import { shanghaiIso } from '../../shared/dates';
import { countCodeFetch } from '../domain/abuse-limits';
import { requireAgreedIfPending } from '../domain/consent';
import { requireSignedInMember } from '../domain/members';
import { issueMemberCode } from '../domain/member-code';
import { handle } from './route';

/** The rotating, server-signed code staff scan at the counter (memberRoutes.meCode). */
export const handler = handle(memberRoutes.meCode, async ({ caller }) => {
  const [member] = await Promise.all([requireSignedInMember(caller.memberId), countCodeFetch(caller.memberId)]);
  requireAgreedIfPending(member);
  const code = issueMemberCode(member.memberNo);
  return { qr: code.qr, digits: code.digits, expiresAt: shanghaiIso(code.expiresAt), refreshAt: shanghaiIso(code.refreshAt) };
});
