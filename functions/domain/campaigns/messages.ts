/**
 * Subscribe-message contents. The keys (thing1, time2 …) are those of the templates chosen in the
 * WeChat console for each purpose (README § Configuration); values are fitted to WeChat's limits
 * (thing ≤ 20 characters …) by the WeChat client.
 */
import { config } from '../../lib/config';
import type { Message } from './deliver';

const CARD_PAGE = 'pages/card/index';

export function birthdayMessage(): Message {
  return {
    templateId: config.messageTemplates.birthday,
    page: CARD_PAGE,
    data: (coupon) => ({
      thing1: '生日快乐！您的生日礼已到账',
      thing2: coupon?.name ?? '会员生日礼遇',
      date3: coupon?.validTo ?? '',
      thing4: '全国门店通用，欢迎到店',
    }),
  };
}

export function reactivationMessage(stage: 'at_risk' | 'dormant'): Message {
  return {
    templateId: config.messageTemplates.reactivation,
    page: CARD_PAGE,
    data: (coupon) => ({
      thing1: stage === 'dormant' ? '好久不见，给您准备了回归礼' : '想您了，回来坐坐吧',
      thing2: coupon?.name ?? '会员专属优惠',
      date3: coupon?.validTo ?? '',
      thing4: '任意门店可用',
    }),
  };
}

export function bookingReminderData(booking: { serviceName: string; storeName: string; startText: string }): Record<string, string> {
  return {
    thing1: booking.serviceName,
    time2: booking.startText,
    thing3: booking.storeName,
    thing4: '请准时到店，改约请提前2小时',
  };
}
