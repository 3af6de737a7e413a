/**
 * Lifecycle segments, RFM scores and tags (PRODUCT.md § Lifecycle and segments). A visit is a
 * purchase or a checked-in booking; dates are Shanghai business dates. Thresholds are HQ's to set;
 * these are the defaults.
 */
import { addDays } from './dates';

export const SEGMENTS = ['new', 'active', 'at_risk', 'dormant', 'regular'] as const;
export type Segment = (typeof SEGMENTS)[number];

export interface SegmentRules {
  /** New: the first visit was within this many days. */
  newDays: number;
  /** Active: at least `activeVisits` visits within `activeDays`. */
  activeVisits: number;
  activeDays: number;
  /** At risk / dormant: no visit for this many days. */
  atRiskDays: number;
  dormantDays: number;
}

export const DEFAULT_SEGMENT_RULES: SegmentRules = { newDays: 30, activeVisits: 2, activeDays: 90, atRiskDays: 90, dormantDays: 180 };

export interface VisitHistory {
  firstVisitDate: string | null;
  lastVisitDate: string | null;
  /** Visits per Shanghai date, last 365 days. */
  visitDays: Record<string, number>;
  spend365Fen: number;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function visitsSince(history: VisitHistory, since: string): number {
  return Object.entries(history.visitDays).reduce((n, [date, count]) => (date >= since ? n + count : n), 0);
}

/**
 * Every member is in exactly one segment. Dormant and at-risk first (time without a visit), then new
 * (first visit recent), then active (frequent). A member who visits now and then is 'regular'; one
 * who has never visited counts as new until the new-member window after joining passes.
 */
export function segmentOf(history: VisitHistory, today: string, rules = DEFAULT_SEGMENT_RULES, joinedDate?: string): Segment {
  if (!history.lastVisitDate) {
    return joinedDate && daysBetween(joinedDate, today) > rules.newDays ? 'dormant' : 'new';
  }
  const idle = daysBetween(history.lastVisitDate, today);
  if (idle >= rules.dormantDays) return 'dormant';
  if (idle >= rules.atRiskDays) return 'at_risk';
  if (history.firstVisitDate && daysBetween(history.firstVisitDate, today) < rules.newDays) return 'new';
  if (visitsSince(history, addDays(today, -(rules.activeDays - 1))) >= rules.activeVisits) return 'active';
  return 'regular';
}

export interface Rfm {
  recency: number;
  frequency: number;
  monetary: number;
}

const score = (value: number, bounds: number[]) => 1 + bounds.filter((b) => value >= b).length;

/** 1–5 each: recency by days since the last visit, frequency by visits and monetary by spend (365 days). */
export function rfmOf(history: VisitHistory, today: string): Rfm {
  const idle = history.lastVisitDate ? daysBetween(history.lastVisitDate, today) : Infinity;
  return {
    // 0–14 days: 5, 15–30: 4, 31–90: 3, 91–180: 2, later or never: 1.
    recency: idle <= 14 ? 5 : idle <= 30 ? 4 : idle <= 90 ? 3 : idle <= 180 ? 2 : 1,
    frequency: score(visitsSince(history, addDays(today, -364)), [2, 4, 8, 16]),
    monetary: score(history.spend365Fen, [50_000, 100_000, 300_000, 500_000]),
  };
}

export const TAGS = ['multi_store', 'big_spender', 'frequent', 'booker', 'no_show_risk', 'lapsing'] as const;
export type Tag = (typeof TAGS)[number];

export const TAG_LABELS: Record<Tag, string> = {
  multi_store: '多店消费',
  big_spender: '高消费',
  frequent: '常客',
  booker: '爱预约',
  no_show_risk: '爽约风险',
  lapsing: '待唤醒',
};

export const SEGMENT_LABELS: Record<Segment, string> = {
  new: '新客',
  active: '活跃',
  at_risk: '流失风险',
  dormant: '沉睡',
  regular: '普通',
};

/** Tags staff and HQ target with; derived, never typed in by hand. */
export function tagsOf(input: { storesVisited: number; rfm: Rfm; bookingVisits: number; noShows: number; segment: Segment }): Tag[] {
  const tags: Tag[] = [];
  if (input.storesVisited >= 2) tags.push('multi_store');
  if (input.rfm.monetary >= 4) tags.push('big_spender');
  if (input.rfm.frequency >= 4) tags.push('frequent');
  if (input.bookingVisits >= 2) tags.push('booker');
  if (input.noShows >= 2) tags.push('no_show_risk');
  if (input.segment === 'at_risk' || input.segment === 'dormant') tags.push('lapsing');
  return tags;
}

/** Feb 29 birthdays are celebrated on Feb 28 in years without one. */
export function birthdaysCelebratedOn(date: string): string[] {
  const monthDay = date.slice(5);
  const year = Number(date.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return monthDay === '02-28' && !leap ? ['02-28', '02-29'] : [monthDay];
}
