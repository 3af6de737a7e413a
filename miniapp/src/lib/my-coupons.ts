/** 我的优惠券 as the member reads it: where, until when, where from, and whether it ends soon. */
import { addDays, shanghaiDate } from '../../../shared/dates';
import type { CouponSource, MemberCoupon, MemberCouponStatus } from '../../../shared/api';
import { shortStoreName, storesText } from './coupons';
import { shanghaiDateTime } from './format';

export const SOURCE_LABELS: Record<CouponSource, string> = {
  claim: '领券中心领取',
  exchange: '积分兑换',
  welcome: '新人礼',
  cross_store: '跨店消费赠送',
  birthday: '生日礼',
  reactivation_at_risk: '回归礼',
  reactivation_dormant: '回归礼',
  goodwill: '门店关怀券',
};

export const COUPON_TABS: Array<{ status: MemberCouponStatus; label: string; empty: string }> = [
  { status: 'available', label: '可使用', empty: '暂无可用的优惠券' },
  { status: 'used', label: '已使用', empty: '还没有用过优惠券' },
  { status: 'expired', label: '已过期', empty: '没有过期的优惠券' },
];

/** A usable coupon's last day is today or within the next `days` days (即将过期). */
export const EXPIRING_DAYS = 3;
export function expiresSoon(coupon: Pick<MemberCoupon, 'status' | 'validTo'>, today = shanghaiDate()): boolean {
  return coupon.status === 'available' && coupon.validTo >= today && coupon.validTo <= addDays(today, EXPIRING_DAYS);
}

/** The lines under a coupon's name: where it is usable, until when, and where it came from or was used. */
export function couponLines(coupon: MemberCoupon, today = shanghaiDate()): string[] {
  const lines = [
    `适用门店：${storesText(coupon.storeNames)}`,
    coupon.validFrom > today ? `${coupon.validFrom} 起可用，有效期至 ${coupon.validTo}` : `有效期至 ${coupon.validTo}`,
  ];
  if (coupon.status === 'used' && coupon.usedAt) {
    const where = coupon.usedStoreName ? `（${shortStoreName(coupon.usedStoreName)}）` : '';
    lines.push(`${shanghaiDateTime(coupon.usedAt)} 已使用${where}`);
  } else {
    lines.push(`来源：${SOURCE_LABELS[coupon.source]}`);
  }
  return lines;
}

/** Whether the coupon can be used today (not one that starts later). */
export function usableToday(coupon: Pick<MemberCoupon, 'status' | 'validFrom'>, today = shanghaiDate()): boolean {
  return coupon.status === 'available' && coupon.validFrom <= today;
}
