import { routes } from '../../shared/contract/routes';
import { myCoupons } from '../domain/coupons';
import { handle } from './route';

/** 我的优惠券. (routes.meCoupons) */
export const handler = handle(routes.meCoupons, async ({ caller, query }) => ({ items: await myCoupons(caller.memberId, query.status) }));
