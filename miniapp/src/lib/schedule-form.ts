/**
 * The 营业时间与预约设置 form: a store's schedule as the manager edits it (one row per weekday, open or
 * closed) and back to the API's ScheduleInput, with the checks the server makes said in Chinese.
 */
import type { OpeningHours, Schedule, ScheduleInput } from '../../../shared/api';

export interface DayHours {
  weekday: number;
  open: boolean;
  from: string;
  to: string;
}

export interface ScheduleForm {
  days: DayHours[];
  closedDates: string[];
  slotMinutes: 15 | 30 | 60;
  minNoticeMinutes: number;
  horizonDays: number;
}

export const WEEKDAY_LABELS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const DEFAULT_HOURS = { from: '10:00', to: '22:00' };

export const SLOT_OPTIONS = [15, 30, 60] as const;
export const NOTICE_OPTIONS = [0, 30, 60, 120, 240, 1440];
export const HORIZON_OPTIONS = [7, 14, 30, 60, 90];

function slotMinutesOf(n: number): 15 | 30 | 60 {
  return n === 15 || n === 60 ? n : 30;
}

export function toForm(schedule: Pick<Schedule, 'openingHours' | 'closedDates' | 'slotMinutes' | 'minNoticeMinutes' | 'horizonDays'>): ScheduleForm {
  const byDay = new Map<number, OpeningHours>(schedule.openingHours.map((h) => [h.weekday, h]));
  const first = schedule.openingHours[0];
  return {
    days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => {
      const h = byDay.get(weekday);
      return h ? { weekday, open: true, from: h.open, to: h.close } : { weekday, open: false, from: first?.open ?? DEFAULT_HOURS.from, to: first?.close ?? DEFAULT_HOURS.to };
    }),
    closedDates: [...schedule.closedDates].sort(),
    slotMinutes: slotMinutesOf(schedule.slotMinutes),
    minNoticeMinutes: schedule.minNoticeMinutes,
    horizonDays: schedule.horizonDays,
  };
}

/** The form as the API takes it; closed days before `today` are dropped (they no longer matter). */
export function toInput(form: ScheduleForm, today: string): ScheduleInput {
  return {
    openingHours: form.days.filter((d) => d.open).map((d) => ({ weekday: d.weekday, open: d.from, close: d.to })),
    closedDates: [...new Set(form.closedDates)].filter((d) => d >= today).sort(),
    slotMinutes: form.slotMinutes,
    minNoticeMinutes: form.minNoticeMinutes,
    horizonDays: form.horizonDays,
  };
}

/** What is wrong with the form, in Chinese, or null. */
export function formProblem(form: ScheduleForm): string | null {
  const bad = form.days.find((d) => d.open && d.from >= d.to);
  if (bad) return `${WEEKDAY_LABELS[bad.weekday]}的打烊时间须晚于开门时间`;
  if (!form.days.some((d) => d.open)) return '请至少设置一天营业';
  return null;
}

/** '不限' / '30分钟' / '2小时' / '1天'. */
export function noticeLabel(minutes: number): string {
  if (minutes === 0) return '不限';
  if (minutes % 1440 === 0) return `${minutes / 1440}天`;
  if (minutes % 60 === 0) return `${minutes / 60}小时`;
  return `${minutes}分钟`;
}

/** The preset options plus the current value when it is not one of them, in order. */
export function withCurrent(options: readonly number[], current: number): number[] {
  return [...new Set([...options, current])].sort((a, b) => a - b);
}

/** A capacity typed by the manager: a whole number of seats from 1 to 100, or null. */
export function parseCapacity(text: string): number | null {
  if (!/^\d{1,3}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= 1 && n <= 100 ? n : null;
}
