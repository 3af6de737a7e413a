import { couponsRoutes } from '../../shared/contract/routes/coupons';
import { claimableTemplates } from '../domain/coupons';
import { handle } from './route';

/** 领券中心: templates to claim or exchange, with stock left. (couponsRoutes.couponsClaimable) */
export const handler = handle(couponsRoutes.couponsClaimable, ({ caller }) => claimableTemplates(caller.memberId));
