import { groupDigits, isOpenNow, normalizeMemberDigits, openingHoursText, parsePoints, parseYuanToFen, sanitizeYuanInput, shanghaiDateTime } from './format';

const everyDay = (open: string, close: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open, close }));

describe('amounts typed at the counter', () => {
  it.each([
    ['88', 8800],
    ['88.5', 8850],
    ['88.50', 8850],
    ['0.07', 7],
    ['0.1', 10],
    ['19.99', 1999],
    ['1.', 100],
    [' ¥12.30 ', 1230],
    ['100000000', 10_000_000_000],
  ])('reads %j as %i fen without floating point', (text, fen) => {
    expect(parseYuanToFen(text)).toBe(fen);
  });

  it('gets 0.29 and 1.15 right, which float multiplication gets wrong', () => {
    expect(0.29 * 100).not.toBe(29);
    expect(parseYuanToFen('0.29')).toBe(29);
    expect(parseYuanToFen('1.15')).toBe(115);
  });

  it.each(['', '.5', '1.234', '-3', '1,000', 'abc', '1e3', '12.3.4'])('refuses %j', (text) => {
    expect(parseYuanToFen(text)).toBeNull();
  });

  it('keeps only digits and one point with at most two decimals while typing', () => {
    expect(sanitizeYuanInput('88.567')).toBe('88.56');
    expect(sanitizeYuanInput('1.2.3')).toBe('1.23');
    expect(sanitizeYuanInput('¥ 12a')).toBe('12');
  });

  it('reads points as a whole number, empty meaning none', () => {
    expect(parsePoints('')).toBe(0);
    expect(parsePoints(' 300 ')).toBe(300);
    expect(parsePoints('1.5')).toBeNull();
    expect(parsePoints('-1')).toBeNull();
  });
});

describe('member digits', () => {
  it('accepts the 16 digits with the spaces the card shows', () => {
    expect(normalizeMemberDigits('1000 0008 6389 1791')).toBe('1000000863891791');
    expect(normalizeMemberDigits(' 1000000863891791 ')).toBe('1000000863891791');
  });

  it('refuses anything but exactly 16 digits', () => {
    expect(normalizeMemberDigits('1000 0008 6389 179')).toBeNull();
    expect(normalizeMemberDigits('1000 0008 6389 17911')).toBeNull();
    expect(normalizeMemberDigits('TK1.10000008.1.abc')).toBeNull();
  });

  it('groups them by four for the card', () => {
    expect(groupDigits('1000000863891791')).toBe('1000 0008 6389 1791');
  });
});

describe('times and opening hours (Asia/Shanghai)', () => {
  it('shows an API instant as Shanghai wall time', () => {
    expect(shanghaiDateTime('2025-01-01T16:30:00.000Z')).toBe('2025-01-02 00:30');
    expect(shanghaiDateTime('2025-01-02T00:30:00+08:00')).toBe('2025-01-02 00:30');
  });

  it('summarises the week in one line', () => {
    expect(openingHoursText(everyDay('10:00', '22:00'))).toBe('每天 10:00–22:00');
    const weekend = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '10:00', close: weekday >= 6 ? '22:00' : '21:30' }));
    expect(openingHoursText(weekend)).toBe('周一至周五 10:00–21:30；周六至周日 10:00–22:00');
    expect(openingHoursText([{ weekday: 3, open: '09:00', close: '12:00' }])).toBe('周三 09:00–12:00');
    expect(openingHoursText([])).toBe('暂无营业时间');
  });

  it('knows whether a store is open by Shanghai time, whatever the device zone', () => {
    // 2025-01-06 is a Monday; 01:59Z is 09:59 in Shanghai, 02:00Z is 10:00.
    expect(isOpenNow(everyDay('10:00', '22:00'), Date.parse('2025-01-06T01:59:00Z'))).toBe(false);
    expect(isOpenNow(everyDay('10:00', '22:00'), Date.parse('2025-01-06T02:00:00Z'))).toBe(true);
    expect(isOpenNow(everyDay('10:00', '22:00'), Date.parse('2025-01-06T14:00:00Z'))).toBe(false);
    expect(isOpenNow([{ weekday: 2, open: '10:00', close: '22:00' }], Date.parse('2025-01-06T05:00:00Z'))).toBe(false);
  });
});
