import * as z from 'zod/mini';
import { TIERS } from '../tiers';
import { Booking } from './booking';
import { Cursor, Iso } from './common';

export const Tier = z.enum(TIERS);

/** Who the member is and where the card stands: in the login answer, and first in the card. */
export const MemberSummary = z.object({
  memberNo: z.string(),
  nickname: z.string(),
  tier: Tier,
  points: z.int(),
});
export type MemberSummary = z.infer<typeof MemberSummary>;

export const CardResponse = z.extend(MemberSummary, {
  spend365Fen: z.int(),
  nextTier: z.nullable(z.object({ tier: Tier, remainingFen: z.int() })),
  /** Coupons the member can use today (at some store). */
  usableCoupons: z.int(),
  /** The member's next booking at any store, or null. */
  nextBooking: z.nullable(Booking),
  /**
   * 待评价: the newest visit of the last 72 hours not rated yet (README § Ratings and follow-ups), or
   * null. The card always answers it; optional only so the card's other builders need not know it.
   */
  pendingRating: z.optional(z.nullable(z.object({ ref: z.string(), storeName: z.string(), at: Iso }))),
});
export type CardResponse = z.infer<typeof CardResponse>;

export const MemberCodeResponse = z.object({
  /** Text encoded in the QR code; staff scan it. */
  qr: z.string(),
  /** The same code as digits, for typing at the counter. */
  digits: z.string().check(z.regex(/^\d{16}$/)),
  expiresAt: Iso,
  /** When the app should fetch a fresh code (before expiresAt). */
  refreshAt: Iso,
});
export type MemberCodeResponse = z.infer<typeof MemberCodeResponse>;

// forfeit: the balance given up when a deleted member is erased (README § Deletion), so the ledger still sums to the balance (0).
export const LedgerReason = z.enum(['earn', 'spend', 'reverse_earn', 'reverse_spend', 'exchange', 'opening_balance', 'forfeit']);
export type LedgerReason = z.infer<typeof LedgerReason>;

export const LedgerEntry = z.object({
  id: z.string(),
  delta: z.int(),
  balanceAfter: z.int(),
  reason: LedgerReason,
  /** null for changes made outside a store (a points exchange in the mini-program). */
  storeId: z.nullable(z.string()),
  storeName: z.string(),
  receiptNo: z.nullable(z.string()),
  at: Iso,
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LedgerQuery = z.object({
  cursor: z.optional(Cursor),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

export const LedgerResponse = z.object({
  items: z.array(LedgerEntry),
  nextCursor: z.nullable(z.string()),
});
export type LedgerResponse = z.infer<typeof LedgerResponse>;
