/**
 * The coupon routes (README § Coupons), each a call of its declared route: 领券中心, 我的优惠券, and
 * HQ's / a manager's 券模板管理. Every write that a retry could double takes the caller's
 * Idempotency-Key (one per intent, sent again unchanged on 重试).
 */
import type { CouponTemplateInput, IssueRuleInput, MemberCouponStatus, TemplateStatus } from '../../../shared/api';
import { routes } from '../../../shared/contract/routes';
import { callRoute } from './client';

export type { ExchangeResponse } from '../../../shared/api';

/** What the member can claim or exchange, and why not when blocked. */
export const getClaimableCoupons = () => callRoute(routes.couponsClaimable);

/** The member's new coupon. */
export const claimCoupon = (templateId: string, idempotencyKey: string) => callRoute(routes.couponsClaim, { params: { templateId }, idempotencyKey });

/** The coupon and the points balance after paying for it. */
export const exchangeCoupon = (templateId: string, idempotencyKey: string) => callRoute(routes.couponsExchange, { params: { templateId }, idempotencyKey });

export const getMyCoupons = (status: MemberCouponStatus) => callRoute(routes.meCoupons, { query: { status } });

/** HQ sees all; a manager the chain's and their own store's. */
export const getCouponTemplates = () => callRoute(routes.adminTemplatesList);

export const createCouponTemplate = (input: CouponTemplateInput, idempotencyKey: string) => callRoute(routes.adminTemplatesCreate, { body: input, idempotencyKey });

/** Pause, resume (active) or end (final). */
export const setCouponTemplateStatus = (templateId: string, status: TemplateStatus) => callRoute(routes.adminTemplateStatus, { params: { templateId }, body: { status } });

/** Which templates the welcome and cross-store rules issue. */
export const getIssueRules = () => callRoute(routes.adminRulesList);

/** HQ: a cross-store rule, bill at A → coupon for B. */
export const createIssueRule = (input: IssueRuleInput, idempotencyKey: string) => callRoute(routes.adminRulesCreate, { body: input, idempotencyKey });

/** HQ: stop or restart a rule. */
export const setIssueRuleActive = (ruleId: string, active: boolean) => callRoute(routes.adminRuleStatus, { params: { ruleId }, body: { active } });
