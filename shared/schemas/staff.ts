import * as z from 'zod/mini';
import { BusinessDate, Iso, StoreId } from './common';
import { Booking, BookingId } from './booking';
import { CouponId, MemberCoupon } from './coupons';
import { Tier } from './member';
import { SegmentName, TagName } from './pushes';

/** Enough to serve the customer, nothing more (PRODUCT.md § Staff and permissions). */
export const StaffMemberView = z.object({
  memberNo: z.string(),
  nickname: z.string(),
  maskedPhone: z.nullable(z.string()),
  tier: Tier,
  points: z.int(),
  /** Lifecycle segment and tags; null and [] when the member switched targeting off. */
  segment: z.nullable(SegmentName),
  tags: z.array(TagName),
});
export type StaffMemberView = z.infer<typeof StaffMemberView>;

export const OpenVisitRequest = z.object({
  /** Either the QR text or the 16 digits (spaces allowed) shown on the member's card. */
  code: z.string().check(z.minLength(1), z.maxLength(256)),
});
export type OpenVisitRequest = z.infer<typeof OpenVisitRequest>;

/**
 * A mainland mobile number as the clerk types it (报手机号积分): all 11 digits, nothing else — no
 * +86, spaces or dashes, and never a partial number (lookups are by the full number only).
 */
export const MainlandMobile = z.string().check(z.regex(/^1[3-9]\d{9}$/, 'the full 11-digit mainland mobile number (1[3-9] and 9 more digits)'));

export const PhoneVisitRequest = z.object({
  phone: MainlandMobile,
  /** Only used when the phone registers a new walk-in member (an existing member keeps theirs). */
  nickname: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(20))),
});
export type PhoneVisitRequest = z.infer<typeof PhoneVisitRequest>;

/** Visit and checkout ids are opaque to clients; bounded so a typo or an attack stays small. */
export const VisitId = z.string().check(z.minLength(1), z.maxLength(64));
export const CheckoutId = z.string().check(z.minLength(1), z.maxLength(64));
export const VisitPath = z.object({ visitId: VisitId });
export const CheckoutPath = z.object({ checkoutId: CheckoutId });
export const CheckInPath = z.object({ visitId: VisitId, bookingId: BookingId });

export const VisitResponse = z.object({
  visitId: z.string(),
  storeId: z.string(),
  expiresAt: Iso,
  member: StaffMemberView,
  /** The member's coupons usable at this store today (minimum spend is checked per bill). */
  coupons: z.array(MemberCoupon),
  /** The member's upcoming bookings at every store of the chain. */
  bookings: z.array(Booking),
});
export type VisitResponse = z.infer<typeof VisitResponse>;

/** A visit opened by phone: `registered` says the phone just registered a new walk-in member. */
export const PhoneVisitResponse = z.extend(VisitResponse, { registered: z.boolean() });
export type PhoneVisitResponse = z.infer<typeof PhoneVisitResponse>;

/** ¥1,000,000 is far above any counter bill; larger amounts are typing mistakes. */
export const MAX_BILL_FEN = 100_000_000;

export const CheckoutRequest = z.object({
  receiptNo: z.string().check(z.trim(), z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_\-/#.]+$/, 'letters, digits and - _ / # . only')),
  amountFen: z.int().check(z.minimum(1), z.maximum(MAX_BILL_FEN)),
  redeemPoints: z._default(z.int().check(z.minimum(0), z.maximum(MAX_BILL_FEN)), 0),
  /** Coupons to apply: one per bill unless every one of them stacks. */
  couponIds: z._default(
    z.array(CouponId).check(
      z.maxLength(5),
      z.refine((ids) => new Set(ids).size === ids.length, 'a coupon is listed twice'),
    ),
    [],
  ),
});
export type CheckoutRequest = z.input<typeof CheckoutRequest>;

export const IssuedCouponSummary = z.object({
  couponId: z.string(),
  name: z.string(),
  description: z.string(),
  storeNames: z.nullable(z.array(z.string())),
  validTo: z.string(),
});
export type IssuedCouponSummary = z.infer<typeof IssuedCouponSummary>;

export const CheckoutResponse = z.object({
  checkoutId: z.string(),
  /** The bill as rung up, and when (Shanghai time): what the result screen and a receipt print. */
  receiptNo: z.string(),
  amountFen: z.int(),
  at: Iso,
  /** Coupons first, then points, then points are earned on what is paid. */
  couponDiscountFen: z.int(),
  couponsUsed: z.array(z.object({ couponId: z.string(), name: z.string(), discountFen: z.int() })),
  pointsSpent: z.int(),
  discountFen: z.int(),
  payableFen: z.int(),
  pointsEarned: z.int(),
  balance: z.int(),
  /** Coupons this bill earned (cross-store rules), e.g. for the member's next visit at another store. */
  issuedCoupons: z.array(IssuedCouponSummary),
});
export type CheckoutResponse = z.infer<typeof CheckoutResponse>;

export const ReverseResponse = z.object({
  checkoutId: z.string(),
  pointsRestored: z.int(),
  pointsClawedBack: z.int(),
  balance: z.int(),
  /** Coupons used on the bill that are usable again (those still within their validity). */
  couponsRestored: z.array(z.string()),
  /** Unused coupons the bill had earned (cross-store rules), taken back. */
  couponsWithdrawn: z.array(z.string()),
});
export type ReverseResponse = z.infer<typeof ReverseResponse>;

/** GET /v1/staff/checkouts?date=&storeId= — a store's bills of a business day (its manager; HQ any store). */
export const StoreCheckoutsQuery = z.object({ date: BusinessDate, storeId: z.optional(StoreId) });

/** One bill as the store’s manager sees it: what happened and who did it; nothing about the member (a list is not a visit). */
export const StoreCheckout = z.object({
  checkoutId: z.string(),
  at: Iso,
  receiptNo: z.string(),
  staffName: z.string(),
  amountFen: z.int(),
  couponDiscountFen: z.int(),
  pointsSpent: z.int(),
  payableFen: z.int(),
  pointsEarned: z.int(),
  couponsUsed: z.array(z.string()),
  couponsIssued: z.array(z.string()),
  reversal: z.nullable(z.object({ at: Iso, staffName: z.string() })),
});
export type StoreCheckout = z.infer<typeof StoreCheckout>;
export const StoreCheckoutsResponse = z.object({ storeId: z.string(), date: z.string(), items: z.array(StoreCheckout) });
export type StoreCheckoutsResponse = z.infer<typeof StoreCheckoutsResponse>;
