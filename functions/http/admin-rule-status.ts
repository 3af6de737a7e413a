import { routes } from '../../shared/contract/routes';
import { changeIssueRule } from '../domain/coupon-admin';
import { handle } from './route';

/** HQ stops or restarts an issuing rule. (routes.adminRuleStatus) */
export const handler = handle(routes.adminRuleStatus, ({ caller, params, body }) => changeIssueRule(caller, params.ruleId, body.active));
