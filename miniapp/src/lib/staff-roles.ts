/**
 * Who on the staff side may do what, written once: each staff page names the access it needs, and
 * the workbench lists the entries a role has. Clerks and managers belong to one store and work at
 * its counter; HQ belongs to the chain, manages every store, and never checks a bill out.
 * (The API checks the same rules on every request; these only decide what the app offers.)
 */
import type { CouponTemplate, StaffSummary } from '../../../shared/api';

/**
 * - `staff`: anyone on the staff (今日预约).
 * - `counter`: staff of a store, at its counter (member code, checkout, its result).
 * - `managers`: a store's manager, or HQ (收银记录, 营业时间与预约设置, 券模板管理, 员工管理, 审计日志, 待跟进, 数据看板).
 * - `hq`: HQ only (重复会员, 营销活动, 新建跨店规则).
 */
export type StaffAccess = 'staff' | 'counter' | 'managers' | 'hq';

export const STAFF_HOME = '/staff/scan/index';

/** Why this account may not open a page of the given access, or null when it may. */
export function staffDenial(staff: StaffSummary | null, access: StaffAccess): string | null {
  if (!staff) return '仅限门店员工使用，请用员工账号登录';
  switch (access) {
    case 'staff':
      return null;
    case 'counter':
      return staff.storeId ? null : '总部账号不在门店柜台收银，请由门店店员操作';
    case 'managers':
      return staff.role === 'hq' || (staff.role === 'manager' && staff.storeId) ? null : '仅限店长或总部使用';
    case 'hq':
      return staff.role === 'hq' ? null : '仅限总部使用';
  }
}

export const mayAccess = (staff: StaffSummary | null, access: StaffAccess): boolean => staffDenial(staff, access) === null;

/** The first page after login, and on launch: staff open into their workbench, members their card. */
export function homePageFor(staff: StaffSummary | null, cardPage: string): string {
  return staff ? STAFF_HOME : cardPage;
}

export type WorkbenchEntry = 'bookings' | 'schedule' | 'checkouts' | 'templates' | 'staffAccounts' | 'audit' | 'followUps' | 'dashboard' | 'duplicates' | 'campaigns';

const ENTRY_ACCESS: Record<WorkbenchEntry, StaffAccess> = {
  bookings: 'staff',
  schedule: 'managers',
  checkouts: 'managers',
  templates: 'managers',
  staffAccounts: 'managers',
  audit: 'managers',
  followUps: 'managers',
  dashboard: 'managers',
  duplicates: 'hq',
  campaigns: 'hq',
};

/** The workbench's entries for this account, in the order they are listed. */
export function workbenchEntries(staff: StaffSummary): WorkbenchEntry[] {
  return (Object.keys(ENTRY_ACCESS) as WorkbenchEntry[]).filter((entry) => mayAccess(staff, ENTRY_ACCESS[entry]));
}

/** Whether the workbench shows the counter (scan, or type the member's digits): staff of a store. */
export const worksAtCounter = (staff: StaffSummary): boolean => mayAccess(staff, 'counter');

/** Pausing, resuming or ending a coupon template: HQ any, a manager their own store's. */
export function mayManageTemplate(staff: StaffSummary | null, template: Pick<CouponTemplate, 'ownerStoreId'>): boolean {
  if (!staff) return false;
  return staff.role === 'hq' || (staff.role === 'manager' && staff.storeId !== null && template.ownerStoreId === staff.storeId);
}
