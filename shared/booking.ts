/**
 * The booking grid (PRODUCT.md § Booking). All times are Asia/Shanghai wall-clock times; instants
 * are computed with the fixed +08:00 offset (no daylight saving there), never with the host's zone.
 */
import type { OpeningHours } from './schemas/stores';

const MINUTE_MS = 60_000;
const SHANGHAI_OFFSET_MS = 8 * 60 * MINUTE_MS;

export interface BookingPolicy {
  /** Grid step in minutes (default 30). */
  slotMinutes: number;
  /** A slot must start at least this long after now (default 60). */
  minNoticeMinutes: number;
  /** The last bookable day is today + horizonDays - 1 … (default 14 days ahead). */
  horizonDays: number;
  /** Members cancel for free until this long before the start (default 120). */
  cancelCutoffMinutes: number;
}

export const DEFAULT_BOOKING_POLICY: BookingPolicy = { slotMinutes: 30, minNoticeMinutes: 60, horizonDays: 14, cancelCutoffMinutes: 120 };

export interface StoreSchedule {
  openingHours: OpeningHours[];
  /** Shanghai dates the store is closed (holidays). */
  closedDates: string[];
}

/** Minutes since midnight of 'HH:MM'. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The instant of a Shanghai wall-clock time on a Shanghai date. */
export function shanghaiInstant(date: string, minutes: number): number {
  return Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS + minutes * MINUTE_MS;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a Shanghai date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Shanghai date and minute-of-day of an instant. */
export function shanghaiClock(at: number): { date: string; minutes: number } {
  const shifted = new Date(at + SHANGHAI_OFFSET_MS);
  return { date: shifted.toISOString().slice(0, 10), minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() };
}

export interface SlotTime {
  /** 'HH:MM' Shanghai. */
  time: string;
  startAt: number;
  endAt: number;
}

export type SlotRefusal = 'invalid_date' | 'store_closed' | 'outside_opening_hours' | 'off_grid' | 'in_the_past' | 'too_soon' | 'beyond_horizon';

/**
 * Start times a service can be booked at on a date: on the store's grid, inside opening hours,
 * finishing by closing time (a slot that crosses closing is not offered), after the minimum notice
 * and within the horizon. Empty on a closed day.
 */
export function bookableStarts(schedule: StoreSchedule, policy: BookingPolicy, date: string, durationMinutes: number, now: number): SlotTime[] {
  const starts: SlotTime[] = [];
  for (let minutes = 0; minutes < 24 * 60; minutes += policy.slotMinutes) {
    if (slotRefusal(schedule, policy, date, minutes, durationMinutes, now) === null) {
      const startAt = shanghaiInstant(date, minutes);
      starts.push({ time: hhmm(minutes), startAt, endAt: startAt + durationMinutes * MINUTE_MS });
    }
  }
  return starts;
}

/** Why this start cannot be booked, or null when it can. */
export function slotRefusal(schedule: StoreSchedule, policy: BookingPolicy, date: string, startMinutes: number, durationMinutes: number, now: number): SlotRefusal | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    return 'invalid_date';
  }
  const startAt = shanghaiInstant(date, startMinutes);
  if (startAt <= now) return 'in_the_past';
  const today = shanghaiClock(now).date;
  const lastDay = new Date(Date.parse(`${today}T00:00:00Z`) + (policy.horizonDays - 1) * 86_400_000).toISOString().slice(0, 10);
  if (date > lastDay) return 'beyond_horizon';
  if (schedule.closedDates.includes(date)) return 'store_closed';
  const hours = schedule.openingHours.find((h) => h.weekday === isoWeekday(date));
  if (!hours) return 'store_closed';
  if (startMinutes % policy.slotMinutes !== 0) return 'off_grid';
  if (startMinutes < minutesOf(hours.open) || startMinutes + durationMinutes > minutesOf(hours.close)) return 'outside_opening_hours';
  if (startAt < now + policy.minNoticeMinutes * MINUTE_MS) return 'too_soon';
  return null;
}

/** The grid cells a booking occupies: each holds one seat of the service's capacity. */
export function occupiedCells(startMinutes: number, durationMinutes: number, slotMinutes: number): string[] {
  const cells: string[] = [];
  for (let m = startMinutes; m < startMinutes + durationMinutes; m += slotMinutes) cells.push(hhmm(m));
  return cells;
}

/** Two bookings overlap when each starts before the other ends. */
export function overlaps(a: { startAt: number; endAt: number }, b: { startAt: number; endAt: number }): boolean {
  return a.startAt < b.endAt && b.startAt < a.endAt;
}
