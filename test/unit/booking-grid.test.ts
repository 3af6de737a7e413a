import { bookableStarts, isoWeekday, occupiedCells, overlaps, shanghaiClock, shanghaiInstant, slotRefusal, DEFAULT_BOOKING_POLICY } from '../../shared/booking';

// These run under TZ=UTC and TZ=America/Los_Angeles too (npm run test:tz): nothing may depend on the host zone.
const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '10:00', close: '22:00' }));
const schedule = { openingHours: everyDay, closedDates: ['2026-11-28'] };
const policy = DEFAULT_BOOKING_POLICY;
const at = (iso: string) => Date.parse(iso);

describe('Shanghai wall clock, whatever the host zone', () => {
  it('maps a Shanghai date and time to the right instant and back', () => {
    expect(new Date(shanghaiInstant('2026-11-24', 0)).toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(shanghaiClock(at('2026-11-23T16:00:00Z'))).toEqual({ date: '2026-11-24', minutes: 0 });
    expect(shanghaiClock(at('2026-11-23T15:59:00Z'))).toEqual({ date: '2026-11-23', minutes: 23 * 60 + 59 });
  });

  it('knows the weekday of a Shanghai date (2026-11-23 is a Monday)', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
  });

  it('offers no slot on a closed day, and tomorrow’s slots just after Shanghai midnight', () => {
    const justAfterMidnight = at('2026-11-23T16:05:00Z'); // 00:05 on the 24th in Shanghai, still the 23rd in UTC and LA
    expect(bookableStarts(schedule, policy, '2026-11-28', 60, justAfterMidnight)).toEqual([]);
    const starts = bookableStarts(schedule, policy, '2026-11-24', 60, justAfterMidnight);
    expect(starts[0]!.time).toBe('10:00');
    expect(new Date(starts[0]!.startAt).toISOString()).toBe('2026-11-24T02:00:00.000Z');
  });
});

describe('which starts can be booked', () => {
  const now = at('2026-11-24T02:15:00Z'); // 10:15 Shanghai, Tuesday 24th

  it('keeps the minimum notice, and never offers the past', () => {
    expect(slotRefusal(schedule, policy, '2026-11-24', 10 * 60, 60, now)).toBe('in_the_past');
    expect(slotRefusal(schedule, policy, '2026-11-24', 11 * 60, 60, now)).toBe('too_soon');
    expect(slotRefusal(schedule, policy, '2026-11-24', 11 * 60 + 30, 60, now)).toBeNull();
    expect(bookableStarts(schedule, policy, '2026-11-24', 60, now)[0]!.time).toBe('11:30');
  });

  it('does not offer a slot that crosses closing time', () => {
    const starts = bookableStarts(schedule, policy, '2026-11-25', 60, now).map((s) => s.time);
    expect(starts.at(-1)).toBe('21:00');
    expect(slotRefusal(schedule, policy, '2026-11-25', 21 * 60 + 30, 60, now)).toBe('outside_opening_hours');
    expect(slotRefusal(schedule, policy, '2026-11-25', 9 * 60 + 30, 60, now)).toBe('outside_opening_hours');
  });

  it('stops at the horizon: 14 days including today', () => {
    expect(slotRefusal(schedule, policy, '2026-12-07', 12 * 60, 60, now)).toBeNull();
    expect(slotRefusal(schedule, policy, '2026-12-08', 12 * 60, 60, now)).toBe('beyond_horizon');
  });

  it('refuses starts off the grid and dates that do not exist', () => {
    expect(slotRefusal(schedule, policy, '2026-11-25', 12 * 60 + 10, 60, now)).toBe('off_grid');
    expect(slotRefusal(schedule, policy, '2026-02-30', 12 * 60, 60, now)).toBe('invalid_date');
  });
});

describe('seats and overlaps', () => {
  it('occupies one cell per grid step of the duration', () => {
    expect(occupiedCells(15 * 60, 90, 30)).toEqual(['15:00', '15:30', '16:00']);
  });
  it('treats back-to-back bookings as not overlapping', () => {
    expect(overlaps({ startAt: 0, endAt: 10 }, { startAt: 10, endAt: 20 })).toBe(false);
    expect(overlaps({ startAt: 0, endAt: 11 }, { startAt: 10, endAt: 20 })).toBe(true);
  });
});
