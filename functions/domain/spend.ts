import { addDays, shanghaiDate } from '../../shared/dates';
import { tierForSpend, type Tier } from '../../shared/tiers';
import type { MemberRecord } from '../store/records';

/** The tier window: spend on business dates within the last 365 days, today included. */
const TIER_WINDOW_DAYS = 365;

function windowStart(today: string): string {
  return addDays(today, -(TIER_WINDOW_DAYS - 1));
}

export function spend365Fen(member: Pick<MemberRecord, 'spendDays'>, now = Date.now()): number {
  const from = windowStart(shanghaiDate(now));
  return Object.entries(member.spendDays ?? {}).reduce((sum, [date, fen]) => (date >= from ? sum + fen : sum), 0);
}

export function tierOf(member: Pick<MemberRecord, 'spendDays'>, now = Date.now()): Tier {
  return tierForSpend(spend365Fen(member, now));
}

/** Adds (or with a negative amount, removes) spend on a date, dropping days outside the window. */
export function withSpend(spendDays: Record<string, number>, date: string, fen: number, now = Date.now()): Record<string, number> {
  const from = windowStart(shanghaiDate(now));
  const next: Record<string, number> = {};
  for (const [day, amount] of Object.entries(spendDays ?? {})) if (day >= from) next[day] = amount;
  if (date >= from) {
    const amount = (next[date] ?? 0) + fen;
    if (amount > 0) next[date] = amount;
    else delete next[date];
  }
  return next;
}
