/**
 * EventBridge schedule expressions as serverless.yml writes them — `rate(5 minutes)` and AWS cron,
 * `cron(minutes hours day-of-month month day-of-week year)` in UTC — and the next time each fires.
 * The local API runs the scheduled jobs with it, as EventBridge does in AWS.
 */

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** The values a cron field allows; `null` for `*` and `?` (any). */
function field(text: string, min: number, max: number, names: string[] = [], namesFrom = min): Set<number> | null {
  if (text === '*' || text === '?') return null;
  const value = (part: string) => {
    const named = names.indexOf(part.toUpperCase());
    const n = named >= 0 ? named + namesFrom : Number(part);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`schedule: '${part}' is not in ${min}–${max}`);
    return n;
  };
  const allowed = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`schedule: bad step in '${part}'`);
    const [from, to] = range === '*' ? [min, max] : range!.includes('-') ? range!.split('-').map(value) : [value(range!), stepText === undefined ? value(range!) : max];
    for (let n = from!; n <= to!; n += step) allowed.add(n);
  }
  return allowed;
}

const fits = (allowed: Set<number> | null, n: number) => allowed === null || allowed.has(n);

/** The next time after `after` that the expression fires (throws on an expression it cannot read). */
export function nextRun(expression: string, after: Date): Date {
  const rate = expression.match(/^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/);
  if (rate) {
    const unitMs = { minute: 60_000, hour: 3_600_000, day: 86_400_000 }[rate[2]!.replace(/s$/, '') as 'minute' | 'hour' | 'day'];
    return new Date(after.getTime() + Number(rate[1]) * unitMs);
  }
  const cron = expression.match(/^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/);
  if (!cron) throw new Error(`schedule: cannot read '${expression}' (rate(N minutes|hours|days) or cron(6 fields))`);
  const [minutes, hours, days, months, weekdays, years] = [
    field(cron[1]!, 0, 59),
    field(cron[2]!, 0, 23),
    field(cron[3]!, 1, 31),
    field(cron[4]!, 1, 12, MONTH_NAMES, 1),
    // AWS counts the days of the week from 1 (Sunday) to 7.
    field(cron[5]!, 1, 7, DAY_NAMES, 1),
    field(cron[6]!, 1970, 2199),
  ];
  const at = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
  for (let i = 0; i < 366 * 24 * 60 * 5; i++, at.setTime(at.getTime() + 60_000)) {
    if (
      fits(minutes, at.getUTCMinutes()) &&
      fits(hours, at.getUTCHours()) &&
      fits(days, at.getUTCDate()) &&
      fits(months, at.getUTCMonth() + 1) &&
      fits(weekdays, at.getUTCDay() + 1) &&
      fits(years, at.getUTCFullYear())
    ) {
      return new Date(at);
    }
  }
  throw new Error(`schedule: '${expression}' never fires in the next five years`);
}
