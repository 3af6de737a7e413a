/**
 * Abuse limits (README § Abuse limits): how often one member may sign in or fetch a member code,
 * and one staff member may scan or type codes. Each is a counter per subject and window (a
 * conditional ADD on one small item that expires by TTL: functions/store/rate-limits.ts); past it
 * the answer is 429 `rate_limited` with Retry-After, the seconds to the window's end, and nothing else
 * happens. Phone lookups have their own (walk-in.ts).
 */
import { config } from '../lib/config';
import { RateLimitedError } from '../lib/errors';
import { countAttempt, countAttemptItem, countOf } from '../store/rate-limits';
import type { LabeledItem } from '../store/transactions';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

interface Window {
  key: string;
  endsAt: number;
}

const windowOf = (now: number, ms: number): Window => ({ key: `${ms / MINUTE_MS}m-${Math.floor(now / ms)}`, endsAt: (Math.floor(now / ms) + 1) * ms });
const secondsLeft = (window: Window, now: number) => Math.max(1, Math.ceil((window.endsAt - now) / 1000));

async function within(action: string, subject: string, limit: number, windowMs: number, message: string, now: number): Promise<void> {
  const window = windowOf(now, windowMs);
  if (!(await countAttempt(action, subject, window.key, limit, Math.ceil(window.endsAt / 1000) + 3600))) {
    throw new RateLimitedError(message, secondsLeft(window, now));
  }
}

/** Sign-ins of one WeChat user in an hour. */
export const countLogin = (openid: string, now = Date.now()) =>
  within('login', openid, config.loginsPerHour, HOUR_MS, `At most ${config.loginsPerHour} sign-ins an hour; try again later`, now);

/** Member codes fetched by one member in a minute. */
export const countCodeFetch = (memberId: string, now = Date.now()) =>
  within('member_code', memberId, config.codesPerMinute, MINUTE_MS, `At most ${config.codesPerMinute} member codes a minute`, now);

/**
 * Scans are counted per staff member by their WeChat openid, which the session token names: the
 * scan reads its counters beside the staff record, not after it (README § Sequential depth).
 */
const SCAN_LIMITED = 'scan_limit';
const pausedMessage = 'Too many invalid member codes this hour; scanning is paused until the hour ends';
const scansMessage = () => `At most ${config.scansPerHour} scans an hour; try again later`;

/**
 * One scan of member codes by this staff member in the hour, as an item of the visit's transaction:
 * past the limit the transaction fails on `SCAN_LIMITED` and no visit opens (`scanLimitReached`).
 */
export function scanCountItem(openid: string, now = Date.now()): LabeledItem {
  const window = windowOf(now, HOUR_MS);
  return countAttemptItem(SCAN_LIMITED, 'scan', openid, window.key, config.scansPerHour, Math.ceil(window.endsAt / 1000) + 3600);
}

/** The refusal of a scan whose transaction failed on its count, or undefined if the count did not stop it. */
export function scanLimitReached(failed: string[], now = Date.now()): RateLimitedError | undefined {
  return failed.includes(SCAN_LIMITED) ? new RateLimitedError(scansMessage(), secondsLeft(windowOf(now, HOUR_MS), now)) : undefined;
}

/**
 * Invalid codes a staff member scanned or typed in the hour: counted when a code fails, and once
 * there are too many, every scan of that staff member is refused until the hour ends — a valid
 * guess included, which is what stops guessing (README: the arithmetic). Counted only once the
 * caller is known to be staff.
 */
export const countInvalidScan = (openid: string, now = Date.now()) => within('scan_invalid', openid, config.invalidScansPerHour, HOUR_MS, pausedMessage, now);

/**
 * The refusal of every scan while the staff member's invalid codes have reached the limit, or
 * undefined: only read, so it can be read before the staff record has been (the caller decides after).
 */
export async function scanningPause(openid: string, now = Date.now()): Promise<RateLimitedError | undefined> {
  const window = windowOf(now, HOUR_MS);
  const paused = (await countOf('scan_invalid', openid, window.key)) >= config.invalidScansPerHour;
  return paused ? new RateLimitedError(pausedMessage, secondsLeft(window, now)) : undefined;
}
