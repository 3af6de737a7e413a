/**
 * The demo chain's campaigns, and members set up so `npm run jobs:run -- birthday` (and
 * reactivation) have someone to reach today: 张伟 and 李娜 have their birthday today (张伟 accepted
 * the birthday message, 李娜 did not: coupon only); 陈静 becomes dormant today and accepted comeback
 * messages.
 */
import { addDays, shanghaiDate } from '../../shared/dates';
import { CouponTemplateInput } from '../../shared/schemas/coupons';
import { createTemplate } from '../../functions/domain/coupon-admin';
import { NO_LAPSE, nextLapse } from '../../functions/domain/segments';
import { config } from '../../functions/lib/config';
import { addCredits, putCampaign } from '../../functions/store/campaigns';
import { getMember, memberIdByOpenid, updateMemberFields } from '../../functions/store/members';
import type { StaffRecord } from '../../functions/store/records';
import { updateProfile } from '../../functions/domain/profile';
import { campaignTemplates } from './demo-coupons';

const DAY_MS = 86_400_000;

/**
 * The replayed history set each member's next lapse stage as of their last visit; stages that came
 * and went before the jobs existed are moved on here, as the daily job would have done.
 */
async function catchUpLapses(memberId: string, now: number): Promise<void> {
  const member = await getMember(memberId);
  if (!member?.lastVisitAt || member.lapseStage !== 'at_risk' || !member.lapseDate) return;
  const today = shanghaiDate(now);
  if (member.lapseDate >= today) return;
  const lastVisit = shanghaiDate(Date.parse(member.lastVisitAt));
  if (addDays(lastVisit, 180) >= today) await updateMemberFields(memberId, { segment: 'at_risk', ...nextLapse(lastVisit, 'dormant') }, []);
  else await updateMemberFields(memberId, { segment: 'dormant' }, NO_LAPSE);
}

export async function seedDemoCampaigns(hq: StaffRecord, now: number): Promise<void> {
  const ids = new Map<string, string>();
  for (const t of campaignTemplates) {
    ids.set(t.key, (await createTemplate(hq, CouponTemplateInput.parse(t.input), `seed-template-${t.key}`, () => now - 400 * DAY_MS)).id);
  }
  await putCampaign({ campaignId: 'birthday', name: '生日礼', enabled: true, couponTemplateId: ids.get('birthday')! });
  await putCampaign({ campaignId: 'reactivation_at_risk', name: '唤醒·流失风险（90天未到店）', enabled: true, couponTemplateId: ids.get('comeback-at-risk')! });
  await putCampaign({ campaignId: 'reactivation_dormant', name: '唤醒·沉睡（180天未到店）', enabled: true, couponTemplateId: ids.get('comeback-dormant')! });
  await putCampaign({ campaignId: 'booking_reminder', name: '预约提醒', enabled: true, couponTemplateId: null });

  const today = shanghaiDate(now);
  const member = async (openid: string) => (await memberIdByOpenid(openid))!;
  await updateProfile(await member('demo-member-zhang'), { birthday: `1996-${today.slice(5)}` });
  await updateProfile(await member('demo-member-li'), { birthday: `1988-${today.slice(5)}` });
  await updateProfile(await member('demo-member-wang'), { birthday: '1992-05-20' });
  await addCredits(await member('demo-member-zhang'), [config.messageTemplates.birthday]);
  await addCredits(await member('demo-member-chen'), [config.messageTemplates.reactivation]);
  for (const openid of ['demo-member-wang', 'demo-member-li', 'demo-member-zhang', 'demo-member-chen']) await catchUpLapses(await member(openid), now);
}
