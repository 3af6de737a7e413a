/** The shapes stored in the table (without their keys). Domain code works with these. */
import type { CouponTerms, Validity } from '../../shared/coupons';
import type { CouponSource, MemberCouponStatus, ObtainedBy, TemplateStatus } from '../../shared/schemas/coupons';
import type { LedgerReason } from '../../shared/schemas/member';
import type { Rfm, Segment, Tag } from '../../shared/segments';
import type { StaffRole } from '../../shared/schemas/auth';
import type { OpeningHours } from '../../shared/schemas/stores';

export interface MemberRecord {
  memberId: string;
  memberNo: string;
  nickname: string;
  openid?: string;
  unionid?: string;
  /**
   * The phone, sealed (README § Encryption): the clear number leaves the server only to the member
   * themself (profile, export). `phoneIndex` is its keyed hash, the key of the phone claim and of
   * every lookup; `phoneMasked` (138****1234) is what staff see, kept so showing it needs no key.
   */
  phoneSealed?: string;
  phoneIndex?: string;
  phoneMasked?: string;
  points: number;
  /** Optimistic lock: every change of points or history is conditioned on the version it read. */
  version: number;
  /** Paid amount (fen) per Shanghai business date, last 365 days only: the tier's rolling window. */
  spendDays: Record<string, number>;
  visitCount: number;
  firstVisitAt?: string;
  lastVisitAt?: string;
  createdAt: string;
  /** Epoch seconds: a first login's member until its first agreement to the privacy notice (store/pending-members.ts). */
  ttl?: number;
  /** Visits per Shanghai date (last 365 days), stores visited and checked-in bookings: for segments. */
  visitDays?: Record<string, number>;
  storesVisited?: string[];
  bookingVisits?: number;
  segment?: Segment;
  /**
   * For the dashboards' distinct-member counts (README § Dashboards), kept by every visit: the
   * store of the member's first visit, the Shanghai date of the last visit per store, and the date
   * of the last visit that counted as a repeat, per store and `CHAIN`.
   */
  firstStoreId?: string;
  lastVisitByStore?: Record<string, string>;
  lastRepeatByStore?: Record<string, string>;
  rfm?: Rfm;
  tags?: Tag[];
  /** The next lapse stage the daily job picks up (indexed by its date in gsi3). */
  lapseStage?: 'at_risk' | 'dormant';
  lapseDate?: string;
  /** 'MM-DD' (indexed in gsi2); the year is kept apart and never shown to staff. */
  birthday?: string;
  /** The birth year, sealed like the phone (never shown to staff). */
  birthYearSealed?: string;
  /** One-time subscribe-message acceptances, `credit_<templateId>`: each allows one send. */
  [credit: `credit_${string}`]: number | undefined;
  /** PIPL art. 24: marketing pushes and segment-based targeting can be switched off. */
  marketingOptOut?: boolean;
  targetingOptOut?: boolean;
  lastMarketingPushAt?: string;
  /** Optimistic lock of the member's bookings: every booking or move is conditioned on it. */
  bookingVersion?: number;
  noShowCount?: number;
  /** Set once the welcome rules have run for this member (they are idempotent on their own). */
  welcomeDoneAt?: string;
  /** A merged member (README § Merging): the survivor it leads to, and how far the merge has got. */
  mergedInto?: string;
  mergeState?: 'moving' | 'done';
  merge?: MergeRecord;
  /** On a survivor while a merge into it is moving: changes of its balance finish the merge first. */
  mergeLock?: string;
  /** The member's open 重复会员 case (a phone bound to another WeChat member), for their help request. */
  duplicateCaseId?: string;
}

/** Why two members became one, and what the first transaction moved: kept on the absorbed member. */
export interface MergeRecord {
  survivorId: string;
  survivorMemberNo: string;
  absorbedMemberNo: string;
  reason: 'phone_binding' | 'duplicate_case';
  /** The absorbed member's balance when the merge started: the points the survivor gains. */
  pointsMoved: number;
  startedAt: string;
  finishedAt?: string;
}

/** A phone as stored: sealed, its keyed hash and its masked form (functions/domain/personal-data.ts). */
export interface SealedPhone {
  phoneSealed: string;
  phoneIndex: string;
  phoneMasked: string;
}

export interface StoreRecord {
  storeId: string;
  name: string;
  city: string;
  district: string;
  address: string;
  phone: string;
  openingHours: OpeningHours[];
  /** Booking schedule (defaults in shared/booking.ts when absent). */
  closedDates?: string[];
  slotMinutes?: number;
  minNoticeMinutes?: number;
  horizonDays?: number;
}

export interface StaffRecord {
  staffId: string;
  openid: string;
  name: string;
  role: StaffRole;
  /** null for HQ admins. */
  storeId: string | null;
  disabled: boolean;
  /**
   * Bumped whenever the account's rights shrink or move (disabled, role or store changed): visits
   * opened under an older version stop working. Absent on accounts never changed (= 0).
   */
  rightsVersion?: number;
  /** Set when the account was created from an invite. */
  joinedAt?: string;
  inviteCode?: string;
  /** The last staff request, written at most once an hour (functions/domain/staff.ts). */
  lastActiveAt?: string;
}

export interface InviteRecord {
  code: string;
  name: string;
  role: StaffRole;
  storeId: string | null;
  /** The inviter's staff id. */
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  /** 'expired' is never stored: it is an open invite past expiresAt. */
  status: 'open' | 'used' | 'revoked';
  usedByOpenid?: string;
  usedByStaffId?: string;
  usedAt?: string;
  revokedBy?: string;
  revokedAt?: string;
}

export interface VisitRecord {
  visitId: string;
  memberId: string;
  storeId: string;
  staffId: string;
  /** The opener's openid and rights version: the visit stops when their rights change (disabled, moved). */
  staffOpenid?: string;
  staffRightsVersion?: number;
  openedAt: string;
  expiresAt: string;
}

export interface CheckoutRecord {
  checkoutId: string;
  memberId: string;
  storeId: string;
  staffId: string;
  /** The clerk's name at the time, for the store's list of bills. */
  staffName?: string;
  visitId: string;
  receiptNo: string;
  amountFen: number;
  pointsSpent: number;
  discountFen: number;
  payableFen: number;
  pointsEarned: number;
  couponDiscountFen: number;
  /** Coupons used on the bill, with their template (for the redemption count). */
  couponsUsed: Array<{
    couponId: string;
    templateId: string;
    name: string;
    discountFen: number;
    validTo: string;
    /** A birthday or comeback coupon redeemed within 30 days of its issue: counted for its campaign on the issue day (a refund takes it back). */
    campaign?: { campaignId: string; issueDate: string };
  }>;
  /** Coupons the bill earned (cross-store rules), withdrawn by a refund. Absent on bills from before it was kept. */
  couponsIssued?: Array<{ couponId: string; templateId: string; name: string }>;
  /** Shanghai business date the spend counted on (for the tier window). */
  businessDate: string;
  at: string;
  /** The dashboards counted this bill as a cross-store visit (the member's first store is another): a refund takes it back. */
  crossStore?: boolean;
}

export interface CheckoutReversalRecord {
  checkoutId: string;
  staffId: string;
  staffName?: string;
  at: string;
}

export interface LedgerRecord {
  entryId: string;
  memberId: string;
  delta: number;
  balanceAfter: number;
  reason: LedgerReason;
  /** null: not at a store (a points exchange in the mini-program). */
  storeId: string | null;
  staffId: string | null;
  receiptNo: string | null;
  checkoutId: string | null;
  at: string;
}

export interface DemoAccountRecord {
  role: 'member' | 'clerk' | 'manager' | 'hq';
  name: string;
  openid: string;
  storeId: string | null;
}

export interface CouponTemplateRecord extends CouponTerms {
  templateId: string;
  name: string;
  itemName: string | null;
  validity: Validity;
  /** null: unlimited; otherwise `remaining` counts down and never below 0. */
  stock: number | null;
  remaining: number | null;
  perMemberLimit: number;
  obtainedBy: ObtainedBy;
  pointsCost: number | null;
  status: TemplateStatus;
  ownerStoreId: string | null;
  issuedCount: number;
  redeemedCount: number;
  createdBy: string;
  createdAt: string;
  /** HQ allows it as a goodwill coupon a manager may give when closing a follow-up (absent: no). */
  goodwill?: boolean;
}

/** An issued coupon: a snapshot of the template's terms, so later template edits change nothing. */
export interface MemberCouponRecord extends CouponTerms {
  couponId: string;
  memberId: string;
  templateId: string;
  name: string;
  itemName: string | null;
  validFrom: string;
  validTo: string;
  /** 'expired' is never stored: it is an available coupon past validTo. */
  status: Exclude<MemberCouponStatus, 'expired'>;
  source: CouponSource;
  issuedAt: string;
  /** What issued it (checkout id for cross-store, rule id, …). */
  issuedBy: string | null;
  usedAt: string | null;
  usedStoreId: string | null;
  usedCheckoutId: string | null;
}

export type IssueRuleRecord =
  | { ruleId: string; kind: 'welcome'; templateId: string; active: boolean; createdAt: string }
  | {
      ruleId: string;
      kind: 'cross_store';
      templateId: string;
      fromStoreId: string;
      minSpendFen: number;
      /** null: every store but fromStoreId. */
      toStoreIds: string[] | null;
      active: boolean;
      createdAt: string;
    };

export interface ServiceRecord {
  serviceId: string;
  name: string;
  durationMinutes: number;
  priceFen: number;
  capacityByStore: Record<string, number>;
  active: boolean;
  createdAt: string;
}

export interface BookingRecord {
  bookingId: string;
  memberId: string;
  memberNo: string;
  nickname: string;
  storeId: string;
  serviceId: string;
  serviceName: string;
  /** Shanghai date and 'HH:MM' of the start; startAt/endAt are instants (ISO, UTC). */
  date: string;
  time: string;
  startAt: string;
  endAt: string;
  /** The grid cells holding this booking's seat, for release on cancel or move. */
  cells: string[];
  status: 'booked' | 'cancelled' | 'checked_in' | 'no_show';
  version: number;
  movedFrom: string[];
  /** For the reminder job (README § Segments and pushes): when to remind and whether the member agreed to it. */
  remindAt: string;
  reminderAccepted: boolean;
  reminderSentAt?: string;
  createdAt: string;
  updatedAt: string;
}
