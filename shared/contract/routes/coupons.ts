/** Coupons as members see them: 领券中心, claim, exchange, 我的优惠券. One declaration per route (README § API). */
import { ClaimableResponse, ExchangeResponse, MemberCoupon, MyCouponsQuery, MyCouponsResponse, TemplatePath } from '../../schemas/coupons';
import { defineRoute } from '../define';

export const couponsRoutes = {
  couponsClaimable: defineRoute({
    method: 'GET',
    path: '/v1/coupons/claimable',
    tag: 'coupons',
    summary: '领券中心: templates to claim or exchange, with stock left and why not when blocked',
    access: 'member',
    response: ClaimableResponse,
  }),
  couponsClaim: defineRoute({
    method: 'POST',
    path: '/v1/coupons/templates/{templateId}/claim',
    tag: 'coupons',
    summary: 'Claim one coupon: stock never oversells, the per-member limit holds',
    access: 'member',
    params: TemplatePath,
    idempotent: true,
    status: 201,
    response: MemberCoupon,
    errors: ['template_not_found', 'template_not_active', 'not_claimable', 'sold_out', 'limit_reached', 'consent_required'],
  }),
  couponsExchange: defineRoute({
    method: 'POST',
    path: '/v1/coupons/templates/{templateId}/exchange',
    tag: 'coupons',
    summary: 'Points for a coupon: both or neither',
    access: 'member',
    params: TemplatePath,
    idempotent: true,
    status: 201,
    response: ExchangeResponse,
    errors: ['template_not_found', 'template_not_active', 'not_exchangeable', 'sold_out', 'limit_reached', 'insufficient_points', 'member_not_found'],
  }),
  meCoupons: defineRoute({
    method: 'GET',
    path: '/v1/me/coupons',
    tag: 'coupons',
    summary: '我的优惠券: available, used or expired',
    access: 'member',
    query: MyCouponsQuery,
    response: MyCouponsResponse,
  }),
};
