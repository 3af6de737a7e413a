import { routes } from '../../shared/contract/routes';
import { issueRulesFor } from '../domain/coupon-admin';
import { handle } from './route';

/** Welcome and cross-store rules (managers, HQ). (routes.adminRulesList) */
export const handler = handle(routes.adminRulesList, async ({ caller }) => ({ items: await issueRulesFor(caller) }));
