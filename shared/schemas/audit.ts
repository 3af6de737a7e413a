/** The audit trail: the chain's log of staff reads and changes (HQ, managers) and the member's own 访问记录. */
import * as z from 'zod/mini';
import { StaffRole } from './auth';
import { BusinessDate, Cursor, Iso, StoreId } from './common';
import { StaffId } from './staff-admin';

/** A staff read or change of one member's record: filed in the store's log and in the member's own view. */
export const MEMBER_AUDIT_ACTIONS = [
  'open_visit',
  'phone_lookup',
  'register_walk_in',
  'checkout',
  'reverse_checkout',
  'check_in',
  'no_show',
  'member_merge',
  'duplicate_reject',
  'data_export',
  'follow_up_contact',
  'follow_up_close',
] as const;
/** Staff accounts, coupons and campaigns: in the store's log (or HQ's) only. */
export const ADMIN_AUDIT_ACTIONS = [
  'staff_invite',
  'staff_invite_revoke',
  'staff_join',
  'staff_assign',
  'staff_disable',
  'staff_enable',
  'template_create',
  'template_status',
  'rule_create',
  'rule_status',
  'campaign_update',
] as const;

export const MemberAuditAction = z.enum(MEMBER_AUDIT_ACTIONS);
export type MemberAuditAction = z.infer<typeof MemberAuditAction>;
export const AuditAction = z.enum([...MEMBER_AUDIT_ACTIONS, ...ADMIN_AUDIT_ACTIONS]);
export type AuditAction = z.infer<typeof AuditAction>;

/** What the member reads for each action (访问记录): what the store did with their record. */
export const MEMBER_ACTION_WORDS: Record<MemberAuditAction, string> = {
  open_visit: '扫码查看了您的会员信息',
  phone_lookup: '按手机号查询了您的会员信息',
  register_walk_in: '用您的手机号为您登记了会员',
  checkout: '结账并变动了您的积分',
  reverse_checkout: '撤销了一笔结账，积分随之退回',
  check_in: '为您的预约签到',
  no_show: '将您的预约记为未到店',
  member_merge: '合并了您的会员账户',
  duplicate_reject: '核实后未合并您申请合并的会员账户',
  data_export: '导出了您的个人数据副本',
  follow_up_contact: '就您的评价联系了您',
  follow_up_close: '回复了您的评价',
};

/** A role as the member reads it: never who, only which kind of staff. */
export const ROLE_WORDS: Record<StaffRole, string> = { clerk: '店员', manager: '店长', hq: '总部' };

export const MemberNo = z.string().check(z.regex(/^\d{8}$/, 'an 8-digit member number'));

export const AuditLogQuery = z.object({
  /** The Shanghai business day. */
  date: BusinessDate,
  /** One store's log (a manager: their own, the default); HQ without it reads the whole chain, `HQ` its own entries. */
  storeId: z.optional(z.union([StoreId, z.literal('HQ')])),
  staffId: z.optional(StaffId),
  memberNo: z.optional(MemberNo),
  action: z.optional(AuditAction),
  cursor: z.optional(Cursor),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
});
export type AuditLogQuery = z.infer<typeof AuditLogQuery>;

export const AuditLogEntry = z.object({
  id: z.string(),
  action: AuditAction,
  at: Iso,
  /** null: a chain-level entry (HQ's templates, rules, campaigns, HQ accounts). */
  storeId: z.nullable(z.string()),
  storeName: z.nullable(z.string()),
  staffId: z.string(),
  staffName: z.nullable(z.string()),
  staffRole: z.nullable(StaffRole),
  /** The member concerned, for reads and changes of a member. */
  memberNo: z.nullable(z.string()),
  /** What it was about: a visit, bill, booking, template, rule, campaign, staff id or invite code. */
  ref: z.nullable(z.string()),
  details: z.nullable(z.record(z.string(), z.nullable(z.string()))),
});
export type AuditLogEntry = z.infer<typeof AuditLogEntry>;

export const AuditLogResponse = z.object({
  items: z.array(AuditLogEntry),
  /** More of the day to read; a filtered page may hold fewer than `limit` entries before the end. */
  nextCursor: z.nullable(z.string()),
});
export type AuditLogResponse = z.infer<typeof AuditLogResponse>;

export const AccessLogQuery = z.object({
  cursor: z.optional(Cursor),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
});
export type AccessLogQuery = z.infer<typeof AccessLogQuery>;

/** One look at or change of the member's record, as the member sees it: a store and a role, never a person. */
export const AccessLogEntry = z.object({
  id: z.string(),
  action: MemberAuditAction,
  /** The action in words the app shows as they are. */
  actionText: z.string(),
  storeId: z.nullable(z.string()),
  storeName: z.string(),
  role: z.nullable(StaffRole),
  roleText: z.string(),
  /** +08:00 */
  at: Iso,
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;

export const AccessLogResponse = z.object({
  items: z.array(AccessLogEntry),
  nextCursor: z.nullable(z.string()),
});
export type AccessLogResponse = z.infer<typeof AccessLogResponse>;
