/** The shapes stored in the table (without their keys). Domain code works with these. */
import type { LedgerReason } from '../../shared/schemas/member';
import type { StaffRole } from '../../shared/schemas/auth';
import type { OpeningHours } from '../../shared/schemas/stores';

export interface MemberRecord {
  memberId: string;
  memberNo: string;
  nickname: string;
  openid?: string;
  unionid?: string;
  /** Full phone: never leaves the server except to the member themself. */
  phone?: string;
  points: number;
  /** Optimistic lock: every change of points or history is conditioned on the version it read. */
  version: number;
  /** Paid amount (fen) per Shanghai business date, last 365 days only: the tier's rolling window. */
  spendDays: Record<string, number>;
  visitCount: number;
  firstVisitAt?: string;
  lastVisitAt?: string;
  createdAt: string;
}

export interface StoreRecord {
  storeId: string;
  name: string;
  city: string;
  district: string;
  address: string;
  phone: string;
  openingHours: OpeningHours[];
}

export interface StaffRecord {
  staffId: string;
  openid: string;
  name: string;
  role: StaffRole;
  /** null for HQ admins. */
  storeId: string | null;
  disabled: boolean;
}

export interface VisitRecord {
  visitId: string;
  memberId: string;
  storeId: string;
  staffId: string;
  openedAt: string;
  expiresAt: string;
}

export interface CheckoutRecord {
  checkoutId: string;
  memberId: string;
  storeId: string;
  staffId: string;
  visitId: string;
  receiptNo: string;
  amountFen: number;
  pointsSpent: number;
  discountFen: number;
  payableFen: number;
  pointsEarned: number;
  /** Shanghai business date the spend counted on (for the tier window). */
  businessDate: string;
  at: string;
}

export interface LedgerRecord {
  entryId: string;
  memberId: string;
  delta: number;
  balanceAfter: number;
  reason: LedgerReason;
  storeId: string;
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
