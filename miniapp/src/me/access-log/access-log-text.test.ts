import { byDay, dayHeading } from './access-log-text';

const NOW = Date.parse('2026-11-30T04:00:00Z'); // 12:00 on 2026-11-30 in Shanghai

describe('访问记录 by day', () => {
  it('heads each Shanghai day: 今天, 昨天, then the date and weekday (with the year when it is another)', () => {
    expect(dayHeading('2026-11-30', NOW)).toBe('今天');
    expect(dayHeading('2026-11-29', NOW)).toBe('昨天');
    expect(dayHeading('2026-11-26', NOW)).toBe('11月26日 周四');
    expect(dayHeading('2025-12-31', NOW)).toBe('2025年12月31日 周三');
  });

  it('groups entries newest first by their Shanghai day, an evening in UTC falling on the next day', () => {
    const items = [
      { id: 'a', at: '2026-11-30T09:00:00+08:00' },
      { id: 'b', at: '2026-11-29T16:30:00Z' }, // 00:30 on 11-30 in Shanghai
      { id: 'c', at: '2026-11-29T23:59:00+08:00' },
      { id: 'd', at: '2026-11-20T10:00:00+08:00' },
    ];
    expect(byDay(items, NOW).map((d) => [d.heading, d.items.map((i) => i.id)])).toEqual([
      ['今天', ['a', 'b']],
      ['昨天', ['c']],
      ['11月20日 周五', ['d']],
    ]);
  });
});
