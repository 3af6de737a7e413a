import { routes } from '../../shared/contract/routes';
import { exchangeCoupon } from '../domain/coupons';
import { handle } from './route';

/** Points for a coupon: both or neither. (routes.couponsExchange) */
export const handler = handle(routes.couponsExchange, ({ caller, params, idempotencyKey }) => exchangeCoupon(caller.memberId, params.templateId, idempotencyKey));
