import { adminRoutes } from '../../shared/contract/routes/admin';
import { createIssueRule } from '../domain/coupon-admin';
import { handle } from './route';

/** HQ: a welcome rule, or a cross-store rule (bill at A → coupon for B); a retry makes one rule. (adminRoutes.adminRulesCreate) */
export const handler = handle(adminRoutes.adminRulesCreate, ({ caller, body, idempotencyKey }) => createIssueRule(caller, body, idempotencyKey));
