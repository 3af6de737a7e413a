import {
  bookingTimeText,
  canChange,
  canMarkNoShow,
  checkInOpen,
  dayLabel,
  durationText,
  isOpenDay,
  nextDays,
  shanghaiDay,
  shanghaiTime,
  shortStoreName,
  statusLabel,
  weekdayName,
  weekdayOf,
} from './booking';

/** 2026-11-23 (a Monday) 23:30 in Shanghai = 15:30 UTC — still the 23rd in Shanghai, another day elsewhere. */
const LATE_MONDAY = Date.parse('2026-11-23T15:30:00Z');

describe('booking times, read as Shanghai wall-clock whatever the device zone', () => {
  it('shows the time and day of an ISO instant in Shanghai', () => {
    expect(shanghaiTime('2026-11-24T15:00:00+08:00')).toBe('15:00');
    expect(shanghaiTime('2026-11-24T07:00:00Z')).toBe('15:00');
    // 00:30 in Shanghai is still the previous evening in UTC and in Los Angeles.
    expect(shanghaiDay('2026-11-25T00:30:00+08:00')).toBe('2026-11-25');
    expect(shanghaiTime('2026-11-25T00:30:00+08:00')).toBe('00:30');
  });

  it('lists the next days from the Shanghai date, not the device date', () => {
    expect(nextDays(3, LATE_MONDAY)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
    // 16:30 UTC on the 23rd is already the 24th in Shanghai.
    expect(nextDays(1, Date.parse('2026-11-23T16:30:00Z'))).toEqual(['2026-11-24']);
    expect(nextDays(14, LATE_MONDAY)).toHaveLength(14);
    expect(nextDays(14, LATE_MONDAY)[13]).toBe('2026-12-06');
  });

  it('names days as members say them', () => {
    expect(dayLabel('2026-11-23', LATE_MONDAY)).toBe('今天');
    expect(dayLabel('2026-11-24', LATE_MONDAY)).toBe('明天');
    expect(dayLabel('2026-11-25', LATE_MONDAY)).toBe('后天');
    expect(dayLabel('2026-11-26', LATE_MONDAY)).toBe('11月26日');
    expect(weekdayOf('2026-11-23')).toBe(1);
    expect(weekdayOf('2026-11-29')).toBe(7);
    expect(weekdayName('2026-11-29')).toBe('周日');
  });

  it('writes a booking as day and span', () => {
    const booking = { start: '2026-11-24T15:00:00+08:00', end: '2026-11-24T16:30:00+08:00' };
    expect(bookingTimeText(booking, LATE_MONDAY)).toBe('明天 11月24日 15:00–16:30');
    expect(bookingTimeText({ start: '2026-11-27T10:00:00+08:00', end: '2026-11-27T11:00:00+08:00' }, LATE_MONDAY)).toBe('11月27日 周五 10:00–11:00');
  });

  it('shortens store names and durations', () => {
    expect(shortStoreName('沪上茶点·静安寺店')).toBe('静安寺店');
    expect(shortStoreName('静安寺店')).toBe('静安寺店');
    expect(durationText(90)).toBe('90分钟');
    expect(durationText(120)).toBe('2小时');
    expect(durationText(30)).toBe('30分钟');
  });
});

describe('what a member and the counter may do with a booking', () => {
  const booking = {
    status: 'booked' as const,
    start: '2026-11-24T15:00:00+08:00',
    end: '2026-11-24T16:30:00+08:00',
    cancellableUntil: '2026-11-24T13:00:00+08:00',
  };
  const at = (iso: string) => Date.parse(iso);

  it('cancels and moves for free until two hours before the start, and says so after', () => {
    expect(canChange(booking, at('2026-11-24T12:59:59+08:00'))).toBe(true);
    expect(canChange(booking, at('2026-11-24T13:00:00+08:00'))).toBe(false);
    expect(canChange({ ...booking, status: 'cancelled' }, at('2026-11-23T10:00:00+08:00'))).toBe(false);
  });

  it('labels the states, and a booking that ended unchecked as 未签到', () => {
    expect(statusLabel(booking, at('2026-11-24T14:00:00+08:00'))).toBe('待到店');
    expect(statusLabel({ ...booking, status: 'checked_in' })).toBe('已签到');
    expect(statusLabel({ ...booking, status: 'cancelled' })).toBe('已取消');
    expect(statusLabel({ ...booking, status: 'no_show' })).toBe('未到店');
    expect(statusLabel(booking, at('2026-11-24T16:30:00+08:00'))).toBe('未签到');
  });

  it('offers 未到店 only after the end of a booking nobody checked in', () => {
    expect(canMarkNoShow(booking, at('2026-11-24T16:29:00+08:00'))).toBe(false);
    expect(canMarkNoShow(booking, at('2026-11-24T16:30:00+08:00'))).toBe(true);
    expect(canMarkNoShow({ ...booking, status: 'checked_in' }, at('2026-11-24T17:00:00+08:00'))).toBe(false);
  });

  it('knows the check-in window: an hour before the start to the end', () => {
    expect(checkInOpen(booking, at('2026-11-24T13:59:00+08:00'))).toBe(false);
    expect(checkInOpen(booking, at('2026-11-24T14:00:00+08:00'))).toBe(true);
    expect(checkInOpen(booking, at('2026-11-24T16:30:00+08:00'))).toBe(true);
    expect(checkInOpen(booking, at('2026-11-24T16:31:00+08:00'))).toBe(false);
  });

  it('marks closed days from the schedule: closed dates and weekdays without hours', () => {
    const schedule = { openingHours: [{ weekday: 1, open: '10:00', close: '22:00' }], closedDates: ['2026-11-30'] };
    expect(isOpenDay(schedule, '2026-11-23')).toBe(true);
    expect(isOpenDay(schedule, '2026-11-24')).toBe(false);
    expect(isOpenDay(schedule, '2026-11-30')).toBe(false);
  });
});
