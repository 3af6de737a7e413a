import { couponsRoutes } from '../../shared/contract/routes/coupons';
import { claimCoupon } from '../domain/coupons';
import { handle } from './route';

/** Take one coupon; never oversold, the per-member limit holds. (couponsRoutes.couponsClaim) */
export const handler = handle(couponsRoutes.couponsClaim, ({ caller, params, idempotencyKey }) => claimCoupon(caller.memberId, params.templateId, idempotencyKey));
