import {
  applicableCoupons,
  couponFace,
  issuedCouponText,
  meetsMinimum,
  previewBill,
  redemptionText,
  shortStoreName,
  stockText,
  storesText,
  toggleCoupon,
  validityText,
} from './coupons';

const coupon = (id: string, over: Partial<Parameters<typeof toggleCoupon>[1]> = {}) => ({
  id,
  kind: 'amount_off' as const,
  valueFen: 1_500,
  payPercent: null,
  capFen: null,
  minSpendFen: 10_000,
  stackable: false,
  ...over,
});

describe('how coupons read on screen', () => {
  it("names stores without the chain's prefix, and every store as 全部门店", () => {
    expect(shortStoreName('沪上茶点·徐家汇店')).toBe('徐家汇店');
    expect(shortStoreName('徐家汇店')).toBe('徐家汇店');
    expect(storesText(null)).toBe('全部门店');
    expect(storesText(['沪上茶点·徐家汇店', '沪上茶点·陆家嘴店'])).toBe('徐家汇店、陆家嘴店');
  });

  it('words validity, value, stock and redemption', () => {
    expect(validityText({ type: 'fixed', from: '2025-03-01', to: '2025-04-30' })).toBe('2025-03-01 至 2025-04-30');
    expect(validityText({ type: 'relative', days: 30 })).toBe('领取后 30 天内有效');
    expect(couponFace({ kind: 'amount_off', valueFen: 1_500, payPercent: null })).toBe('¥15');
    expect(couponFace({ kind: 'percent_off', valueFen: 0, payPercent: 85 })).toBe('8.5折');
    expect(couponFace({ kind: 'percent_off', valueFen: 0, payPercent: 90 })).toBe('9折');
    expect(couponFace({ kind: 'free_item', valueFen: 2_800, payPercent: null })).toBe('兑');
    expect(stockText({ stock: null, remaining: null })).toBe('不限量');
    expect(stockText({ stock: 200, remaining: 185 })).toBe('剩余 185 / 200');
    expect(redemptionText({ issuedCount: 0, redeemedCount: 0 })).toBe('已发 0 · 已核销 0');
    expect(redemptionText({ issuedCount: 12, redeemedCount: 3 })).toBe('已发 12 · 已核销 3（25%）');
  });

  it('says which stores a coupon earned at the counter is for', () => {
    expect(issuedCouponText({ name: '跨店回馈·满80减20', storeNames: ['沪上茶点·徐家汇店', '沪上茶点·陆家嘴店'] })).toBe(
      '本单赠送：跨店回馈·满80减20，可在徐家汇店、陆家嘴店使用',
    );
    expect(issuedCouponText({ name: '回馈券', storeNames: null })).toBe('本单赠送：回馈券，全部门店可用');
  });
});

describe('choosing coupons for a bill at the counter', () => {
  const a = coupon('a');
  const b = coupon('b');
  const s1 = coupon('s1', { stackable: true, minSpendFen: 0, kind: 'free_item', valueFen: 2_800 });
  const s2 = coupon('s2', { stackable: true, minSpendFen: 0 });
  const all = [a, b, s1, s2];

  it('allows a coupon only once the amount reaches its minimum spend (and some amount is typed)', () => {
    expect(meetsMinimum(a, 9_999)).toBe(false);
    expect(meetsMinimum(a, 10_000)).toBe(true);
    expect(meetsMinimum(s1, null)).toBe(false);
    expect(meetsMinimum(s1, 1)).toBe(true);
  });

  it('keeps one coupon per bill: ticking another one that does not stack replaces it', () => {
    expect(toggleCoupon([], a, all)).toEqual(['a']);
    expect(toggleCoupon(['a'], b, all)).toEqual(['b']);
    expect(toggleCoupon(['a'], s1, all)).toEqual(['s1']);
    expect(toggleCoupon(['s1'], a, all)).toEqual(['a']);
    expect(toggleCoupon(['a'], a, all)).toEqual([]);
  });

  it('lets stackable coupons go together, at most five', () => {
    expect(toggleCoupon(['s1'], s2, all)).toEqual(['s1', 's2']);
    expect(toggleCoupon(['s1', 's2'], s1, all)).toEqual(['s2']);
    const many = Array.from({ length: 6 }, (_, i) => coupon(`m${i}`, { stackable: true }));
    let chosen: string[] = [];
    for (const m of many) chosen = toggleCoupon(chosen, m, many);
    expect(chosen).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('drops ticked coupons the amount no longer reaches', () => {
    expect(applicableCoupons(['a'], all, 12_000).map((c) => c.id)).toEqual(['a']);
    expect(applicableCoupons(['a'], all, 8_000)).toEqual([]);
    expect(applicableCoupons(['gone'], all, 12_000)).toEqual([]);
  });

  it('prices the bill as the API does: coupon first, then points on the rest, then points earned on what is paid', () => {
    // ¥120 with 满100减15, no points, 普通 ×1.0: pays ¥105, earns 105.
    expect(previewBill({ amountFen: 12_000, coupons: [a], redeemPoints: 0, tier: 'regular' })).toEqual({
      couponDiscountFen: 1_500,
      pointsSpent: 0,
      discountFen: 0,
      payableFen: 10_500,
      pointsEarned: 105,
    });
    // Points never pay more than the coupons leave; 银卡 ×1.2.
    expect(previewBill({ amountFen: 3_000, coupons: [s1], redeemPoints: 500, tier: 'silver' })).toEqual({
      couponDiscountFen: 2_800,
      pointsSpent: 200,
      discountFen: 200,
      payableFen: 0,
      pointsEarned: 0,
    });
    // 8.5折 capped at ¥30 on ¥300: ¥30 off.
    const fold = coupon('f', { kind: 'percent_off', payPercent: 85, capFen: 3_000, minSpendFen: 0 });
    expect(previewBill({ amountFen: 30_000, coupons: [fold], redeemPoints: 0, tier: 'regular' }).couponDiscountFen).toBe(3_000);
  });
});
