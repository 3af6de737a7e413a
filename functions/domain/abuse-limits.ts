/**
 * Abuse limits (README § Abuse limits): how often one member may sign in or fetch a member code,
 * and one staff member may scan or type codes. Each is a counter per subject and window (a
 * conditional ADD on one small item that expires by TTL: functions/store/rate-limits.ts); past it
 * the answer is 429 `rate_limited` with Retry-After, the seconds to the window's end, and nothing else
 * happens. Phone lookups have their own (walk-in.ts).
 */
import { config } from '../lib/config';
import { RateLimitedError } from '../lib/errors';
import { countAttempt, countOf } from '../store/rate-limits';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

interface Window {
  key: string;
  endsAt: number;
}

const windowOf = (now: number, ms: number): Window => ({ key: `${ms / MINUTE_MS}m-${Math.floor(now / ms)}`, endsAt: (Math.floor(now / ms) + 1) * ms });

async function within(action: string, subject: string, limit: number, windowMs: number, message: string, now: number): Promise<void> {
  const window = windowOf(now, windowMs);
  if (!(await countAttempt(action, subject, window.key, limit, Math.ceil(window.endsAt / 1000) + 3600))) {
    throw new RateLimitedError(message, Math.max(1, Math.ceil((window.endsAt - now) / 1000)));
  }
}

/** Sign-ins of one WeChat user in an hour. */
export const countLogin = (openid: string, now = Date.now()) =>
  within('login', openid, config.loginsPerHour, HOUR_MS, `At most ${config.loginsPerHour} sign-ins an hour; try again later`, now);

/** Member codes fetched by one member in a minute. */
export const countCodeFetch = (memberId: string, now = Date.now()) =>
  within('member_code', memberId, config.codesPerMinute, MINUTE_MS, `At most ${config.codesPerMinute} member codes a minute`, now);

/** Scans of member codes by one staff member in an hour. */
export const countScan = (staffId: string, now = Date.now()) =>
  within('scan', staffId, config.scansPerHour, HOUR_MS, `At most ${config.scansPerHour} scans an hour; try again later`, now);

/**
 * Invalid codes a staff member scanned or typed in the hour: counted when a code fails, and once
 * there are too many, every scan of that staff member is refused until the hour ends — a valid
 * guess included, which is what stops guessing (README: the arithmetic).
 */
export const countInvalidScan = (staffId: string, now = Date.now()) =>
  within('scan_invalid', staffId, config.invalidScansPerHour, HOUR_MS, 'Too many invalid member codes this hour; scanning is paused until the hour ends', now);

export async function refuseWhileGuessing(staffId: string, now = Date.now()): Promise<void> {
  const window = windowOf(now, HOUR_MS);
  if ((await countOf('scan_invalid', staffId, window.key)) >= config.invalidScansPerHour) {
    throw new RateLimitedError('Too many invalid member codes this hour; scanning is paused until the hour ends', Math.max(1, Math.ceil((window.endsAt - now) / 1000)));
  }
}
