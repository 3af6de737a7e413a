/**
 * 新人礼: a new member is told once that the welcome coupon has arrived. Whether it was shown is
 * kept per member in this device's storage (a second member on the same phone is told too).
 */
import Taro from '@tarojs/taro';
import type { MemberCoupon } from '../../../shared/api';

const keyOf = (memberNo: string) => `tongka.welcome-shown.${memberNo}`;

export function welcomeShown(memberNo: string): boolean {
  try {
    return Taro.getStorageSync(keyOf(memberNo)) === true;
  } catch {
    return false;
  }
}

export function markWelcomeShown(memberNo: string): void {
  try {
    Taro.setStorageSync(keyOf(memberNo), true);
  } catch {
    // A full device: at worst the member is told once more.
  }
}

/** The welcome coupons among the member's usable ones. */
export function welcomeCoupons(coupons: MemberCoupon[]): MemberCoupon[] {
  return coupons.filter((c) => c.source === 'welcome' && c.status === 'available');
}
