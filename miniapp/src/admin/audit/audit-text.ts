/**
 * 审计日志's words and filters, out of the page: each action in Chinese, a row's lines, the days a
 * manager or HQ may pick, and the member number typed into the filter.
 */
import type { AuditAction, AuditLogEntry } from '../../../../shared/schemas/audit';
import { ADMIN_AUDIT_ACTIONS, MEMBER_AUDIT_ACTIONS, MemberNo } from '../../../../shared/schemas/audit';
import { addDays, shanghaiDate } from '../../../../shared/dates';
import { shortStoreName } from '../../lib/booking';
import { ROLE_LABELS } from '../../lib/staff-accounts';

/** Every action as a manager reads it in the log. */
export const ACTION_LABELS: Record<AuditAction, string> = {
  open_visit: '扫码查看会员',
  phone_lookup: '手机号查询会员',
  register_walk_in: '手机号登记新会员',
  checkout: '收银积分',
  reverse_checkout: '撤销收银',
  check_in: '预约签到',
  no_show: '预约记为未到店',
  member_merge: '合并会员账户',
  duplicate_reject: '驳回重复会员合并',
  data_export: '会员导出本人数据',
  staff_invite: '邀请员工',
  staff_invite_revoke: '撤销邀请',
  staff_join: '员工加入门店',
  staff_assign: '调整员工角色/门店',
  staff_disable: '员工离职',
  staff_enable: '重新启用员工',
  template_create: '新建券模板',
  template_status: '券模板状态变更',
  rule_create: '新建发放规则',
  rule_status: '发放规则启停',
  campaign_update: '修改营销活动',
  follow_up_contact: '联系评价顾客',
  follow_up_close: '评价跟进结案',
};

/** The action filter's chips: member reads and changes first, then staff and coupon administration. */
export const ACTION_FILTERS: AuditAction[] = [...MEMBER_AUDIT_ACTIONS, ...ADMIN_AUDIT_ACTIONS];

/** The days the log can be picked for: today and the six before it, today first (as 收银记录). */
export function auditDays(now = Date.now(), count = 7): string[] {
  const today = shanghaiDate(now);
  return Array.from({ length: count }, (_, i) => addDays(today, -i));
}

/** What the member-number box holds as typed: digits only, at most 8. */
export const sanitizeMemberNo = (text: string): string => text.replace(/\D/g, '').slice(0, 8);

/**
 * The member number the filter applies: the 8 digits once complete, undefined while empty; a
 * partial number is not sent (`problem` says why nothing is filtered yet).
 */
export function memberNoFilter(text: string): { memberNo: string | undefined; problem: string | null } {
  if (text === '') return { memberNo: undefined, problem: null };
  return MemberNo.safeParse(text).success ? { memberNo: text, problem: null } : { memberNo: undefined, problem: '请输入完整的 8 位会员号' };
}

/** '静安寺店', or '总部' for a chain-level entry. */
export const storeText = (entry: Pick<AuditLogEntry, 'storeName'>): string => (entry.storeName ? shortStoreName(entry.storeName) : '总部');

/** '王小明 · 店员' (the name or role the entry could not name is left out; '员工' when neither). */
export function staffText(entry: Pick<AuditLogEntry, 'staffName' | 'staffRole'>): string {
  const parts = [entry.staffName, entry.staffRole ? ROLE_LABELS[entry.staffRole] : null].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(' · ') : '员工';
}

/** What the entry was about, when it says more than the action: whom or which coupon by name, else its reference. */
export function subjectText(entry: Pick<AuditLogEntry, 'details' | 'ref' | 'memberNo'>): string | null {
  const name = entry.details?.name;
  if (name) return `对象：${name}`;
  if (entry.ref && !entry.memberNo) return `编号：${entry.ref}`;
  return null;
}
