import { IssueRulePath, IssueRuleStatusRequest } from '../../shared/schemas/coupons';
import { changeIssueRule } from '../domain/coupon-admin';
import { api, ok } from '../lib/http';
import { staffCaller } from './caller';

/** POST /v1/admin/issue-rules/{ruleId}/status {active} — HQ stops or restarts an issuing rule. */
export const handler = api(async (req) => {
  const { ruleId } = req.path(IssueRulePath);
  const { active } = req.body(IssueRuleStatusRequest);
  const staff = await staffCaller(req);
  return ok(await changeIssueRule(staff, ruleId, active));
});
