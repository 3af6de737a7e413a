import { ForbiddenError } from '../lib/errors';
import type { StaffRecord } from '../store/records';
import { getStaffByOpenid } from '../store/staff';

/** The caller's staff rights, read fresh on every request so a disabled account stops at once. */
export async function staffFor(openid: string): Promise<StaffRecord | null> {
  const staff = await getStaffByOpenid(openid);
  return staff && !staff.disabled ? staff : null;
}

export async function requireStaff(openid: string): Promise<StaffRecord> {
  const staff = await staffFor(openid);
  if (!staff) throw new ForbiddenError('not_staff', 'This action is for store staff only');
  return staff;
}
