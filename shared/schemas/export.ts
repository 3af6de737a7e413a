/**
 * 导出我的数据 (PIPL art. 45): the member's copy of everything the chain keeps about them, as one JSON
 * document. Its schema is versioned (`schemaVersion`) and documented in docs/openapi.json through the
 * route that answers it. Never in it: WeChat's session_key (never stored), the table's keys, staff
 * names or ids, other members' data.
 */
import * as z from 'zod/mini';
import { Rating } from './ratings';
import { AccessLogEntry } from './audit';
import { Booking } from './booking';
import { Iso } from './common';
import { MemberCoupon } from './coupons';
import { LedgerReason, Tier } from './member';
import { SegmentName, TagName } from './pushes';

export const EXPORT_SCHEMA_VERSION = 1;

const StoreRef = { storeId: z.nullable(z.string()), storeName: z.string() };

export const ExportProfile = z.object({
  memberNo: z.string(),
  nickname: z.string(),
  /** The full phone (only the member ever sees it in full). */
  phone: z.nullable(z.string()),
  /** 'MM-DD' */
  birthday: z.nullable(z.string()),
  birthYear: z.nullable(z.int()),
  tier: Tier,
  points: z.int(),
  /** Paid in the last 365 days (fen): the tier's window. */
  spend365Fen: z.int(),
  visitCount: z.int(),
  bookingVisits: z.int(),
  noShowCount: z.int(),
  firstVisitAt: z.nullable(Iso),
  lastVisitAt: z.nullable(Iso),
  storesVisited: z.array(z.object(StoreRef)),
  createdAt: Iso,
});

/** What the member agreed to and switched off. `privacy*` fields appear as the profile keeps them. */
export const ExportConsents = z.object({
  privacyVersion: z.nullable(z.string()),
  privacyAgreedAt: z.nullable(Iso),
  /** Any other consent field the profile keeps (`privacy…`), as stored. */
  other: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

export const ExportPreferences = z.object({
  /** PIPL art. 24: no marketing pushes. */
  marketingOptOut: z.boolean(),
  /** PIPL art. 24: no segment-based targeting. */
  targetingOptOut: z.boolean(),
  lastMarketingPushAt: z.nullable(Iso),
});

export const ExportSubscriptions = z.object({
  /** One-time subscribe-message acceptances left, per purpose. */
  birthday: z.int(),
  reactivation: z.int(),
  bookingReminder: z.int(),
  /** The same credits by WeChat template id (any template, including retired ones). */
  byTemplate: z.record(z.string(), z.int()),
});

/** Segment and tags as staff see them at the counter (none when targeting is switched off). */
export const ExportStaffView = z.object({
  maskedPhone: z.nullable(z.string()),
  tier: Tier,
  segment: z.nullable(SegmentName),
  tags: z.array(TagName),
});

export const ExportLedgerEntry = z.object({
  id: z.string(),
  delta: z.int(),
  balanceAfter: z.int(),
  reason: LedgerReason,
  ...StoreRef,
  receiptNo: z.nullable(z.string()),
  checkoutId: z.nullable(z.string()),
  at: Iso,
});

/** A bill at a store (消费): amounts in fen, the coupons it used and issued, and its refund if any. */
export const ExportBill = z.object({
  checkoutId: z.string(),
  receiptNo: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  amountFen: z.int(),
  couponDiscountFen: z.int(),
  pointsSpent: z.int(),
  discountFen: z.int(),
  payableFen: z.int(),
  pointsEarned: z.int(),
  couponsUsed: z.array(z.object({ couponId: z.string(), name: z.string(), discountFen: z.int() })),
  couponsIssued: z.array(z.object({ couponId: z.string(), name: z.string() })),
  businessDate: z.string(),
  at: Iso,
  /** 退款: when the bill was reversed (null: it stands). */
  reversedAt: z.nullable(Iso),
});

export const ExportCoupon = z.extend(MemberCoupon, { usedCheckoutId: z.nullable(z.string()) });

export const ExportBooking = z.extend(Booking, { updatedAt: Iso, reminderSentAt: z.nullable(Iso) });

/** 到店: a purchase, or a checked-in booking (`ref`: the bill's or the booking's id). */
export const ExportVisit = z.object({
  kind: z.enum(['purchase', 'booking']),
  ref: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  amountFen: z.int(),
  at: Iso,
});

/** A marketing push a campaign made to the member (birthday, comeback), and what became of it. */
export const ExportPush = z.object({
  campaignId: z.string(),
  period: z.string(),
  state: z.string(),
  couponId: z.nullable(z.string()),
  at: Iso,
});

/**
 * A rating the member gave a visit (README § Ratings and follow-ups), as 我的评价 shows it: with
 * 门店已回复, the latest answer's time and outcome (never the staff's note or name).
 */
export const ExportRating = Rating;

/** A 重复会员 case the member's phone binding opened (the other member is not named). */
export const ExportDuplicateCase = z.object({
  caseId: z.string(),
  status: z.enum(['open', 'merged', 'rejected']),
  createdAt: Iso,
  requestedAt: z.nullable(Iso),
  note: z.nullable(z.string()),
  decidedAt: z.nullable(Iso),
  decisionNote: z.nullable(z.string()),
});

export const ExportDocument = z.object({
  schemaVersion: z.literal(EXPORT_SCHEMA_VERSION),
  /** +08:00 */
  exportedAt: Iso,
  profile: ExportProfile,
  consents: ExportConsents,
  preferences: ExportPreferences,
  subscriptions: ExportSubscriptions,
  staffView: ExportStaffView,
  /** 积分明细, oldest first. */
  ledger: z.array(ExportLedgerEntry),
  /** 消费, oldest first. */
  bills: z.array(ExportBill),
  coupons: z.array(ExportCoupon),
  bookings: z.array(ExportBooking),
  /** 到店, oldest first. */
  visits: z.array(ExportVisit),
  /** 访问记录: which store and role looked at or changed the record (never who), newest first. */
  accessLog: z.array(AccessLogEntry),
  pushes: z.array(ExportPush),
  /** 我的评价, oldest first. */
  ratings: z.array(ExportRating),
  duplicateCase: z.nullable(ExportDuplicateCase),
});
export type ExportDocument = z.infer<typeof ExportDocument>;
