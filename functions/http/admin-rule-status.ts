import { adminRoutes } from '../../shared/contract/routes/admin';
import { changeIssueRule } from '../domain/coupon-admin';
import { handle } from './route';

/** HQ stops or restarts an issuing rule. (adminRoutes.adminRuleStatus) */
export const handler = handle(adminRoutes.adminRuleStatus, ({ caller, params, body }) => changeIssueRule(caller, params.ruleId, body.active));
