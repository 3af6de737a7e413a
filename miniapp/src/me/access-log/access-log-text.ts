/** 访问记录's grouping: the entries by Shanghai day, newest first, each day under a heading. */
import { addDays, shanghaiDate } from '../../../../shared/dates';
import type { AccessLogEntry } from '../../../../shared/schemas/audit';
import { monthDay, shanghaiDay, weekdayName } from '../../lib/booking';

/** '今天', '昨天', '11月26日 周四' (and the year when it is not this year's). */
export function dayHeading(date: string, now = Date.now()): string {
  const today = shanghaiDate(now);
  if (date === today) return '今天';
  if (date === addDays(today, -1)) return '昨天';
  const year = date.slice(0, 4) === today.slice(0, 4) ? '' : `${date.slice(0, 4)}年`;
  return `${year}${monthDay(date)} ${weekdayName(date)}`;
}

/** Consecutive entries of one Shanghai day together, in the order given (the API's: newest first). */
export function byDay<E extends Pick<AccessLogEntry, 'at'>>(items: E[], now = Date.now()): Array<{ date: string; heading: string; items: E[] }> {
  const days: Array<{ date: string; heading: string; items: E[] }> = [];
  for (const item of items) {
    const date = shanghaiDay(item.at);
    const last = days[days.length - 1];
    if (last && last.date === date) last.items.push(item);
    else days.push({ date, heading: dayHeading(date, now), items: [item] });
  }
  return days;
}
