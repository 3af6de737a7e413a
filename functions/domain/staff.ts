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

/** Counter work (scanning, checkout) happens at a store: HQ admins have none to act at. */
export function requireCounterStore(staff: StaffRecord): string {
  if (!staff.storeId) throw new ForbiddenError('no_store', 'Counter actions need a store; HQ accounts have none');
  return staff.storeId;
}

/** Reversals are for the manager of the store where the bill was made, or HQ. */
export function mayReverseAt(staff: StaffRecord, storeId: string): boolean {
  return staff.role === 'hq' || (staff.role === 'manager' && staff.storeId === storeId);
}
