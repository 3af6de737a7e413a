import { staffAdminRoutes } from '../../shared/contract/routes/staff-admin';
import { redeemInvite } from '../domain/staff-admin';
import { handle } from './route';

/** 加入门店: the signed-in WeChat user becomes the invite's staff member. (staffAdminRoutes.staffInviteRedeem) */
export const handler = handle(staffAdminRoutes.staffInviteRedeem, ({ caller, body }) => redeemInvite(caller, body.code));
