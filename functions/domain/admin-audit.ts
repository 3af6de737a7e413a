/**
 * An HQ or manager action on the chain's settings (coupon templates, issuing rules, campaigns) as
 * an audit entry, to commit in the same transaction as the change it records (README § Audit trail).
 */
import type { LabeledItem } from '../store/transactions';
import { adminAuditPutItem } from '../store/audit';
import type { StaffRecord } from '../store/records';
import { newId } from './ids';

type AdminAction = Parameters<typeof adminAuditPutItem>[1]['action'];

export function adminAuditItem(
  staff: StaffRecord,
  action: AdminAction,
  what: { storeId: string | null; ref: string; details: Record<string, string | null> },
  at: number,
): LabeledItem {
  return adminAuditPutItem(staff, { auditId: newId('aud', at), action, ...what, at: new Date(at).toISOString() });
}
