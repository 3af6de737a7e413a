/**
 * 数据看板 (README § Dashboards): a manager's store, or HQ's chain and each store side by side, for a
 * Shanghai business day, week (Monday–Sunday) or month. Every figure comes from pre-aggregated items
 * per store and day (and per week and month for the distinct-member counts), never from members or
 * bills: a dashboard costs days × stores reads.
 */
import * as z from 'zod/mini';
import { SEGMENTS } from '../segments';
import { BusinessDate, StoreId } from './common';

export const DashboardPeriod = z.enum(['day', 'week', 'month']);
export type DashboardPeriod = z.infer<typeof DashboardPeriod>;

export const DashboardQuery = z.object({
  period: z._default(DashboardPeriod, 'day'),
  /** Any Shanghai date inside the period (default: today); a date not on the calendar is refused (the period's arithmetic needs a real day). */
  date: z.optional(
    BusinessDate.check(
      z.refine((date) => {
        const at = Date.parse(`${date}T00:00:00Z`);
        return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === date;
      }, 'a date on the calendar'),
    ),
  ),
  /** HQ: one store only (default: the chain and every store); a manager: their own store (the default). */
  storeId: z.optional(StoreId),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** The figures of one scope (a store, or the chain) over the period. Money in fen; rates 0–1 (null: nothing to divide by). */
export const DashboardFigures = z.object({
  visits: z.int(),
  membersServed: z.int(),
  newMembers: z.int(),
  /** Members served in the period with 2 or more visits in the 30 days up to their visit. */
  repeatMembers: z.int(),
  repeatRate: z.nullable(z.number()),
  /** Visits by members whose first store is another one (for the chain: visits at a store other than the member's first). */
  crossStoreVisits: z.int(),
  crossStoreShare: z.nullable(z.number()),
  pointsIssued: z.int(),
  pointsRedeemed: z.int(),
  couponsIssued: z.int(),
  couponsRedeemed: z.int(),
  bookings: z.int(),
  noShows: z.int(),
  noShowRate: z.nullable(z.number()),
  ratings: z.int(),
  averageRating: z.nullable(z.number()),
  openFollowUps: z.int(),
  overdueFollowUps: z.int(),
});
export type DashboardFigures = z.infer<typeof DashboardFigures>;

/** One day of a trend line. */
export const DashboardTrendPoint = z.object({
  date: BusinessDate,
  visits: z.int(),
  membersServed: z.int(),
  pointsIssued: z.int(),
  pointsRedeemed: z.int(),
  couponsRedeemed: z.int(),
  bookings: z.int(),
  noShows: z.int(),
  averageRating: z.nullable(z.number()),
});
export type DashboardTrendPoint = z.infer<typeof DashboardTrendPoint>;

export const DashboardScope = z.object({
  /** null: the whole chain. */
  storeId: z.nullable(z.string()),
  name: z.string(),
  figures: DashboardFigures,
  /** Day by day over the period (a day's period: the 7 days up to it, for a line worth drawing). */
  trend: z.array(DashboardTrendPoint),
});
export type DashboardScope = z.infer<typeof DashboardScope>;

export const DashboardResponse = z.object({
  period: DashboardPeriod,
  from: BusinessDate,
  to: BusinessDate,
  /** HQ without storeId: the chain first, then each store; otherwise the one store. */
  scopes: z.array(DashboardScope),
  /** Chain-wide (HQ) or the manager's store's own templates and the chain's: issued and redeemed in the period. */
  templates: z.array(z.object({ templateId: z.string(), name: z.string(), issued: z.int(), redeemed: z.int(), redemptionRate: z.nullable(z.number()) })),
  /** Birthday and comeback campaigns: coupons issued in the period and how many of them were redeemed within 30 days. */
  campaigns: z.array(z.object({ campaignId: z.string(), name: z.string(), issued: z.int(), redeemedWithin30Days: z.int(), redemptionRate: z.nullable(z.number()) })),
  /** The points not yet spent, chain-wide, now (100 points = ¥1): the liability in fen. HQ only (null for a manager). */
  pointsOutstanding: z.nullable(z.object({ points: z.int(), liabilityFen: z.int() })),
  /** Members by segment, chain-wide, now. HQ only (empty for a manager). */
  segments: z.array(z.object({ segment: z.enum(SEGMENTS), members: z.int() })),
});
export type DashboardResponse = z.infer<typeof DashboardResponse>;
