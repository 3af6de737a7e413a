/**
 * 注销会员's words, out of the page (tested in deletion-text.test.ts): what is lost, and when a
 * pending deletion takes effect.
 */
import type { DeletionInfo } from '../../../../shared/schemas/deletion';

/** 'X月X日' of an instant, on the Shanghai calendar whatever the phone's zone. */
export function shanghaiMonthDay(iso: string): string {
  const shanghai = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${shanghai.getUTCMonth() + 1}月${shanghai.getUTCDate()}日`;
}

export interface LossLine {
  key: 'points' | 'coupons' | 'bookings' | 'data';
  label: string;
  value: string;
}

/** What deleting forfeits, one line each, with the member's own numbers. */
export function lossLines(info: Pick<DeletionInfo, 'points' | 'coupons' | 'bookings'>): LossLine[] {
  return [
    { key: 'points', label: '积分', value: info.points > 0 ? `${info.points} 积分将清零作废` : '当前没有积分' },
    { key: 'coupons', label: '优惠券', value: info.coupons > 0 ? `${info.coupons} 张未使用的优惠券将作废` : '没有未使用的优惠券' },
    { key: 'bookings', label: '预约', value: info.bookings > 0 ? `${info.bookings} 个未到期的预约将取消` : '没有未到期的预约' },
    { key: 'data', label: '个人资料', value: '手机号、昵称、生日、微信绑定、标签、订阅和隐私设置将被删除' },
  ];
}

/** The pending request's line: '已申请注销，将于 X月X日 生效'. */
export function pendingText(dueAt: string): string {
  return `已申请注销，将于 ${shanghaiMonthDay(dueAt)} 生效`;
}
