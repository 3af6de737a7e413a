/**
 * 注销会员 (PIPL art. 47, README § Deletion): the member asks, a 7-day cooling-off follows (撤销注销
 * undoes it), then the daily job erases the member. What the app shows before asking, and the state
 * of a request.
 */
import * as z from 'zod/mini';
import { Iso } from './common';

/** Days between the request and the erasure: the member can still change their mind. */
export const DELETION_COOLING_OFF_DAYS = 7;

/** A pending request: when it was made and when the erasure becomes due (Shanghai ISO, +08:00). */
export const PendingDeletion = z.object({
  requestedAt: Iso,
  dueAt: Iso,
});
export type PendingDeletion = z.infer<typeof PendingDeletion>;

/** 注销会员's page: what is lost now, and the request if one is pending. */
export const DeletionInfo = z.object({
  pending: z.nullable(PendingDeletion),
  /** The balance forfeited. */
  points: z.int(),
  /** Unused coupons that are voided. */
  coupons: z.int(),
  /** Future bookings that are cancelled (their seats freed). */
  bookings: z.int(),
});
export type DeletionInfo = z.infer<typeof DeletionInfo>;

/** The member confirms they read what is lost: anything but `true` is refused (400 naming `confirm`). */
export const DeletionRequest = z.object({
  confirm: z.literal(true),
});
export type DeletionRequest = z.infer<typeof DeletionRequest>;
