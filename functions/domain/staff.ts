import { ForbiddenError } from '../lib/errors';
import type { StaffRecord } from '../store/records';
import { getStaffByOpenid, touchStaff } from '../store/staff';

/**
 * 员工管理 shows when each staff member was last active. It is recorded here, on any staff request,
 * rather than when a visit opens: managers and HQ never open visits, and this read of the record
 * happens anyway. To keep it cheap the write happens at most once an hour per staff member (the
 * record just read says whether it is due, and the write is conditioned on it), so "last active" is
 * accurate to the hour and a busy counter costs no extra writes.
 */
const LAST_ACTIVE_EVERY_MS = 3600_000;

async function noteActive(staff: StaffRecord, now: number): Promise<void> {
  if (staff.lastActiveAt && Date.parse(staff.lastActiveAt) > now - LAST_ACTIVE_EVERY_MS) return;
  try {
    await touchStaff(staff.openid, new Date(now).toISOString(), new Date(now - LAST_ACTIVE_EVERY_MS).toISOString());
  } catch {
    // Best effort: a throttled bookkeeping write never fails the staff member's request.
  }
}

/**
 * A staff request whose rights are still being read: the hot counter routes (scan, checkout) read
 * their own first items beside the staff record instead of after it, one round trip less (README
 * § Sequential depth). `openid` is the verified token's. The domain must await `rights` before it
 * writes or decides anything, and the route answers a refusal of the rights before any other
 * error, so a caller who is not staff learns nothing from it (functions/http/route.ts).
 */
export interface StaffAccess {
  openid: string;
  rights: Promise<StaffRecord>;
}

/** The caller's staff rights, read fresh on every request so a disabled account stops at once. */
export async function staffFor(openid: string): Promise<StaffRecord | null> {
  const staff = await getStaffByOpenid(openid);
  return staff && !staff.disabled ? staff : null;
}

export async function requireStaff(openid: string, now = Date.now()): Promise<StaffRecord> {
  const staff = await staffFor(openid);
  if (!staff) throw new ForbiddenError('not_staff', 'This action is for store staff only');
  await noteActive(staff, now);
  return staff;
}
