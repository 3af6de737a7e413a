import type { StaffRole } from '../../shared/schemas/auth';
import { requireStaff } from '../domain/staff';
import { verifyToken, type Session } from '../domain/sessions';
import { ForbiddenError, UnauthorizedError } from '../lib/errors';
import { isMergedAway } from '../store/members';
import type { HttpRequest } from '../lib/http';
import type { StaffRecord } from '../store/records';

/** The signed-in member (token only, no database read). */
export function memberCaller(req: HttpRequest): Promise<Session> {
  return verifyToken(req.bearerToken());
}

/**
 * A session of a member merged into another stops working (README § Merging). Reads run this beside
 * the handler (no extra wait); writes refuse in the domain, where the member is read anyway.
 */
export async function requireSessionLive(session: Session): Promise<void> {
  if (await isMergedAway(session.memberId)) throw new UnauthorizedError('member_merged', 'This card was merged into another member; sign in again');
}

/**
 * The signed-in staff member, with rights read fresh from the table (a disabled account stops at
 * once), and of one of the route's declared roles.
 */
export async function staffCaller(req: HttpRequest, roles?: readonly StaffRole[]): Promise<StaffRecord> {
  const session = await verifyToken(req.bearerToken());
  const staff = await requireStaff(session.openid);
  if (roles && !roles.includes(staff.role)) {
    if (roles.length === 1 && roles[0] === 'hq') throw new ForbiddenError('not_hq', 'This is for headquarters only');
    throw new ForbiddenError('not_manager', 'This is for store managers and headquarters only');
  }
  return staff;
}
