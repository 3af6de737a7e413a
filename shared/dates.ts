/**
 * Business dates are Asia/Shanghai (UTC+8, no daylight saving), whatever the server's own zone.
 * Fixed-offset arithmetic keeps this independent of the host's time-zone database.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** 'YYYY-MM-DD' of the Shanghai business day containing the instant. */
export function shanghaiDate(at: Date | number = Date.now()): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** ISO 8601 with the +08:00 offset, as the API shows times. */
export function shanghaiIso(at: Date | number = Date.now()): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

/** The business date `days` days before `date` ('YYYY-MM-DD'). */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * DAY_MS;
  return new Date(ms).toISOString().slice(0, 10);
}
