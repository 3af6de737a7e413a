/**
 * 数据看板 (README § Dashboards): what each write adds to the counters (the first half), and the
 * figures a manager or HQ reads from them (the second half). Opening a dashboard reads only the
 * counter items of functions/store/stats.ts, the ratings' store-days and the open follow-ups: never
 * a member or a bill, so its cost is days × scopes × shards, whatever the chain's size.
 */
import { addDays, shanghaiDate } from '../../shared/dates';
import { SEGMENTS, type Segment } from '../../shared/segments';
import type { DashboardFigures, DashboardQuery, DashboardResponse, DashboardScope, DashboardTrendPoint } from '../../shared/schemas/dashboard';
import { BusinessRuleError, ForbiddenError } from '../lib/errors';
import { listCampaigns } from '../store/campaigns';
import { listTemplates } from '../store/coupons';
import { ratingStats } from '../store/ratings';
import type { MemberCouponRecord, MemberRecord, StaffRecord } from '../store/records';
import {
  CHAIN,
  POINTS_OUTSTANDING,
  StatsChanges,
  TOTAL,
  campaignIssued,
  campaignRedeemed,
  dayCounters,
  dayPeriod,
  mondayOf,
  monthPeriod,
  periodCounters,
  segmentCount,
  segmentMove,
  templateIssued,
  templateRedeemed,
  weekPeriod,
  type Counters,
} from '../store/stats';
import { openFollowUpFigures } from './follow-up-figures';
import { chainStores } from './stores';

// ---- what the writes add ---------------------------------------------------------------------------

/** A member created before it ever had a stored segment is counted as `new` (what segmentOf says of them). */
export const storedSegment = (member: Pick<MemberRecord, 'segment'>): Segment => member.segment ?? 'new';

/** The periods of the distinct-member counts, and the prefix of their attributes on the day item. */
const PERIODS: Array<[(date: string) => string, '' | 'week' | 'month']> = [
  [dayPeriod, ''],
  [weekPeriod, 'week'],
  [monthPeriod, 'month'],
];
const distinctAttribute = (prefix: '' | 'week' | 'month', figure: 'membersServed' | 'repeatMembers') =>
  prefix === '' ? figure : `${prefix}${figure[0]!.toUpperCase()}${figure.slice(1)}`;

/** The campaigns whose coupons are followed (issued → redeemed within 30 days), by coupon source. */
export const FOLLOWED_CAMPAIGNS = ['birthday', 'reactivation_at_risk', 'reactivation_dormant'] as const;
const CAMPAIGN_WINDOW_MS = 30 * 24 * 3600 * 1000;

/**
 * A visit (a bill, or a checked-in booking) at a store: the counters it moves and the member fields
 * that let the next visit decide its own exactly, written with the visit.
 *  - visits +1 (store and chain, the visit's Shanghai day);
 *  - membersServed +1 per period (day, week, month) in which this is the member's first visit at the
 *    scope: the date of their last visit there (`lastVisitByStore`, `lastVisitAt` for the chain) is
 *    in an earlier period;
 *  - repeatMembers +1 per period when the member had another visit at the scope in the 30 days up to
 *    this one (the last visit there is within 29 days before) and no repeat of theirs was counted in
 *    that period yet (`lastRepeatByStore`);
 *  - newMembers (store) +1 on the member's first visit ever (the chain counts member creation);
 *  - crossStoreVisits +1 when the member's first store is another one.
 * Members from before these fields existed have no per-store dates: their first visit at a store
 * after the release counts them served there once more that day/week/month (README § Dashboards).
 */
export function visitStats(
  member: MemberRecord,
  visit: { at: number; storeId: string; segmentAfter: Segment },
): { stats: StatsChanges; fields: Pick<MemberRecord, 'firstStoreId' | 'lastVisitByStore' | 'lastRepeatByStore'>; crossStore: boolean } {
  const today = shanghaiDate(visit.at);
  const stats = new StatsChanges();
  const lastRepeatByStore = { ...(member.lastRepeatByStore ?? {}) };
  const lastChain = member.lastVisitAt ? shanghaiDate(Date.parse(member.lastVisitAt)) : undefined;
  const scopes: Array<[string, string | undefined]> = [
    [visit.storeId, member.lastVisitByStore?.[visit.storeId]],
    [CHAIN, lastChain],
  ];
  for (const [scope, last] of scopes) {
    stats.add(scope, dayPeriod(today), 'visits');
    const repeat = last !== undefined && last >= addDays(today, -29);
    const lastRepeat = lastRepeatByStore[scope];
    // Each period's first is counted on the day it happens (`week…`/`month…` attributes of the day
    // item): the week's distinct members are then the sum of its days' `weekMembersServed`.
    for (const [periodOf, prefix] of PERIODS) {
      const period = periodOf(today);
      if (last === undefined || periodOf(last) !== period) stats.add(scope, dayPeriod(today), distinctAttribute(prefix, 'membersServed'));
      if (repeat && (lastRepeat === undefined || periodOf(lastRepeat) !== period)) stats.add(scope, dayPeriod(today), distinctAttribute(prefix, 'repeatMembers'));
    }
    if (repeat) lastRepeatByStore[scope] = today;
  }
  const firstVisit = (member.visitCount ?? 0) === 0 && !member.firstVisitAt;
  if (firstVisit) stats.add(visit.storeId, dayPeriod(today), 'newMembers');
  const firstStoreId = member.firstStoreId ?? member.storesVisited?.[0] ?? visit.storeId;
  const crossStore = firstStoreId !== visit.storeId;
  if (crossStore) stats.addDay(visit.storeId, today, 'crossStoreVisits');
  segmentMove(stats, storedSegment(member), visit.segmentAfter);
  return {
    stats,
    fields: { firstStoreId, lastVisitByStore: { ...(member.lastVisitByStore ?? {}), [visit.storeId]: today }, lastRepeatByStore },
    crossStore,
  };
}

/** A coupon issued: couponsIssued and its template (the chain, and the store it was issued for), and its campaign by issue day. */
export function couponIssuedStats(stats: StatsChanges, coupon: Pick<MemberCouponRecord, 'templateId' | 'source' | 'issuedAt'>, storeId: string | null, n = 1): StatsChanges {
  const date = shanghaiDate(Date.parse(coupon.issuedAt));
  stats.addDay(storeId, date, 'couponsIssued', n).addDay(storeId, date, templateIssued(coupon.templateId), n);
  if ((FOLLOWED_CAMPAIGNS as readonly string[]).includes(coupon.source)) stats.add(CHAIN, dayPeriod(date), campaignIssued(coupon.source), n);
  return stats;
}

/** The campaign a coupon redeemed at `at` counts for: a followed campaign's, within 30 days of issue. */
export function campaignOfRedemption(coupon: Pick<MemberCouponRecord, 'source' | 'issuedAt'>, at: number): { campaignId: string; issueDate: string } | undefined {
  if (!(FOLLOWED_CAMPAIGNS as readonly string[]).includes(coupon.source)) return undefined;
  const issued = Date.parse(coupon.issuedAt);
  if (at - issued > CAMPAIGN_WINDOW_MS) return undefined;
  return { campaignId: coupon.source, issueDate: shanghaiDate(issued) };
}

/** A coupon redeemed (n = 1) on a bill, or given back by its refund (n = −1): counted on the bill's day. */
export function couponRedeemedStats(
  stats: StatsChanges,
  used: { templateId: string; campaign?: { campaignId: string; issueDate: string } },
  storeId: string,
  date: string,
  n = 1,
): StatsChanges {
  stats.addDay(storeId, date, 'couponsRedeemed', n).addDay(storeId, date, templateRedeemed(used.templateId), n);
  if (used.campaign) stats.add(CHAIN, dayPeriod(used.campaign.issueDate), campaignRedeemed(used.campaign.campaignId), n);
  return stats;
}

/** Points earned and spent on a bill (a refund: n = −1), on the bill's day, and the chain's outstanding points. */
export function pointsStats(stats: StatsChanges, storeId: string, date: string, points: { earned: number; spent: number }, n = 1): StatsChanges {
  return stats
    .addDay(storeId, date, 'pointsIssued', n * points.earned)
    .addDay(storeId, date, 'pointsRedeemed', n * points.spent)
    .addTotal(POINTS_OUTSTANDING, n * (points.earned - points.spent));
}

// ---- reading -----------------------------------------------------------------------------------

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const n = (counters: Counters | undefined, attribute: string) => counters?.[attribute] ?? 0;

/** The Shanghai dates of the period holding `date`: a day, its week (Monday–Sunday), its calendar month. */
export function periodBounds(period: DashboardQuery['period'], date: string): { from: string; to: string } {
  if (period === 'day') return { from: date, to: date };
  if (period === 'week') {
    const from = mondayOf(date);
    return { from, to: addDays(from, 6) };
  }
  const from = `${date.slice(0, 7)}-01`;
  const nextMonth = addDays(`${date.slice(0, 7)}-28`, 4).slice(0, 7);
  return { from, to: addDays(`${nextMonth}-01`, -1) };
}

function datesFrom(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  return dates;
}

/** Who reads which stores: a manager their own (another: other_store); HQ the chain and every store, or one. */
async function scopeOf(staff: StaffRecord, storeId: string | undefined): Promise<{ chain: boolean; storeIds: string[]; names: Map<string, string> }> {
  const stores = await chainStores();
  const names = new Map(stores.map((s) => [s.id, s.name]));
  if (staff.role === 'hq') {
    if (storeId === undefined) return { chain: true, storeIds: stores.map((s) => s.id), names };
    if (!names.has(storeId)) throw new BusinessRuleError('unknown_store', `No such store: ${storeId}`, [{ field: 'storeId', message: `unknown store ${storeId}` }]);
    return { chain: false, storeIds: [storeId], names };
  }
  if (staff.role !== 'manager' || !staff.storeId) throw new ForbiddenError('not_manager', 'Only a store manager or HQ reads the dashboard');
  if (storeId !== undefined && storeId !== staff.storeId) throw new ForbiddenError('other_store', 'A manager reads their own store’s dashboard only');
  return { chain: false, storeIds: [staff.storeId], names };
}

function figuresOf(sum: Counters, period: DashboardQuery['period'], rating: { count: number; sum: number }, followUps: { open: number; overdue: number }): DashboardFigures {
  const prefix = period === 'day' ? '' : period;
  const membersServed = n(sum, distinctAttribute(prefix, 'membersServed'));
  const repeatMembers = n(sum, distinctAttribute(prefix, 'repeatMembers'));
  const visits = n(sum, 'visits');
  const crossStoreVisits = n(sum, 'crossStoreVisits');
  const bookings = n(sum, 'bookings');
  const noShows = n(sum, 'noShows');
  return {
    visits,
    membersServed,
    newMembers: n(sum, 'newMembers'),
    repeatMembers,
    repeatRate: rate(repeatMembers, membersServed),
    crossStoreVisits,
    crossStoreShare: rate(crossStoreVisits, visits),
    pointsIssued: n(sum, 'pointsIssued'),
    pointsRedeemed: n(sum, 'pointsRedeemed'),
    couponsIssued: n(sum, 'couponsIssued'),
    couponsRedeemed: n(sum, 'couponsRedeemed'),
    bookings,
    noShows,
    noShowRate: rate(noShows, bookings),
    ratings: rating.count,
    averageRating: rating.count > 0 ? rating.sum / rating.count : null,
    openFollowUps: followUps.open,
    overdueFollowUps: followUps.overdue,
  };
}

function sumDays(days: Map<string, Counters>, from: string, to: string): Counters {
  const total: Counters = {};
  for (const [date, counters] of days) {
    if (date < from || date > to) continue;
    for (const [attribute, value] of Object.entries(counters)) total[attribute] = (total[attribute] ?? 0) + value;
  }
  return total;
}

const CAMPAIGN_NAMES: Record<string, string> = { birthday: '生日礼', reactivation_at_risk: '唤醒(流失预警)', reactivation_dormant: '唤醒(沉睡)' };

/**
 * The dashboard of a period: per scope one Query of its days (the trend's days, which cover the
 * period; the week's and month's distinct members are day attributes too), one BatchGet of the
 * chain's totals (HQ), one BatchGet of the ratings' store-days, and the open follow-ups: the chain's
 * open queue (one Query) for HQ's chain view, else one Query of the store's own links.
 */
export async function dashboard(staff: StaffRecord, query: DashboardQuery, now = Date.now()): Promise<DashboardResponse> {
  const date = query.date ?? shanghaiDate(now);
  const { from, to } = periodBounds(query.period, date);
  const trendFrom = query.period === 'day' ? addDays(to, -6) : from;
  const trendDates = datesFrom(trendFrom, to);
  const { chain, storeIds, names } = await scopeOf(staff, query.storeId);
  const scopes = chain ? [CHAIN, ...storeIds] : storeIds;
  const hq = staff.role === 'hq';

  const [days, totals, ratings, openFollowUps, templates, campaigns] = await Promise.all([
    Promise.all(scopes.map((scope) => dayCounters(scope, trendFrom, to))),
    hq ? periodCounters([CHAIN], TOTAL) : Promise.resolve(null),
    ratingStats(storeIds, trendDates),
    openFollowUpFigures(scopes, chain ? CHAIN : null, now),
    listTemplates(),
    hq ? listCampaigns() : Promise.resolve([]),
  ]);

  const ratingOf = (scope: string, dates: string[]) => {
    const wanted = new Set(dates);
    const rows = ratings.filter((r) => (scope === CHAIN || r.storeId === scope) && wanted.has(r.date));
    return { count: rows.reduce((s, r) => s + r.count, 0), sum: rows.reduce((s, r) => s + r.sum, 0) };
  };
  const followUpsOf = (scope: string) => openFollowUps.get(scope) ?? { open: 0, overdue: 0 };

  const scopeViews: DashboardScope[] = scopes.map((scope, i) => {
    const byDay = days[i]!;
    const sum = sumDays(byDay, from, to);
    const trend: DashboardTrendPoint[] = trendDates.map((d) => {
      const c = byDay.get(d);
      const r = ratingOf(scope, [d]);
      return {
        date: d,
        visits: n(c, 'visits'),
        membersServed: n(c, 'membersServed'),
        pointsIssued: n(c, 'pointsIssued'),
        pointsRedeemed: n(c, 'pointsRedeemed'),
        couponsRedeemed: n(c, 'couponsRedeemed'),
        bookings: n(c, 'bookings'),
        noShows: n(c, 'noShows'),
        averageRating: r.count > 0 ? r.sum / r.count : null,
      };
    });
    return {
      storeId: scope === CHAIN ? null : scope,
      name: scope === CHAIN ? '全部门店' : (names.get(scope) ?? scope),
      figures: figuresOf(sum, query.period, ratingOf(scope, datesFrom(from, to)), followUpsOf(scope)),
      trend,
    };
  });

  // Templates: the first scope's (the chain for HQ, else the store's) per-template counters over the period.
  const own = sumDays(days[0]!, from, to);
  const templateNames = new Map(templates.map((t) => [t.templateId, t.name]));
  const templateIds = new Set(
    Object.keys(own)
      .filter((a) => a.startsWith('ti_') || a.startsWith('tr_'))
      .map((a) => a.slice(3)),
  );
  const templateRows = [...templateIds]
    .map((templateId) => {
      const issued = n(own, templateIssued(templateId));
      const redeemed = n(own, templateRedeemed(templateId));
      return { templateId, name: templateNames.get(templateId) ?? templateId, issued, redeemed, redemptionRate: rate(redeemed, issued) };
    })
    .filter((t) => t.issued !== 0 || t.redeemed !== 0)
    .sort((a, b) => b.issued - a.issued || a.templateId.localeCompare(b.templateId));

  // Campaigns (HQ): issued in the period, and of those, redeemed within 30 days (counted on the issue day).
  let campaignRows: DashboardResponse['campaigns'] = [];
  if (hq) {
    const chainDays = chain ? days[0]! : await dayCounters(CHAIN, from, to);
    const chainSum = sumDays(chainDays, from, to);
    const known = new Map(campaigns.map((c) => [c.campaignId as string, c.name]));
    campaignRows = FOLLOWED_CAMPAIGNS.map((campaignId) => {
      const issued = n(chainSum, campaignIssued(campaignId));
      const redeemedWithin30Days = n(chainSum, campaignRedeemed(campaignId));
      return { campaignId, name: known.get(campaignId) ?? CAMPAIGN_NAMES[campaignId]!, issued, redeemedWithin30Days, redemptionRate: rate(redeemedWithin30Days, issued) };
    });
  }

  const total = totals?.get(CHAIN) ?? {};
  const points = n(total, POINTS_OUTSTANDING);
  return {
    period: query.period,
    from,
    to,
    scopes: scopeViews,
    templates: templateRows,
    campaigns: campaignRows,
    // 100 points = ¥1 = 100 fen: the liability in fen is the points.
    pointsOutstanding: hq ? { points, liabilityFen: points } : null,
    segments: hq ? SEGMENTS.map((segment) => ({ segment, members: n(total, segmentCount(segment)) })) : [],
  };
}
