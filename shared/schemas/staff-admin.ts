/** Staff accounts (员工管理): invites, joining with a code, the store's staff list, role and status changes. */
import * as z from 'zod/mini';
import { Iso, StoreId } from './common';
import { StaffRole, StaffSummary } from './auth';

/**
 * An invite code: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), typeable from
 * a screen or a note. The QR code carries the same code behind `INVITE_QR_PREFIX`.
 */
export const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_CODE_LENGTH = 8;
export const INVITE_QR_PREFIX = 'tongka:invite:';
export const INVITE_TTL_HOURS = 24;

const inviteCodePattern = new RegExp(`^[${INVITE_ALPHABET}]{${INVITE_CODE_LENGTH}}$`);

/** The code as stored and in paths: exactly 8 characters of the alphabet, upper case. */
export const InviteCode = z.string().check(z.regex(inviteCodePattern, `${INVITE_CODE_LENGTH} letters and digits of the invite code`));

/**
 * What the new staff member sends: the scanned QR text, or the code as typed (lower case, spaces and
 * hyphens allowed: `abcd-efgh`). Normalised, then checked like `InviteCode`.
 */
export const TypedInviteCode = z.pipe(
  z.pipe(
    z.string().check(z.maxLength(64)),
    z.transform((text) => {
      const trimmed = text.trim();
      const bare = trimmed.startsWith(INVITE_QR_PREFIX) ? trimmed.slice(INVITE_QR_PREFIX.length) : trimmed;
      return bare.replace(/[\s-]/g, '').toUpperCase();
    }),
  ),
  InviteCode,
);

export const StaffId = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'a staff id'));

export const StaffStatus = z.enum(['active', 'disabled']);
export type StaffStatus = z.infer<typeof StaffStatus>;

/** Who someone is at the chain: HQ admins have no store; clerks and managers have exactly one. */
const assignmentRule = <T extends { role: StaffRole; storeId: string | null }>(value: T, ctx: z.core.$RefinementCtx) => {
  if (value.role === 'hq' && value.storeId !== null) ctx.addIssue({ code: 'custom', path: ['storeId'], message: 'HQ admins have no store: send null' });
  if (value.role !== 'hq' && value.storeId === null) ctx.addIssue({ code: 'custom', path: ['storeId'], message: 'clerks and managers need a store' });
};

export const StaffAssignment = z.object({ role: StaffRole, storeId: z.nullable(StoreId) }).check(z.superRefine(assignmentRule));
export type StaffAssignment = z.infer<typeof StaffAssignment>;

export const InviteRequest = z
  .object({
    /** The new staff member's name as the store knows them (shown on bills and in 员工管理). */
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(32)),
    role: StaffRole,
    storeId: z.nullable(StoreId),
  })
  .check(z.superRefine(assignmentRule));
export type InviteRequest = z.infer<typeof InviteRequest>;

export const InviteStatus = z.enum(['open', 'used', 'revoked', 'expired']);

export const Invite = z.object({
  code: InviteCode,
  /** The text to put in the QR code (加入门店 scans it). */
  qrText: z.string(),
  name: z.string(),
  role: StaffRole,
  storeId: z.nullable(z.string()),
  storeName: z.nullable(z.string()),
  status: InviteStatus,
  createdBy: z.string(),
  createdAt: Iso,
  expiresAt: Iso,
});
export type Invite = z.infer<typeof Invite>;

export const InvitesResponse = z.object({ items: z.array(Invite) });
export type InvitesResponse = z.infer<typeof InvitesResponse>;

export const InvitePath = z.object({ code: InviteCode });
export const RedeemInviteRequest = z.object({ code: TypedInviteCode });
export type RedeemInviteRequest = z.input<typeof RedeemInviteRequest>;

export const StaffAccount = z.extend(StaffSummary, {
  status: StaffStatus,
  /** When the account was created by redeeming an invite (null for accounts from before invites). */
  joinedAt: z.nullable(Iso),
  /** The last staff request, to within an hour (null: none yet). */
  lastActiveAt: z.nullable(Iso),
});
export type StaffAccount = z.infer<typeof StaffAccount>;

export const StaffListQuery = z.object({
  /** HQ: one store (absent: the whole chain, HQ admins included). A manager: their own store only. */
  storeId: z.optional(StoreId),
});
export const StaffListResponse = z.object({ items: z.array(StaffAccount) });
export type StaffListResponse = z.infer<typeof StaffListResponse>;

export const StaffPath = z.object({ staffId: StaffId });
export const StaffStatusRequest = z.object({ status: StaffStatus });
export type StaffStatusRequest = z.infer<typeof StaffStatusRequest>;
