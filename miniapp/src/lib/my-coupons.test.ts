import { couponLines, expiresSoon, usableToday } from './my-coupons';
import type { MemberCoupon } from '../../../shared/api';

const TODAY = '2025-03-10';

function coupon(over: Partial<MemberCoupon>): MemberCoupon {
  return {
    status: 'available',
    validFrom: '2025-03-01',
    validTo: '2025-03-31',
    storeNames: null,
    source: 'welcome',
    usedAt: null,
    usedStoreName: null,
    ...over,
  } as MemberCoupon;
}

describe('我的优惠券', () => {
  it('marks a usable coupon 即将过期 from three days before its last day until that day', () => {
    expect(expiresSoon(coupon({ validTo: '2025-03-14' }), TODAY)).toBe(false);
    expect(expiresSoon(coupon({ validTo: '2025-03-13' }), TODAY)).toBe(true);
    expect(expiresSoon(coupon({ validTo: TODAY }), TODAY)).toBe(true);
    expect(expiresSoon(coupon({ validTo: '2025-03-09' }), TODAY)).toBe(false);
    expect(expiresSoon(coupon({ validTo: '2025-03-11', status: 'used' }), TODAY)).toBe(false);
  });

  it('says where it is usable, until when and where it came from', () => {
    expect(couponLines(coupon({}), TODAY)).toEqual(['适用门店：全部门店', '有效期至 2025-03-31', '来源：新人礼']);
    expect(couponLines(coupon({ validFrom: '2025-03-12' }), TODAY)[1]).toBe('2025-03-12 起可用，有效期至 2025-03-31');
  });

  it('is usable today only once it has started', () => {
    expect(usableToday(coupon({}), TODAY)).toBe(true);
    expect(usableToday(coupon({ validFrom: '2025-03-12' }), TODAY)).toBe(false);
    expect(usableToday(coupon({ status: 'expired' }), TODAY)).toBe(false);
  });
});
