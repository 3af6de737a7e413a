/**
 * Staff accounts (README § Staff accounts): 员工管理 for managers and HQ, and 加入门店 for a member
 * with an invite code. Each a call of its declared route (shared/contract/routes/staff-admin.ts).
 */
import type { InviteRequest, StaffAssignment, StaffStatus } from '../../../shared/schemas/staff-admin';
import { staffAdminRoutes } from '../../../shared/contract/routes/staff-admin';
import { callRoute } from './client';
import { setSessionStaff } from './session';

/** HQ: the whole chain (or one store); a manager: their own store. */
export const getStaffList = (storeId?: string) => callRoute(staffAdminRoutes.adminStaffList, { query: { storeId } });

/** HQ: another role or store for someone (their open visits close). */
export const updateStaff = (staffId: string, assignment: StaffAssignment) => callRoute(staffAdminRoutes.adminStaffUpdate, { params: { staffId }, body: assignment });

/** 离职 (disabled) or re-enabled (active). */
export const setStaffStatus = (staffId: string, status: StaffStatus) => callRoute(staffAdminRoutes.adminStaffStatus, { params: { staffId }, body: { status } });

/** A one-time code valid 24 hours; one Idempotency-Key per invite intent, sent again on 重试. */
export const createStaffInvite = (input: InviteRequest, idempotencyKey: string) => callRoute(staffAdminRoutes.adminStaffInvitesCreate, { body: input, idempotencyKey });

export const getStaffInvites = () => callRoute(staffAdminRoutes.adminStaffInvitesList);

export const revokeStaffInvite = (code: string) => callRoute(staffAdminRoutes.adminStaffInviteRevoke, { params: { code } });

/**
 * 加入门店: the scanned QR text or the typed code. The token stays the member's (staff rights are
 * read on every request), so the answer's staff account is saved into the session as it is.
 */
export async function redeemStaffInvite(code: string) {
  const staff = await callRoute(staffAdminRoutes.staffInviteRedeem, { body: { code } });
  setSessionStaff(staff);
  return staff;
}
