/**
 * The booking grid's arithmetic on every Shanghai date (issue 14 §3): every date of 2026–2028 (a
 * leap year included) for the clock, and generated opening hours, grid steps, durations and "now"s
 * for the slots. Runs under TZ=UTC, America/Los_Angeles and Asia/Shanghai (npm run test:tz):
 * nothing here may depend on the host's zone. A failure prints its seed: see README § Test it.
 */
import fc from 'fast-check';
import { bookableStarts, hhmm, isoWeekday, minutesOf, occupiedCells, shanghaiClock, shanghaiInstant, slotRefusal, type BookingPolicy } from '../../../shared/booking';
import { addDays, shanghaiDate, shanghaiIso } from '../../../shared/dates';
import { ScheduleInput, ServiceInput } from '../../../shared/schemas/booking';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Every date from `from` to `to`, both included, counted with UTC calendar arithmetic (no library). */
function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += DAY) out.push(new Date(ms).toISOString().slice(0, 10));
  return out;
}

const DATES = datesBetween('2026-01-01', '2028-12-31');
const date = fc.constantFrom(...DATES);

describe('the Shanghai clock on every date of 2026–2028', () => {
  it('has 365, 365 and 366 dates, and addDays walks them one by one', () => {
    expect(DATES.filter((d) => d.startsWith('2026'))).toHaveLength(365);
    expect(DATES.filter((d) => d.startsWith('2027'))).toHaveLength(365);
    expect(DATES.filter((d) => d.startsWith('2028'))).toHaveLength(366);
    const wrong = DATES.slice(1).filter((d, i) => addDays(DATES[i]!, 1) !== d || addDays(d, -1) !== DATES[i]);
    expect(wrong).toEqual([]);
  });

  it('is +08:00 on every date — midnight, noon and 23:59 — and each day is exactly 24 h (no daylight saving)', () => {
    const wrong: string[] = [];
    for (const d of DATES) {
      const midnight = shanghaiInstant(d, 0);
      if (midnight !== Date.parse(`${d}T00:00:00+08:00`)) wrong.push(`${d} midnight`);
      if (shanghaiInstant(d, 24 * 60) - midnight !== DAY) wrong.push(`${d} length`);
      if (shanghaiInstant(addDays(d, 1), 0) !== midnight + DAY) wrong.push(`${d} next day`);
      for (const minutes of [0, 1, 12 * 60, 23 * 60 + 59]) {
        const at = shanghaiInstant(d, minutes);
        const iso = shanghaiIso(at);
        if (iso !== `${d}T${hhmm(minutes)}:00.000+08:00`) wrong.push(`${d} ${hhmm(minutes)} iso ${iso}`);
        if (Date.parse(iso) !== at) wrong.push(`${d} ${hhmm(minutes)} iso round-trip`);
        const clock = shanghaiClock(at);
        if (clock.date !== d || clock.minutes !== minutes) wrong.push(`${d} ${hhmm(minutes)} clock ${JSON.stringify(clock)}`);
        if (shanghaiDate(at) !== d) wrong.push(`${d} ${hhmm(minutes)} business date`);
      }
      // The last millisecond of the day is still the day; the next one is tomorrow.
      if (shanghaiDate(midnight + DAY - 1) !== d || shanghaiDate(midnight + DAY) !== addDays(d, 1)) wrong.push(`${d} boundary`);
    }
    expect(wrong).toEqual([]);
  });

  it('steps the ISO weekday by one each day, Monday to Sunday (2026-01-05 is a Monday)', () => {
    expect(isoWeekday('2026-01-05')).toBe(1);
    const wrong = DATES.slice(1).filter((d, i) => isoWeekday(d) !== (isoWeekday(DATES[i]!) % 7) + 1);
    expect(wrong).toEqual([]);
  });

  it('round-trips any instant through its Shanghai date and minute, and any time through its ISO text', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2025-12-31T00:00:00Z'), max: Date.parse('2029-01-02T00:00:00Z') }), (at) => {
        const { date: d, minutes } = shanghaiClock(at);
        const floorMinute = at - (((at % MINUTE) + MINUTE) % MINUTE);
        expect(shanghaiInstant(d, minutes)).toBe(floorMinute);
        expect(Date.parse(shanghaiIso(at))).toBe(at);
        expect(shanghaiIso(at).endsWith('+08:00')).toBe(true);
        expect(shanghaiIso(at).slice(0, 10)).toBe(d);
        expect(shanghaiDate(at)).toBe(d);
      }),
      { numRuns: 1000 },
    );
  });
});

// ---- the grid -----------------------------------------------------------------------------------

/** Opening hours as the schedule schema accepts them: 'HH:MM', open before close, within one day. */
const hours = fc
  .tuple(fc.integer({ min: 0, max: 23 * 60 + 59 }), fc.integer({ min: 0, max: 23 * 60 + 59 }))
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => ({ open: hhmm(Math.min(a, b)), close: hhmm(Math.max(a, b)) }));
/** Common shop hours too, so most days do have slots. */
const shopHours = fc.oneof(
  hours,
  fc.record({ open: fc.integer({ min: 6, max: 11 }), close: fc.integer({ min: 17, max: 23 }) }).map((h) => ({ open: hhmm(h.open * 60), close: hhmm(h.close * 60) })),
);

const scheduleArb = fc.record({
  /** Weekdays with their hours (some days closed), and a few holidays. */
  week: fc.array(fc.option(shopHours, { nil: null, freq: 5 }), { minLength: 7, maxLength: 7 }),
  closedDates: fc.array(date, { maxLength: 5 }),
  slotMinutes: fc.constantFrom(15, 30, 60),
  minNoticeMinutes: fc.integer({ min: 0, max: 7 * 24 * 60 }),
  horizonDays: fc.integer({ min: 1, max: 90 }),
});

const durationMinutes = fc.integer({ min: 1, max: 32 }).map((q) => q * 15); // the service schema: 15 … 480, multiples of 15

type GeneratedSchedule = typeof scheduleArb extends fc.Arbitrary<infer T> ? T : never;

function setup(s: GeneratedSchedule) {
  const openingHours = s.week.flatMap((h, i) => (h ? [{ weekday: i + 1, ...h }] : []));
  // What the generator makes is what an admin may save.
  expect(
    ScheduleInput.safeParse({ openingHours, closedDates: s.closedDates, slotMinutes: s.slotMinutes, minNoticeMinutes: s.minNoticeMinutes, horizonDays: s.horizonDays })
      .success,
  ).toBe(true);
  const schedule = { openingHours, closedDates: s.closedDates };
  const policy: BookingPolicy = { slotMinutes: s.slotMinutes, minNoticeMinutes: s.minNoticeMinutes, horizonDays: s.horizonDays, cancelCutoffMinutes: 120 };
  return { schedule, policy };
}

/** A real 'YYYY-MM-DD' date, checked without the code under test. */
function isCalendarDate(d: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) return false;
  const [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, da));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === da;
}

describe('the booking grid, on generated schedules and dates', () => {
  it('offers, long before the day, exactly the starts on the grid inside opening hours that finish by closing', () => {
    fc.assert(
      fc.property(scheduleArb, date, durationMinutes, (s, d, duration) => {
        expect(ServiceInput.shape.durationMinutes.safeParse(duration).success).toBe(true);
        const { schedule, policy } = setup(s);
        // A "now" that puts the date inside the horizon, after any notice: only the hours decide.
        const now = shanghaiInstant(d, 0) - Math.max(policy.minNoticeMinutes * MINUTE, 1) - 1;
        const usable = { ...policy, horizonDays: 90 };
        const starts = bookableStarts(schedule, usable, d, duration, now);
        const h = schedule.openingHours.find((o) => o.weekday === isoWeekday(d));
        if (!h || schedule.closedDates.includes(d)) {
          expect(starts).toEqual([]);
          return;
        }
        const open = minutesOf(h.open);
        const close = minutesOf(h.close);
        const slot = policy.slotMinutes;
        // Count: grid points k·slot with open ≤ k·slot and k·slot + duration ≤ close.
        const expected = Math.max(0, Math.floor((close - duration) / slot) - Math.ceil(open / slot) + 1);
        expect(starts).toHaveLength(expected);
        if (open % slot === 0 && close % slot === 0 && duration === slot) expect(starts).toHaveLength((close - open) / slot);
        const dayStart = shanghaiInstant(d, 0);
        // Checked as plain conditions (thousands of slots per run): the failures, named, or [].
        const broken: string[] = [];
        const check = (ok: boolean, what: string) => {
          if (!ok) broken.push(what);
        };
        starts.forEach((st, i) => {
          const minutes = minutesOf(st.time);
          const at = `${d} ${st.time}: `;
          check(st.time === hhmm(minutes), at + 'time text');
          check(minutes % slot === 0, at + 'off the grid');
          check(minutes >= open, at + 'before opening');
          check(minutes + duration <= close, at + 'ends after closing');
          check(st.startAt === dayStart + minutes * MINUTE, at + 'start instant');
          check(st.endAt - st.startAt === duration * MINUTE, at + 'length');
          check(st.endAt < dayStart + DAY, at + 'crosses into the next day');
          const clock = shanghaiClock(st.startAt);
          check(clock.date === d && clock.minutes === minutes, at + 'clock round-trip');
          check(shanghaiIso(st.startAt) === `${d}T${st.time}:00.000+08:00`, at + 'ISO text');
          check(Date.parse(shanghaiIso(st.endAt)) === st.endAt, at + 'end ISO round-trip');
          if (i > 0) check(st.startAt - starts[i - 1]!.startAt === slot * MINUTE, at + 'gap to the previous start');
          const cells = occupiedCells(minutes, duration, slot);
          check(cells.length === Math.ceil(duration / slot) && cells[0] === st.time, at + 'cells');
          check(
            cells.every((c) => minutesOf(c) % slot === 0),
            at + 'cell off the grid',
          );
        });
        expect(broken).toEqual([]);
      }),
      { numRuns: 600 },
    );
  });

  it('offers a start if and only if slotRefusal has nothing against it, whatever "now" is', () => {
    fc.assert(
      fc.property(scheduleArb, date, durationMinutes, fc.integer({ min: -20 * DAY, max: 2 * DAY }), (s, d, duration, nowOffset) => {
        const { schedule, policy } = setup(s);
        const now = shanghaiInstant(d, 0) + nowOffset;
        const offered = new Set(bookableStarts(schedule, policy, d, duration, now).map((st) => minutesOf(st.time)));
        const today = shanghaiClock(now).date;
        const lastDay = addDays(today, policy.horizonDays - 1);
        const broken: string[] = [];
        for (let minutes = 0; minutes < 24 * 60; minutes += 5) {
          const refusal = slotRefusal(schedule, policy, d, minutes, duration, now);
          if (offered.has(minutes) !== (refusal === null)) broken.push(`${hhmm(minutes)}: offered ${offered.has(minutes)}, refusal ${refusal}`);
          if (refusal === null) {
            const startAt = shanghaiInstant(d, minutes);
            if (startAt < now + policy.minNoticeMinutes * MINUTE || startAt <= now) broken.push(`${hhmm(minutes)}: inside the notice`);
            if (d < today || d > lastDay) broken.push(`${hhmm(minutes)}: outside the horizon ${today}…${lastDay}`);
          }
        }
        expect(broken).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses dates that do not exist on the calendar, on any schedule', () => {
    const impossible = fc.oneof(
      fc.constantFrom('2026-02-29', '2027-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-32', '2026-1-5', '20260105', ''),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(scheduleArb, impossible, durationMinutes, (s, d, duration) => {
        fc.pre(!isCalendarDate(d));
        const { schedule, policy } = setup(s);
        expect(slotRefusal(schedule, policy, d, 12 * 60, duration, 0)).toBe('invalid_date');
        expect(bookableStarts(schedule, policy, d, duration, 0)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
