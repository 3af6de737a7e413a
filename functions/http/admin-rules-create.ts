import { IssueRuleInput } from '../../shared/schemas/coupons';
import { createIssueRule } from '../domain/coupon-admin';
import { api, json } from '../lib/http';
import { staffCaller } from './caller';

/** POST /v1/admin/issue-rules + Idempotency-Key — HQ: a welcome rule, or a cross-store rule (bill at A → coupon for B). */
export const handler = api(async (req) => {
  const input = req.body(IssueRuleInput);
  const idempotencyKey = req.idempotencyKey();
  const staff = await staffCaller(req);
  return json(201, await createIssueRule(staff, input, idempotencyKey));
});
