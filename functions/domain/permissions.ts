/**
 * Who may do what, in one place. The caller's staff record is read fresh on every request
 * (staff.ts); these rules decide on it. Each refusal keeps the error code the API answers for it.
 */
import { ForbiddenError } from '../lib/errors';
import type { StaffRecord, VisitRecord } from '../store/records';

/** HQ, or the manager of this store: its bills and refunds, its schedule, capacities and coupons. */
export function managesStore(staff: StaffRecord, storeId: string | null): boolean {
  return staff.role === 'hq' || (staff.role === 'manager' && storeId !== null && staff.storeId === storeId);
}

export function requireStoreManager(staff: StaffRecord, storeId: string, message = 'Only this store’s manager or HQ can change it'): void {
  if (!managesStore(staff, storeId)) throw new ForbiddenError('not_store_manager', message);
}

/** HQ, or a manager of some store (acting for that store): coupon templates and issuing rules. */
export function requireManagerOrHq(staff: StaffRecord): void {
  if (staff.role === 'hq' || (staff.role === 'manager' && staff.storeId)) return;
  throw new ForbiddenError('not_manager', 'Only a store manager or HQ manages coupons');
}

/** Chain-wide settings: services, issuing rules, campaigns. */
export function requireHq(staff: StaffRecord, message: string): void {
  if (staff.role !== 'hq') throw new ForbiddenError('not_hq', message);
}

/** HQ, or any staff of this store: the store's day of bookings. */
export function worksAt(staff: StaffRecord, storeId: string): boolean {
  return staff.role === 'hq' || staff.storeId === storeId;
}

/** Counter work (scanning, checkout) happens at a store: HQ admins have none to act at. */
export function requireCounterStore(staff: StaffRecord, message = 'Counter actions need a store; HQ accounts have none'): string {
  if (!staff.storeId) throw new ForbiddenError('no_store', message);
  return staff.storeId;
}

/** A visit is worked under at its own store, by whoever opened it or that store's manager. */
export function requireVisitRights(staff: StaffRecord, visit: Pick<VisitRecord, 'storeId' | 'staffId'>): void {
  if (visit.storeId !== staff.storeId) {
    throw new ForbiddenError('other_store_visit', 'This visit was opened at another store');
  }
  // A visit is bound to the staff member who opened it (PRODUCT.md: nobody awards points to a member
  // who is not in front of them): not even the store's manager acts under a clerk's visit.
  if (visit.staffId !== staff.staffId) {
    throw new ForbiddenError('other_staff_visit', 'This visit was opened by another staff member; scan the member code yourself');
  }
}

/**
 * Staff accounts (invites, role, status): HQ any role at any store; a manager only clerks of their
 * own store. The target is the account as it is (or as the invite would make it).
 */
export function requireStaffManager(staff: StaffRecord, target: Pick<StaffRecord, 'role' | 'storeId'>): void {
  if (staff.role === 'hq') return;
  if (staff.role !== 'manager' || !staff.storeId) throw new ForbiddenError('not_manager', 'Only a store manager or HQ manages staff');
  if (target.storeId !== staff.storeId) throw new ForbiddenError('other_store', 'This is another store’s staff: only HQ manages it');
  if (target.role !== 'clerk') throw new ForbiddenError('staff_role_not_allowed', 'A manager invites and manages clerks of their own store only');
}

/** Which stores' staff (and open invites) the caller may list: HQ any (null: HQ admins), a manager their own. */
export function requireStaffListRights(staff: StaffRecord, storeId: string | null): void {
  if (staff.role === 'hq') return;
  if (staff.role !== 'manager' || !staff.storeId) throw new ForbiddenError('not_manager', 'Only a store manager or HQ manages staff');
  if (storeId !== staff.storeId) throw new ForbiddenError('other_store', 'A manager sees their own store’s staff only');
}

/**
 * Whose audit log the caller may read: HQ any store (`HQ`: the chain-level entries) or, without one,
 * the whole chain; a manager their own store only. Answers the store to read, null for HQ's entries,
 * undefined for the whole chain.
 */
export function requireAuditScope(staff: StaffRecord, storeId: string | undefined): string | null | undefined {
  if (staff.role === 'hq') return storeId === 'HQ' ? null : storeId;
  if (staff.role !== 'manager' || !staff.storeId) throw new ForbiddenError('not_manager', 'Only a store manager or HQ reads the audit log');
  if (storeId !== undefined && storeId !== staff.storeId) throw new ForbiddenError('other_store', 'A manager reads their own store’s audit log only');
  return staff.storeId;
}
