import { routes } from '../../shared/contract/routes';
import { claimableTemplates } from '../domain/coupons';
import { handle } from './route';

/** 领券中心: templates to claim or exchange, with stock left. (routes.couponsClaimable) */
export const handler = handle(routes.couponsClaimable, ({ caller }) => claimableTemplates(caller.memberId));
