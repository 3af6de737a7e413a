import { routes } from '../../shared/contract/routes';
import { claimCoupon } from '../domain/coupons';
import { handle } from './route';

/** Take one coupon; never oversold, the per-member limit holds. (routes.couponsClaim) */
export const handler = handle(routes.couponsClaim, ({ caller, params, idempotencyKey }) => claimCoupon(caller.memberId, params.templateId, idempotencyKey));
