/**
 * Booking times and states as the app shows them. Every time is Asia/Shanghai wall-clock time,
 * read from the API's ISO instants with the fixed +08:00 offset — never with the device's zone
 * (a member abroad, or a test run under TZ=America/Los_Angeles, sees the store's times).
 */
import type { Booking, BookingStatus, OpeningHours } from '../../../shared/api';
import { addDays, shanghaiDate } from '../../../shared/dates';
import { shanghaiDateTime } from './format';

/** The member's booking pages (subpackage `booking`). */
export const BOOK_PAGE = '/booking/book/index';
export const MINE_PAGE = '/booking/mine/index';

const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** ISO weekday (1 = Monday … 7 = Sunday) of a 'YYYY-MM-DD' business date. */
export function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** '周一' … '周日' of a business date. */
export function weekdayName(date: string): string {
  return WEEKDAY_NAMES[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}

/** The bookable days, today (in Shanghai) first: `days` business dates. */
export function nextDays(days: number, now = Date.now()): string[] {
  const today = shanghaiDate(now);
  return Array.from({ length: Math.max(0, days) }, (_, i) => addDays(today, i));
}

/** '今天' / '明天' / '后天' / '11月26日' for a business date. */
export function dayLabel(date: string, now = Date.now()): string {
  const today = shanghaiDate(now);
  if (date === today) return '今天';
  if (date === addDays(today, 1)) return '明天';
  if (date === addDays(today, 2)) return '后天';
  return monthDay(date);
}

/** '11月26日'. */
export function monthDay(date: string): string {
  const [, month, day] = date.split('-');
  return `${Number(month)}月${Number(day)}日`;
}

/** 'HH:MM' in Shanghai of an ISO instant. */
export function shanghaiTime(iso: string): string {
  return shanghaiDateTime(iso).slice(11, 16);
}

/** The Shanghai business date of an ISO instant. */
export function shanghaiDay(iso: string): string {
  return shanghaiDateTime(iso).slice(0, 10);
}

/** '11月26日 周四 15:00–16:30', or '明天 11月24日 15:00–16:30' for today and the next two days. */
export function bookingTimeText(booking: Pick<Booking, 'start' | 'end'>, now = Date.now()): string {
  const date = shanghaiDay(booking.start);
  const label = dayLabel(date, now);
  const day = label === monthDay(date) ? `${label} ${weekdayName(date)}` : `${label} ${monthDay(date)}`;
  return `${day} ${shanghaiTime(booking.start)}–${shanghaiTime(booking.end)}`;
}

/** A store's name without the chain prefix: '沪上茶点·静安寺店' → '静安寺店'. */
export function shortStoreName(name: string): string {
  const dot = name.lastIndexOf('·');
  return dot >= 0 ? name.slice(dot + 1) : name;
}

export const STATUS_LABELS: Record<BookingStatus, string> = {
  booked: '待到店',
  checked_in: '已签到',
  cancelled: '已取消',
  no_show: '未到店',
};

/** A booking's state for the member: a 'booked' one whose time is over was simply not checked in. */
export function statusLabel(booking: Pick<Booking, 'status' | 'end'>, now = Date.now()): string {
  if (booking.status === 'booked' && Date.parse(booking.end) <= now) return '未签到';
  return STATUS_LABELS[booking.status];
}

/** Whether the member may still cancel or move it (free until `cancellableUntil`). */
export function canChange(booking: Pick<Booking, 'status' | 'cancellableUntil'>, now = Date.now()): boolean {
  return booking.status === 'booked' && now < Date.parse(booking.cancellableUntil);
}

/** Whether staff may record a no-show: the booking is over and nobody checked in. */
export function canMarkNoShow(booking: Pick<Booking, 'status' | 'end'>, now = Date.now()): boolean {
  return booking.status === 'booked' && Date.parse(booking.end) <= now;
}

/** Whether check-in is open: from an hour before the start to the end (the server decides). */
export function checkInOpen(booking: Pick<Booking, 'status' | 'start' | 'end'>, now = Date.now()): boolean {
  return booking.status === 'booked' && now >= Date.parse(booking.start) - 3600_000 && now <= Date.parse(booking.end);
}

/** Whether the store takes bookings that day by its schedule (closed dates, weekdays without hours). */
export function isOpenDay(schedule: { openingHours: OpeningHours[]; closedDates: string[] }, date: string): boolean {
  if (schedule.closedDates.includes(date)) return false;
  return schedule.openingHours.some((h) => h.weekday === weekdayOf(date));
}

/** '30分钟' / '2小时' / '90分钟'. */
export function durationText(minutes: number): string {
  if (minutes < 60) return `${minutes}分钟`;
  if (minutes % 60 === 0) return `${minutes / 60}小时`;
  return `${minutes}分钟`;
}
