import { couponsRoutes } from '../../shared/contract/routes/coupons';
import { exchangeCoupon } from '../domain/coupons';
import { handle } from './route';

/** Points for a coupon: both or neither. (couponsRoutes.couponsExchange) */
export const handler = handle(couponsRoutes.couponsExchange, ({ caller, params, idempotencyKey }) => exchangeCoupon(caller.memberId, params.templateId, idempotencyKey));
