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
