import * as z from 'zod/mini';
import { PrivacyStatus } from '../privacy/schemas';
import { PendingDeletion } from './deletion';
import { MemberSummary } from './member';

export const WechatLoginRequest = z.object({
  code: z.string().check(z.minLength(1), z.maxLength(128)),
});
export type WechatLoginRequest = z.infer<typeof WechatLoginRequest>;

export const StaffRole = z.enum(['clerk', 'manager', 'hq']);
export type StaffRole = z.infer<typeof StaffRole>;

export const StaffSummary = z.object({
  staffId: z.string(),
  name: z.string(),
  role: StaffRole,
  /** null for HQ admins, who belong to the chain rather than one store. */
  storeId: z.nullable(z.string()),
  storeName: z.nullable(z.string()),
});
export type StaffSummary = z.infer<typeof StaffSummary>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  member: MemberSummary,
  staff: z.nullable(StaffSummary),
  /** 注销会员 pending (README § Deletion): during the 7-day cooling-off the app offers 撤销注销. */
  deletion: z.nullable(PendingDeletion),
  /** The privacy notice in force and the version this member agreed to: the app asks until they match. */
  privacy: PrivacyStatus,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const DevAccount = z.object({
  role: z.enum(['member', 'clerk', 'manager', 'hq']),
  name: z.string(),
  openid: z.string(),
  /** The code the fake WeChat server accepts for this account. */
  code: z.string(),
  storeId: z.nullable(z.string()),
  storeName: z.nullable(z.string()),
});
export type DevAccount = z.infer<typeof DevAccount>;
export const DevAccountsResponse = z.object({ items: z.array(DevAccount) });
export type DevAccountsResponse = z.infer<typeof DevAccountsResponse>;
