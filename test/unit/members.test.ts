import { cardOf, staffViewOf } from '../../functions/domain/members';
import { maskPhone } from '../../functions/domain/personal-data';
import { spend365Fen, withSpend } from '../../functions/domain/spend';
import type { MemberRecord } from '../../functions/store/records';

const NOW = Date.parse('2026-11-23T04:00:00Z'); // 12:00 in Shanghai

const member = (spendDays: Record<string, number>): MemberRecord => ({
  memberId: 'mem_1',
  memberNo: '10000001',
  nickname: '王小美',
  phoneMasked: '138****5678',
  points: 1234,
  version: 3,
  spendDays,
  visitCount: 2,
  createdAt: '2026-01-01T00:00:00Z',
});

describe('the 365-day tier window', () => {
  it('counts spend from the last 365 business days, today included', () => {
    const m = member({ '2026-11-23': 50_000, '2025-11-24': 60_000, '2025-11-23': 70_000 });
    expect(spend365Fen(m, NOW)).toBe(110_000);
    expect(cardOf(m, NOW)).toMatchObject({ tier: 'silver', spend365Fen: 110_000, nextTier: { tier: 'gold', remainingFen: 190_000 } });
  });

  it('drops days that left the window and removes refunded spend', () => {
    expect(withSpend({ '2024-01-01': 5, '2026-11-20': 100 }, '2026-11-23', 200, NOW)).toEqual({ '2026-11-20': 100, '2026-11-23': 200 });
    expect(withSpend({ '2026-11-20': 100 }, '2026-11-20', -100, NOW)).toEqual({});
  });
});

describe('what staff see', () => {
  it('masks the phone as 138****5678 and shows nothing else personal', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    const view = staffViewOf(member({}), NOW);
    expect(view).toEqual({ memberNo: '10000001', nickname: '王小美', maskedPhone: '138****5678', tier: 'regular', points: 1234, segment: 'dormant', tags: ['lapsing'] });
    expect(JSON.stringify(view)).not.toContain('13812345678');
  });
});
