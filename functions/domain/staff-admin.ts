/**
 * Staff accounts (README § Staff and permissions): HQ and managers invite with a one-time code, the
 * new staff member redeems it from their own WeChat account, and 员工管理 lists, moves, disables and
 * re-enables accounts. Every change writes its staff-audit entry in the same transaction.
 */
import { randomInt } from 'node:crypto';
import type { StaffSummary } from '../../shared/schemas/auth';
import {
  INVITE_ALPHABET,
  INVITE_CODE_LENGTH,
  INVITE_QR_PREFIX,
  INVITE_TTL_HOURS,
  type Invite,
  type InviteRequest,
  type InvitesResponse,
  type StaffAccount,
  type StaffAssignment,
  type StaffListResponse,
  type StaffStatus,
} from '../../shared/schemas/staff-admin';
import { BusinessRuleError, ConflictError, NotFoundError, RetryableError } from '../lib/errors';
import { staffAuditPutItem, type StaffAuditEntry } from '../store/audit';
import type { InviteRecord, StaffRecord } from '../store/records';
import {
  getInvite,
  getStaffById,
  getStaffByOpenid,
  inviteRevokeItem,
  invitePutItem,
  inviteUseItem,
  listOpenInvites,
  listStoreStaff,
  newStaffPutItems,
  staffReplaceItem,
} from '../store/staff';
import { runTransaction } from '../store/transactions';
import { applyStaffChangeOnce } from './idempotent-change';
import { newId } from './ids';
import { requireHq, requireStaffListRights, requireStaffManager } from './permissions';
import type { Session } from './sessions';
import { chainStores, storeNames } from './stores';

const INVITE_TTL_MS = INVITE_TTL_HOURS * 3600_000;
/** Contention on one invite or account settles in a few tries; then the client is told to retry. */
const MAX_ATTEMPTS = 8;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const backoff = (attempt: number) => sleep(Math.random() * Math.min(200, 10 * 2 ** attempt));

export function newInviteCode(): string {
  return Array.from({ length: INVITE_CODE_LENGTH }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join('');
}

type Names = Map<string, string>;
const storeNameOf = (names: Names, storeId: string | null) => (storeId === null ? null : (names.get(storeId) ?? storeId));

function inviteView(invite: InviteRecord, names: Names, now: number): Invite {
  const expired = invite.status === 'open' && Date.parse(invite.expiresAt) <= now;
  return {
    code: invite.code,
    qrText: `${INVITE_QR_PREFIX}${invite.code}`,
    name: invite.name,
    role: invite.role,
    storeId: invite.storeId,
    storeName: storeNameOf(names, invite.storeId),
    status: expired ? 'expired' : invite.status,
    createdBy: invite.createdBy,
    createdAt: invite.createdAt,
    expiresAt: invite.expiresAt,
  };
}

function summaryOf(staff: StaffRecord, names: Names): StaffSummary {
  return { staffId: staff.staffId, name: staff.name, role: staff.role, storeId: staff.storeId, storeName: storeNameOf(names, staff.storeId) };
}

function accountView(staff: StaffRecord, names: Names): StaffAccount {
  return {
    ...summaryOf(staff, names),
    status: staff.disabled ? 'disabled' : 'active',
    joinedAt: staff.joinedAt ?? null,
    lastActiveAt: staff.lastActiveAt ?? null,
  };
}

async function requireKnownStore(storeId: string | null): Promise<void> {
  if (storeId === null) return;
  if (!(await chainStores()).some((s) => s.id === storeId)) {
    throw new BusinessRuleError('unknown_store', `No such store: ${storeId}`, [{ field: 'storeId', message: `unknown store ${storeId}` }]);
  }
}

function auditEntry(fields: Omit<StaffAuditEntry, 'auditId'>, now: number): StaffAuditEntry {
  return { auditId: newId('aud', now), ...fields };
}

// Invites ------------------------------------------------------------------------------------------

/** HQ invites any role at any store; a manager clerks of their own store. Exactly once per key. */
export async function createInvite(staff: StaffRecord, input: InviteRequest, idempotencyKey: string, now = Date.now): Promise<Invite> {
  requireStaffManager(staff, input);
  await requireKnownStore(input.storeId);
  const invite = await applyStaffChangeOnce<InviteRecord>('invite', staff.staffId, idempotencyKey, input, async () => {
    const at = now();
    const createdAt = new Date(at).toISOString();
    const record: InviteRecord = {
      code: newInviteCode(),
      name: input.name,
      role: input.role,
      storeId: input.storeId,
      createdBy: staff.staffId,
      createdAt,
      expiresAt: new Date(at + INVITE_TTL_MS).toISOString(),
      status: 'open',
    };
    const audit = auditEntry(
      {
        action: 'staff_invite',
        actorStaffId: staff.staffId,
        actorName: staff.name,
        actorRole: staff.role,
        storeId: record.storeId,
        subjectStaffId: null,
        inviteCode: record.code,
        details: { name: record.name, role: record.role, storeId: record.storeId },
        at: createdAt,
      },
      at,
    );
    // A taken code (1 in 10^11) fails its 'new' condition: returning plans again with a fresh one.
    return { response: record, items: [invitePutItem(record), staffAuditPutItem(audit)], onConditionFailed: () => undefined };
  });
  return inviteView(invite, await storeNames(), now());
}

/** The invites still open: HQ every store's and HQ's own; a manager their store's. */
export async function openInvites(staff: StaffRecord, now = Date.now()): Promise<InvitesResponse> {
  const partitions = staff.role === 'hq' ? [null, ...(await chainStores()).map((s) => s.id)] : [staff.storeId];
  partitions.forEach((storeId) => requireStaffListRights(staff, storeId));
  const [lists, names] = await Promise.all([Promise.all(partitions.map(listOpenInvites)), storeNames()]);
  const open = lists.flat().filter((i) => i.status === 'open' && Date.parse(i.expiresAt) > now);
  return { items: open.map((i) => inviteView(i, names, now)) };
}

/** Why an invite cannot be used (or revoked) now, as the error the API answers. */
function refuseClosed(invite: InviteRecord, now: number): void {
  if (invite.status === 'used') throw new ConflictError('invite_used', 'This invite code has already been used');
  if (invite.status === 'revoked') throw new ConflictError('invite_revoked', 'This invite code was revoked');
  if (Date.parse(invite.expiresAt) <= now) throw new BusinessRuleError('invite_expired', 'This invite code has expired (codes are valid 24 hours)');
}

/** Withdraws an open invite. Revoking it again answers the same; a used invite stays used. */
export async function revokeInvite(staff: StaffRecord, code: string, now = Date.now): Promise<Invite> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const at = now();
    const [invite, names] = await Promise.all([getInvite(code), storeNames()]);
    if (!invite) throw new NotFoundError('invite_not_found', 'No invite has this code');
    requireStaffManager(staff, invite);
    if (invite.status === 'revoked') return inviteView(invite, names, at);
    if (invite.status === 'used') throw new ConflictError('invite_used', 'This invite code has already been used');
    const atIso = new Date(at).toISOString();
    const audit = auditEntry(
      {
        action: 'staff_invite_revoke',
        actorStaffId: staff.staffId,
        actorName: staff.name,
        actorRole: staff.role,
        storeId: invite.storeId,
        subjectStaffId: null,
        inviteCode: code,
        details: { name: invite.name, role: invite.role },
        at: atIso,
      },
      at,
    );
    const outcome = await runTransaction([inviteRevokeItem(code, { staffId: staff.staffId, at: atIso }), staffAuditPutItem(audit)]);
    if (outcome.ok) return inviteView({ ...invite, status: 'revoked', revokedBy: staff.staffId, revokedAt: atIso }, names, at);
    // Used or revoked meanwhile: read it again and answer from what it is now.
    await backoff(attempt);
  }
  throw new RetryableError('busy', 'The invite is changing; retry');
}

/**
 * The signed-in WeChat user becomes the invite's staff member. One transaction uses the invite
 * (conditioned on it being open and unexpired), creates the account (conditioned on this openid
 * having none) and audits it: of several accounts redeeming one code at once exactly one wins, and
 * the others, reading the invite again, are told it is used. The user's member card is untouched.
 */
export async function redeemInvite(session: Session, code: string, now = Date.now): Promise<StaffSummary> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const at = now();
    const [invite, existing, names] = await Promise.all([getInvite(code), getStaffByOpenid(session.openid), storeNames()]);
    if (!invite) throw new NotFoundError('invite_not_found', 'No invite has this code; check the letters and digits');
    // A retry of this account's own successful redeem answers the same.
    if (invite.status === 'used' && invite.usedByOpenid === session.openid && existing && existing.staffId === invite.usedByStaffId) return summaryOf(existing, names);
    refuseClosed(invite, at);
    if (existing) {
      throw new ConflictError(
        'already_staff',
        existing.disabled ? 'This WeChat account has a disabled staff account: ask HQ to re-enable it' : 'This WeChat account is already a staff member',
      );
    }
    const joinedAt = new Date(at).toISOString();
    const staff: StaffRecord = {
      staffId: newId('stf', at),
      openid: session.openid,
      name: invite.name,
      role: invite.role,
      storeId: invite.storeId,
      disabled: false,
      rightsVersion: 0,
      joinedAt,
      inviteCode: code,
    };
    const audit = auditEntry(
      {
        action: 'staff_join',
        actorStaffId: staff.staffId,
        actorName: staff.name,
        actorRole: staff.role,
        storeId: staff.storeId,
        subjectStaffId: staff.staffId,
        inviteCode: code,
        details: { name: staff.name, role: staff.role, invitedBy: invite.createdBy },
        at: joinedAt,
      },
      at,
    );
    const outcome = await runTransaction([
      inviteUseItem(code, { openid: session.openid, staffId: staff.staffId, at: joinedAt }),
      ...newStaffPutItems(staff),
      staffAuditPutItem(audit),
    ]);
    if (outcome.ok) return summaryOf(staff, names);
    // Someone else used it, it was revoked, or this account became staff meanwhile: the next read says which.
    await backoff(attempt);
  }
  throw new RetryableError('busy', 'Many people are using this code at once; retry');
}

// Managing accounts --------------------------------------------------------------------------------

/**
 * 员工管理's list: HQ the whole chain (HQ admins first) or one store; a manager their own store.
 * From an index, so a change made a moment ago may show a moment later.
 */
export async function staffAccounts(staff: StaffRecord, storeId: string | undefined): Promise<StaffListResponse> {
  if (storeId !== undefined) await requireKnownStore(storeId);
  const partitions = storeId !== undefined ? [storeId] : staff.role === 'hq' ? [null, ...(await chainStores()).map((s) => s.id)] : [staff.storeId];
  partitions.forEach((id) => requireStaffListRights(staff, id));
  const [lists, names] = await Promise.all([Promise.all(partitions.map(listStoreStaff)), storeNames()]);
  return { items: lists.flat().map((s) => accountView(s, names)) };
}

interface StaffChange {
  /** The account as it should become, or null when it already is (nothing is written). */
  next: StaffRecord | null;
  audits: Array<Omit<StaffAuditEntry, 'auditId' | 'actorStaffId' | 'subjectStaffId' | 'inviteCode' | 'at'>>;
}

/**
 * Reads the account, decides the change on what it is now, and writes it with its audit entries,
 * conditioned on the account's version: if it changed meanwhile, the change is decided again.
 */
async function changeStaff(actor: StaffRecord, staffId: string, decide: (target: StaffRecord) => StaffChange, now: () => number): Promise<StaffAccount> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const at = now();
    const [target, names] = await Promise.all([getStaffById(staffId), storeNames()]);
    if (!target) throw new NotFoundError('staff_not_found', 'No staff member has this id');
    if (target.staffId === actor.staffId) throw new BusinessRuleError('own_staff_account', 'You cannot change your own staff account');
    const { next, audits } = decide(target);
    if (!next) return accountView(target, names);
    const version = target.rightsVersion ?? 0;
    const atIso = new Date(at).toISOString();
    const outcome = await runTransaction([
      staffReplaceItem({ ...next, rightsVersion: version + 1 }, version),
      ...audits.map((a) =>
        staffAuditPutItem(
          auditEntry({ ...a, actorStaffId: actor.staffId, actorName: actor.name, actorRole: actor.role, subjectStaffId: staffId, inviteCode: null, at: atIso }, at),
        ),
      ),
    ]);
    if (outcome.ok) return accountView({ ...next, rightsVersion: version + 1 }, names);
    await backoff(attempt);
  }
  throw new RetryableError('busy', 'This staff account is changing; retry');
}

/** HQ moves an account to another role or store (its open visits close). */
export async function assignStaff(actor: StaffRecord, staffId: string, assignment: StaffAssignment, now = Date.now): Promise<StaffAccount> {
  requireHq(actor, 'Only HQ changes a role or a store');
  await requireKnownStore(assignment.storeId);
  return changeStaff(
    actor,
    staffId,
    (target) => {
      if (target.role === assignment.role && target.storeId === assignment.storeId) return { next: null, audits: [] };
      const details = { fromRole: target.role, fromStoreId: target.storeId, toRole: assignment.role, toStoreId: assignment.storeId, name: target.name };
      // Filed under both stores when it moves, so each store's log shows it.
      const stores = target.storeId === assignment.storeId ? [assignment.storeId] : [target.storeId, assignment.storeId];
      return { next: { ...target, ...assignment }, audits: stores.map((storeId) => ({ action: 'staff_assign' as const, storeId, details })) };
    },
    now,
  );
}

/** 离职 and back: a disabled account is refused on its next request, and its open visits close. */
export async function setStaffStatus(actor: StaffRecord, staffId: string, status: StaffStatus, now = Date.now): Promise<StaffAccount> {
  return changeStaff(
    actor,
    staffId,
    (target) => {
      requireStaffManager(actor, target);
      const disabled = status === 'disabled';
      if (target.disabled === disabled) return { next: null, audits: [] };
      return {
        next: { ...target, disabled },
        audits: [{ action: disabled ? 'staff_disable' : 'staff_enable', storeId: target.storeId, details: { name: target.name, role: target.role } }],
      };
    },
    now,
  );
}
