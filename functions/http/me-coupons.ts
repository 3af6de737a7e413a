import { couponsRoutes } from '../../shared/contract/routes/coupons';
import { myCoupons } from '../domain/coupons';
import { handle } from './route';

/** 我的优惠券. (couponsRoutes.meCoupons) */
export const handler = handle(couponsRoutes.meCoupons, async ({ caller, query }) => ({ items: await myCoupons(caller.memberId, query.status) }));
