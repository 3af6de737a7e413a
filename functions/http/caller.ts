import { requireStaff } from '../domain/staff';
import { verifyToken, type Session } from '../domain/sessions';
import type { HttpRequest } from '../lib/http';
import type { StaffRecord } from '../store/records';

/** The signed-in member (token only, no database read). */
export function memberCaller(req: HttpRequest): Promise<Session> {
  return verifyToken(req.bearerToken());
}

/** The signed-in staff member, with rights read fresh from the table. */
export async function staffCaller(req: HttpRequest): Promise<StaffRecord> {
  const session = await verifyToken(req.bearerToken());
  return requireStaff(session.openid);
}
