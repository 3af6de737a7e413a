import { routes } from '../../shared/contract/routes';
import { createIssueRule } from '../domain/coupon-admin';
import { handle } from './route';

/** HQ: a welcome rule, or a cross-store rule (bill at A → coupon for B); a retry makes one rule. (routes.adminRulesCreate) */
export const handler = handle(routes.adminRulesCreate, ({ caller, body, idempotencyKey }) => createIssueRule(caller, body, idempotencyKey));
