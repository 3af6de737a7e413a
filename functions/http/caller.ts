import type { StaffRole } from '../../shared/schemas/auth';
import { requireStaff } from '../domain/staff';
import { verifyToken, type Session } from '../domain/sessions';
import { ForbiddenError } from '../lib/errors';
import type { HttpRequest } from '../lib/http';
import type { StaffRecord } from '../store/records';

/** The signed-in member (token only, no database read). */
export function memberCaller(req: HttpRequest): Promise<Session> {
  return verifyToken(req.bearerToken());
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
