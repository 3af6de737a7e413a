import { keys } from './keys';
import { putItemTx, type LabeledItem } from './transactions';

export interface AuditEntry {
  auditId: string;
  memberId: string;
  staffId: string;
  storeId: string | null;
  action: 'open_visit' | 'checkout' | 'reverse_checkout' | 'check_in' | 'no_show';
  ref: string | null;
  at: string;
}

export function auditPutItem(entry: AuditEntry): LabeledItem {
  return putItemTx('audit', { ...keys.audit(entry.memberId, entry.at, entry.auditId), ...entry });
}
