import { addDays, shanghaiDate } from '../../shared/dates';
import { DEFAULT_SEGMENT_RULES, rfmOf, segmentOf, tagsOf, type Rfm, type Segment, type Tag, type VisitHistory } from '../../shared/segments';
import type { MemberRecord } from '../store/records';
import type { StatsChanges } from '../store/stats';
import { visitStats } from './dashboard';
import { spend365Fen } from './spend';

const WINDOW_DAYS = 365;

function historyOf(member: MemberRecord, now: number, spendDays = member.spendDays): VisitHistory {
  return {
    firstVisitDate: member.firstVisitAt ? shanghaiDate(Date.parse(member.firstVisitAt)) : null,
    lastVisitDate: member.lastVisitAt ? shanghaiDate(Date.parse(member.lastVisitAt)) : null,
    visitDays: member.visitDays ?? {},
    spend365Fen: spend365Fen({ spendDays }, now),
  };
}

/** Segment, RFM and tags as of now (time moves members on even without a write). */
export function segmentNow(member: MemberRecord, now = Date.now()): { segment: Segment; rfm: Rfm; tags: Tag[] } {
  const today = shanghaiDate(now);
  const history = historyOf(member, now);
  const segment = segmentOf(history, today, DEFAULT_SEGMENT_RULES, shanghaiDate(Date.parse(member.createdAt)));
  const rfm = rfmOf(history, today);
  const tags = tagsOf({ storesVisited: member.storesVisited?.length ?? 0, rfm, bookingVisits: member.bookingVisits ?? 0, noShows: member.noShowCount ?? 0, segment });
  return { segment, rfm, tags };
}

/**
 * The member's next lapse stage and the day they reach it, counted from their last visit; the
 * reactivation job picks them up that day (the store indexes members by `lapseDate`).
 */
export function nextLapse(lastVisitDate: string, stage: 'at_risk' | 'dormant'): Pick<MemberRecord, 'lapseStage' | 'lapseDate'> {
  const days = stage === 'at_risk' ? DEFAULT_SEGMENT_RULES.atRiskDays : DEFAULT_SEGMENT_RULES.dormantDays;
  return { lapseStage: stage, lapseDate: addDays(lastVisitDate, days) };
}

/** The fields that take a member out of the lapse stages (the store drops the index entry with them). */
export const NO_LAPSE = ['lapseStage', 'lapseDate'];

/**
 * What a visit (a purchase, or a checked-in booking) changes on the member, written in the visit's
 * own transaction: counts and dates, the 365-day visit days, stores visited, then segment, RFM and
 * tags, and the lapse index restarts from today (a new visit ends a dormant spell).
 */
export function visitChanges(
  member: MemberRecord,
  visit: { at: number; storeId: string; kind: 'purchase' | 'booking'; points: number; spendDays: Record<string, number> },
): {
  after: Pick<MemberRecord, 'points' | 'spendDays' | 'visitCount' | 'firstVisitAt' | 'lastVisitAt'>;
  extra: Record<string, unknown>;
  stats: StatsChanges;
  crossStore: boolean;
} {
  const atIso = new Date(visit.at).toISOString();
  const today = shanghaiDate(visit.at);
  const from = addDays(today, -(WINDOW_DAYS - 1));
  const visitDays: Record<string, number> = {};
  for (const [date, count] of Object.entries(member.visitDays ?? {})) if (date >= from) visitDays[date] = count;
  visitDays[today] = (visitDays[today] ?? 0) + 1;
  const storesVisited = [...new Set([...(member.storesVisited ?? []), visit.storeId])];
  const bookingVisits = (member.bookingVisits ?? 0) + (visit.kind === 'booking' ? 1 : 0);
  const next: MemberRecord = {
    ...member,
    spendDays: visit.spendDays,
    visitCount: (member.visitCount ?? 0) + 1,
    firstVisitAt: member.firstVisitAt ?? atIso,
    lastVisitAt: atIso,
    visitDays,
    storesVisited,
    bookingVisits,
  };
  const { segment, rfm, tags } = segmentNow(next, visit.at);
  // The dashboards' counters this visit moves, decided from the member as read (README § Dashboards).
  const figures = visitStats(member, { at: visit.at, storeId: visit.storeId, segmentAfter: segment });
  return {
    after: { points: visit.points, spendDays: visit.spendDays, visitCount: next.visitCount, firstVisitAt: next.firstVisitAt, lastVisitAt: atIso },
    extra: { visitDays, storesVisited, bookingVisits, segment, rfm, tags, ...nextLapse(today, 'at_risk'), ...figures.fields },
    stats: figures.stats,
    crossStore: figures.crossStore,
  };
}
