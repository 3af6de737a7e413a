import { keys } from './keys';
import { putItemTx, type LabeledItem } from './transactions';

export interface AuditEntry {
  auditId: string;
  memberId: string;
  staffId: string;
  storeId: string | null;
  /** `phone_lookup`: a visit opened by the phone the customer gave at the counter (报手机号积分). */
  action: 'open_visit' | 'phone_lookup' | 'checkout' | 'reverse_checkout' | 'check_in' | 'no_show';
  ref: string | null;
  at: string;
}

export function auditPutItem(entry: AuditEntry): LabeledItem {
  return putItemTx('audit', { ...keys.audit(entry.memberId, entry.at, entry.auditId), ...entry });
}

/** A staff-management action: written in the same transaction as the change it records. */
export interface StaffAuditEntry {
  auditId: string;
  action: 'staff_invite' | 'staff_invite_revoke' | 'staff_join' | 'staff_assign' | 'staff_disable' | 'staff_enable';
  /** Who did it (for staff_join: the new staff member themself). */
  actorStaffId: string;
  /** The store the entry is filed under (null: HQ). */
  storeId: string | null;
  /** The staff account concerned (null for an invite not yet used). */
  subjectStaffId: string | null;
  inviteCode: string | null;
  /** What changed, e.g. the role and store before and after. */
  details: Record<string, string | null>;
  at: string;
}

export function staffAuditPutItem(entry: StaffAuditEntry): LabeledItem {
  return putItemTx('audit', { ...keys.staffAudit(entry.storeId, entry.at, entry.auditId), ...entry });
}
