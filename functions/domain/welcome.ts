import { listIssueRules } from '../store/coupons';
import { markWelcomeDone } from '../store/members';
import type { MemberRecord } from '../store/records';
import { issueByRule } from './coupons';

/**
 * Welcome rules run at a member's first login. Each issue is idempotent on its own (a marker per
 * member and template), so concurrent first logins, or a crash halfway, never issue twice; the
 * member's flag only saves the lookup on later logins.
 */
export async function welcomeMember(member: MemberRecord, now = Date.now()): Promise<void> {
  if (member.welcomeDoneAt) return;
  const rules = (await listIssueRules()).filter((r) => r.kind === 'welcome' && r.active);
  for (const rule of rules) {
    await issueByRule(member.memberId, { name: 'welcome', period: 'once', source: 'welcome' }, rule.templateId, now);
  }
  await markWelcomeDone(member.memberId, new Date(now).toISOString());
}
