import { formatYuan, wholeYuan } from '../../shared/money';
import { priceCheckout } from '../../shared/points';
import { nextTier, tierForSpend } from '../../shared/tiers';
import { addDays, shanghaiDate, shanghaiIso } from '../../shared/dates';

describe('money', () => {
  it('counts whole yuan, rounding down', () => {
    expect(wholeYuan(8_899)).toBe(88);
    expect(wholeYuan(99)).toBe(0);
  });
  it('formats fen as yuan without float artefacts', () => {
    expect(formatYuan(8_800)).toBe('¥88');
    expect(formatYuan(123_456_7)).toBe('¥12,345.67');
    expect(formatYuan(10)).toBe('¥0.10');
    expect(formatYuan(-500)).toBe('-¥5');
  });
});

describe('tiers by 365-day spend', () => {
  it.each([
    [0, 'regular'],
    [99_999, 'regular'],
    [100_000, 'silver'],
    [299_999, 'silver'],
    [300_000, 'gold'],
    [499_999, 'gold'],
    [500_000, 'vip'],
  ] as const)('%i fen is %s', (spend, tier) => {
    expect(tierForSpend(spend)).toBe(tier);
  });

  it('shows what is left to the next tier, and nothing at the top', () => {
    expect(nextTier(80_000)).toEqual({ tier: 'silver', remainingFen: 20_000 });
    expect(nextTier(300_000)).toEqual({ tier: 'vip', remainingFen: 200_000 });
    expect(nextTier(600_000)).toBeNull();
  });
});

describe('pricing a checkout', () => {
  it('earns 1 point per whole yuan for a regular member', () => {
    expect(priceCheckout({ amountFen: 8_800, redeemPoints: 0, tier: 'regular' })).toEqual({ pointsSpent: 0, discountFen: 0, payableFen: 8_800, pointsEarned: 88 });
  });

  it('spends first (100 points = ¥1) and earns on what is paid', () => {
    expect(priceCheckout({ amountFen: 10_000, redeemPoints: 2_050, tier: 'regular' })).toEqual({
      pointsSpent: 2_050,
      discountFen: 2_050,
      payableFen: 7_950,
      pointsEarned: 79,
    });
  });

  it('never spends more points than the bill is worth', () => {
    const priced = priceCheckout({ amountFen: 1_000, redeemPoints: 5_000, tier: 'gold' });
    expect(priced).toMatchObject({ pointsSpent: 1_000, payableFen: 0, pointsEarned: 0 });
  });

  it.each([
    ['regular', 88],
    ['silver', 105], // 88 × 1.2 = 105.6
    ['gold', 132],
    ['vip', 176],
  ] as const)('applies the %s multiplier and rounds down', (tier, earned) => {
    expect(priceCheckout({ amountFen: 8_850, redeemPoints: 0, tier }).pointsEarned).toBe(earned);
  });
});

describe('Shanghai business dates', () => {
  it('puts 23:30 UTC on the next Shanghai day', () => {
    expect(shanghaiDate(Date.parse('2026-11-23T16:30:00Z'))).toBe('2026-11-24');
    expect(shanghaiDate(Date.parse('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
  });
  it('writes times with the +08:00 offset', () => {
    expect(shanghaiIso(Date.parse('2026-11-23T16:30:00.000Z'))).toBe('2026-11-24T00:30:00.000+08:00');
  });
  it('adds days across month and leap-year ends', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
