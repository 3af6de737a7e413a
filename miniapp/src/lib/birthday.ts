/**
 * The birthday form: month and day (required together), year optional. The API takes 'MM-DD' or
 * 'YYYY-MM-DD' (shared Birthday schema); staff never see the year, so it is the member's choice.
 */
import { Birthday } from '../../../shared/api';

export interface BirthdayFields {
  year: string;
  month: string;
  day: string;
}

export function birthdayFields(birthday: string | null, birthYear: number | null): BirthdayFields {
  if (!birthday) return { year: '', month: '', day: '' };
  const [month = '', day = ''] = birthday.slice(-5).split('-');
  return { year: birthYear ? String(birthYear) : '', month: String(Number(month)), day: String(Number(day)) };
}

/** The fields → what PUT /v1/me/profile takes: a birthday, null (all empty: remove it), or a message. */
export function birthdayValue(fields: BirthdayFields, thisYear: number): string | null | { error: string } {
  const year = fields.year.trim();
  const month = fields.month.trim();
  const day = fields.day.trim();
  if (!year && !month && !day) return null;
  if (!/^\d{1,2}$/.test(month) || !/^\d{1,2}$/.test(day)) return { error: '请填写生日的月和日' };
  if (year && (!/^\d{4}$/.test(year) || Number(year) < 1900 || Number(year) > thisYear)) return { error: '出生年份请填写四位数字，或留空' };
  const monthDay = `${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const value = year ? `${year}-${monthDay}` : monthDay;
  if (!Birthday.safeParse(value).success) return { error: year && monthDay === '02-29' ? `${year}年没有2月29日` : '没有这一天，请核对月和日' };
  return value;
}

/** '03-08' → '3月8日' (the card and the settings page). */
export function birthdayText(birthday: string): string {
  const [month, day] = birthday.slice(-5).split('-').map(Number);
  return `${month}月${day}日`;
}

// ---- the pickers ---------------------------------------------------------------------------------

/** The month column: '1月' … '12月'. */
export const MONTH_CHOICES = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

/** Days in a month; with no year February has 29 (a birthday may be 29 February). */
export function daysInMonth(month: number, year?: number): number {
  if (month === 2) return !year || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The day column for a month: '1日' … '31日'. */
export function dayChoices(month: number, year?: number): string[] {
  return Array.from({ length: daysInMonth(month, year) }, (_, i) => `${i + 1}日`);
}

/** The year column: 不填写 first (the year is optional), then this year back to 1900. */
export const NO_YEAR = '不填写';
export function yearChoices(thisYear: number): string[] {
  return [NO_YEAR, ...Array.from({ length: thisYear - 1900 + 1 }, (_, i) => String(thisYear - i))];
}
