/**
 * 员工管理 and 加入门店 out of the pages: who may change whom, the roles one may invite, the words
 * for roles and status, and the counter's phone field (报手机号积分). The API checks the same rules;
 * these only decide what the app offers.
 */
import type { StaffAccount, StaffRole, StaffSummary } from '../../../shared/api';
import { MainlandMobile } from '../../../shared/schemas/staff';

export const ROLE_LABELS: Record<StaffRole, string> = { clerk: '店员', manager: '店长', hq: '总部' };
export const STATUS_LABELS: Record<StaffAccount['status'], string> = { active: '在职', disabled: '已停用' };

/** HQ invites any role; a manager clerks of their own store only. */
export function invitableRoles(me: StaffSummary): StaffRole[] {
  if (me.role === 'hq') return ['clerk', 'manager', 'hq'];
  return me.role === 'manager' ? ['clerk'] : [];
}

/** 离职 / 重新启用: HQ anyone but themselves; a manager their own store's clerks. */
export function mayChangeStatus(me: StaffSummary, other: StaffAccount): boolean {
  if (other.staffId === me.staffId) return false;
  if (me.role === 'hq') return true;
  return me.role === 'manager' && other.role === 'clerk' && me.storeId !== null && other.storeId === me.storeId;
}

/** Changing a role or a store: HQ only, and never their own account. */
export const mayReassign = (me: StaffSummary, other: StaffAccount): boolean => me.role === 'hq' && other.staffId !== me.staffId;

/** What 员工管理 lists: HQ the whole chain; a manager their own store's clerks (and themselves). */
export function visibleStaff(me: StaffSummary, items: StaffAccount[]): StaffAccount[] {
  if (me.role === 'hq') return items;
  return items.filter((s) => s.storeId === me.storeId && (s.role === 'clerk' || s.staffId === me.staffId));
}

/** Staff grouped by store in list order: HQ admins (no store) under 总部 first, then each store. */
export function byStore(items: StaffAccount[]): Array<{ key: string; title: string; items: StaffAccount[] }> {
  const groups = new Map<string, { key: string; title: string; items: StaffAccount[] }>();
  const sorted = [...items].sort((a, b) => (a.storeId === null ? -1 : b.storeId === null ? 1 : (a.storeName ?? '').localeCompare(b.storeName ?? '', 'zh')));
  for (const s of sorted) {
    const key = s.storeId ?? 'hq';
    const group = groups.get(key) ?? { key, title: s.storeName ?? '总部', items: [] };
    group.items.push(s);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The phone as typed: digits only (letters and spaces refused as typed), at most 11. */
export const sanitizePhone = (text: string): string => text.replace(/\D/g, '').slice(0, 11);

/** Why the typed phone cannot be looked up yet, or null: the full 11-digit mainland number only. */
export function phoneProblem(text: string): string | null {
  if (text.length === 0) return '请输入顾客的手机号';
  if (text.length < 11) return '请输入完整的 11 位手机号';
  return MainlandMobile.safeParse(text).success ? null : '手机号格式不正确（1 开头的 11 位大陆手机号）';
}

/** An invite's end of validity as 'MM-DD HH:mm 前有效' in Shanghai time. */
export function validUntilText(expiresAt: string): string {
  const ms = Date.parse(expiresAt);
  if (!Number.isFinite(ms)) return '';
  return `${new Date(ms + 8 * 3600 * 1000).toISOString().slice(5, 16).replace('T', ' ')} 前有效`;
}
