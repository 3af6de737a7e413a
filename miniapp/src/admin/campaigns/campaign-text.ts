/** 营销活动 in HQ's words: what each job does and what its message says (the server sends ids only). */
import type { CampaignId } from '../../api';

export const PURPOSE: Record<CampaignId, string> = {
  birthday: '会员生日当天发放生日礼券，并推送生日祝福',
  reactivation_at_risk: '会员进入「流失风险」时发放唤醒券，并推送回归优惠',
  reactivation_dormant: '会员进入「沉睡」时发放唤醒券，并推送回归优惠',
  booking_reminder: '预约即将开始时提醒会员到店',
};

/**
 * The subscribe message each job sends, named for what it says: HQ never reads WeChat's template
 * ids, only whether the message is set up.
 */
export const MESSAGE: Record<CampaignId, { title: string; content: string }> = {
  birthday: { title: '生日祝福', content: '祝会员生日快乐，告知生日礼券已到账' },
  reactivation_at_risk: { title: '回归优惠', content: '告知会员回归优惠券已到账，邀请回店' },
  reactivation_dormant: { title: '回归优惠', content: '告知会员回归优惠券已到账，邀请回店' },
  booking_reminder: { title: '预约提醒', content: '预约开始前提醒会员门店、服务与时间' },
};

/** The booking reminder is a service message: it never issues a coupon. */
export const issuesCoupon = (id: CampaignId): boolean => id !== 'booking_reminder';
