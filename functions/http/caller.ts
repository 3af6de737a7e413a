import type { StaffRole } from '../../shared/schemas/auth';
import { requireStaff, type StaffAccess } from '../domain/staff';

export type { StaffAccess };
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
  return requireRole(await requireStaff(session.openid), roles);
}

function requireRole(staff: StaffRecord, roles?: readonly StaffRole[]): StaffRecord {
  if (roles && !roles.includes(staff.role)) {
    if (roles.length === 1 && roles[0] === 'hq') throw new ForbiddenError('not_hq', 'This is for headquarters only');
    throw new ForbiddenError('not_manager', 'This is for store managers and headquarters only');
  }
  return staff;
}

/** The caller's verified token (no database read) and their staff rights, still being read. */
export async function staffAccess(req: HttpRequest, roles?: readonly StaffRole[]): Promise<StaffAccess> {
  const session = await verifyToken(req.bearerToken());
  const rights = requireStaff(session.openid).then((staff) => requireRole(staff, roles));
  // Awaited later by the domain and the route; until then a refusal must not count as unhandled.
  rights.catch(() => undefined);
  return { openid: session.openid, rights };
}
