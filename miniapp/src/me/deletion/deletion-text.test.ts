import { lossLines, pendingText, shanghaiMonthDay } from './deletion-text';

describe('注销会员 text', () => {
  it('dates a deletion on the Shanghai calendar (late evening UTC is the next day in Shanghai)', () => {
    expect(shanghaiMonthDay('2026-12-06T17:30:00.000Z')).toBe('12月7日');
    expect(shanghaiMonthDay('2026-12-07T09:00:00+08:00')).toBe('12月7日');
    expect(pendingText('2027-01-02T10:00:00+08:00')).toBe('已申请注销，将于 1月2日 生效');
  });

  it('says what is lost with the member’s own numbers, and says so when there is nothing', () => {
    const lines = lossLines({ points: 230, coupons: 2, bookings: 1 });
    expect(lines.map((l) => l.value)).toEqual(['230 积分将清零作废', '2 张未使用的优惠券将作废', '1 个未到期的预约将取消', expect.stringContaining('手机号')]);
    expect(
      lossLines({ points: 0, coupons: 0, bookings: 0 })
        .slice(0, 3)
        .map((l) => l.value),
    ).toEqual(['当前没有积分', '没有未使用的优惠券', '没有未到期的预约']);
  });
});
