import { adminRoutes } from '../../shared/contract/routes/admin';
import { issueRulesFor } from '../domain/coupon-admin';
import { handle } from './route';

/** Welcome and cross-store rules (managers, HQ). (adminRoutes.adminRulesList) */
export const handler = handle(adminRoutes.adminRulesList, async ({ caller }) => ({ items: await issueRulesFor(caller) }));
