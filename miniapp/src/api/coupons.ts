/**
 * The coupon routes (README § API): 领券中心, 我的优惠券, and HQ's / a manager's 券模板管理.
 * Request and response types come from shared/schemas/coupons.ts; every write that a retry could
 * double takes the caller's Idempotency-Key (one per tap, sent again unchanged on 重试).
 */
import * as z from 'zod';
import {
  ClaimableResponse,
  CouponTemplate,
  CouponTemplatesResponse,
  IssueRule,
  IssueRulesResponse,
  MemberCoupon,
  MyCouponsResponse,
  type CouponTemplateInput,
  type IssueRuleInput,
  type MemberCouponStatus,
  type TemplateStatus,
} from '../../../shared/api';
import { call } from './client';

/**
 * POST …/exchange answers `{ coupon, balance }`; shared/ has no schema for that envelope (yet), so
 * it is put together here from the shared MemberCoupon — nothing in it is declared twice.
 */
const ExchangeResponse = z.object({ coupon: MemberCoupon, balance: z.number().int() });
export type ExchangeResponse = z.infer<typeof ExchangeResponse>;

const templatePath = (templateId: string) => `/v1/coupons/templates/${encodeURIComponent(templateId)}`;

/** GET /v1/coupons/claimable — what the member can claim or exchange, and why not when blocked. */
export const getClaimableCoupons = () => call(ClaimableResponse, '/v1/coupons/claimable');

/** POST /v1/coupons/templates/{id}/claim → the member's new coupon (201). */
export const claimCoupon = (templateId: string, idempotencyKey: string) =>
  call(MemberCoupon, `${templatePath(templateId)}/claim`, { method: 'POST', idempotencyKey });

/** POST /v1/coupons/templates/{id}/exchange → the coupon and the points balance after paying for it. */
export const exchangeCoupon = (templateId: string, idempotencyKey: string) =>
  call(ExchangeResponse, `${templatePath(templateId)}/exchange`, { method: 'POST', idempotencyKey });

/** GET /v1/me/coupons?status=available|used|expired */
export const getMyCoupons = (status: MemberCouponStatus) => call(MyCouponsResponse, '/v1/me/coupons', { query: { status } });

/** GET /v1/admin/coupon-templates — HQ sees all; a manager the chain's and their own store's. */
export const getCouponTemplates = () => call(CouponTemplatesResponse, '/v1/admin/coupon-templates');

/** POST /v1/admin/coupon-templates → the new template (201). */
export const createCouponTemplate = (input: CouponTemplateInput, idempotencyKey: string) =>
  call(CouponTemplate, '/v1/admin/coupon-templates', { method: 'POST', body: input, idempotencyKey });

/** POST /v1/admin/coupon-templates/{id}/status — pause, resume (active) or end (final). */
export const setCouponTemplateStatus = (templateId: string, status: TemplateStatus) =>
  call(CouponTemplate, `/v1/admin/coupon-templates/${encodeURIComponent(templateId)}/status`, { method: 'POST', body: { status } });

/** GET /v1/admin/issue-rules — which templates the welcome and cross-store rules issue. */
export const getIssueRules = () => call(IssueRulesResponse, '/v1/admin/issue-rules');

/** POST /v1/admin/issue-rules (HQ) → the new rule (201): a cross-store rule, bill at A → coupon for B. */
export const createIssueRule = (input: IssueRuleInput, idempotencyKey: string) =>
  call(IssueRule, '/v1/admin/issue-rules', { method: 'POST', body: input, idempotencyKey });

/** POST /v1/admin/issue-rules/{id}/status (HQ): stop or restart a rule. */
export const setIssueRuleActive = (ruleId: string, active: boolean) =>
  call(IssueRule, `/v1/admin/issue-rules/${encodeURIComponent(ruleId)}/status`, { method: 'POST', body: { active } });
