/**
 * The audit trail (README § Audit trail). Every entry is a put inside the transaction of the change
 * it records (or of the visit a read opens), so an action and its entry commit together or not at
 * all. One item per entry: an entry about a member in the member's partition (their 访问记录), the
 * others in their store's day; all of them in gsi1's day (keys.auditDayIndex) for the log.
 */
import { shanghaiDate } from '../../shared/dates';
import type { StaffRole } from '../../shared/schemas/auth';
import type { AuditAction, MemberAuditAction } from '../../shared/schemas/audit';
import { keys, type Key } from './keys';
import { queryPage } from './query';
import type { StaffRecord } from './records';
import { putItemTx, type LabeledItem } from './transactions';

/** Kept three years, then removed by TTL (README § Audit trail: retention). */
const RETENTION_SECONDS = 3 * 366 * 24 * 3600;

/** One entry, as stored. */
export interface AuditLogRecord {
  auditId: string;
  action: AuditAction;
  at: string;
  /** null: chain-level (filed under `HQ`). */
  storeId: string | null;
  staffId: string;
  /** Who it was when they did it (names and roles change later); absent: read from the account. */
  staffName?: string | null;
  staffRole?: StaffRole | null;
  memberId?: string | null;
  memberNo?: string | null;
  ref: string | null;
  details?: Record<string, string | null> | null;
}

type Actor = Pick<StaffRecord, 'staffId' | 'name' | 'role'>;

/** The `staffId` of an entry the member made themself (binding a phone that merged a walk-in card). */
export const SELF_ACTOR = 'member';

function dayIndexEntry(storeId: string | null, at: string, auditId: string): Record<string, string> {
  const day = keys.auditDayIndex;
  return keys.indexEntry(day.name, day.pk(shanghaiDate(Date.parse(at))), day.sort(storeId, at, auditId));
}

function entryItem(key: Key, entry: AuditLogRecord): LabeledItem {
  const ttl = Math.floor(Date.parse(entry.at) / 1000) + RETENTION_SECONDS;
  return putItemTx('audit', { ...key, ...dayIndexEntry(entry.storeId, entry.at, entry.auditId), ...entry, ttl });
}

/**
 * A staff read or change of a member, for the caller's transaction. `memberNo`, `staffName` and
 * `staffRole` are kept when the caller has them at hand; the log reads them otherwise.
 */
export interface AuditEntry {
  auditId: string;
  memberId: string;
  staffId: string;
  storeId: string | null;
  action: MemberAuditAction;
  ref: string | null;
  at: string;
  memberNo?: string;
  staffName?: string;
  staffRole?: StaffRole;
}

export function auditPutItem(entry: AuditEntry): LabeledItem {
  return entryItem(keys.audit(entry.memberId, entry.at, entry.auditId), entry);
}

/** What a staff member did to a member, with who both were then (a bill, a refund, a check-in, a no-show). */
export function memberAuditPutItem(
  staff: Actor,
  member: { memberId: string; memberNo: string },
  entry: Pick<AuditEntry, 'auditId' | 'storeId' | 'action' | 'ref' | 'at'>,
): LabeledItem {
  return auditPutItem({ ...entry, memberId: member.memberId, memberNo: member.memberNo, staffId: staff.staffId, staffName: staff.name, staffRole: staff.role });
}

/** An entry about no member (staff, coupons, campaigns): in its store's day. */
function logPutItem(entry: AuditLogRecord): LabeledItem {
  return entryItem(keys.auditLog(entry.storeId, shanghaiDate(Date.parse(entry.at)), entry.at, entry.auditId), entry);
}

/** A change of chain or store settings (coupon templates, issuing rules, campaigns). */
export function adminAuditPutItem(
  staff: Actor,
  entry: { auditId: string; action: Exclude<AuditAction, MemberAuditAction>; storeId: string | null; ref: string; details: Record<string, string | null>; at: string },
): LabeledItem {
  return logPutItem({ ...entry, staffId: staff.staffId, staffName: staff.name, staffRole: staff.role });
}

/** A staff-management action: written in the same transaction as the change it records. */
export interface StaffAuditEntry {
  auditId: string;
  action: 'staff_invite' | 'staff_invite_revoke' | 'staff_join' | 'staff_assign' | 'staff_disable' | 'staff_enable';
  /** Who did it (for staff_join: the new staff member themself), and their name and role then. */
  actorStaffId: string;
  actorName?: string;
  actorRole?: StaffRole;
  /** The store the entry is filed under (null: HQ). */
  storeId: string | null;
  /** The staff account concerned (null for an invite not yet used). */
  subjectStaffId: string | null;
  inviteCode: string | null;
  /** What changed, e.g. the role and store before and after. */
  details: Record<string, string | null>;
  at: string;
}

export function staffAuditPutItem(entry: StaffAuditEntry): LabeledItem {
  return logPutItem({
    auditId: entry.auditId,
    action: entry.action,
    at: entry.at,
    storeId: entry.storeId,
    staffId: entry.actorStaffId,
    staffName: entry.actorName ?? null,
    staffRole: entry.actorRole ?? null,
    ref: entry.subjectStaffId ?? entry.inviteCode,
    details: { ...entry.details, subjectStaffId: entry.subjectStaffId, inviteCode: entry.inviteCode },
  });
}

// Reading ------------------------------------------------------------------------------------------

export interface AuditFilters {
  staffId?: string;
  /** A member number resolved to its member (entries keep the member id). */
  memberId?: string;
  action?: AuditAction;
}

/**
 * Filters are FilterExpressions on the day rather than more keys: a day of one store (or of the
 * chain) is bounded, each entry is read at most once across the pages, and staff, member and
 * action together would otherwise need a key per combination.
 */
function filterOf(filters: AuditFilters) {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    parts.push(`#${field} = :${field}`);
    names[`#${field}`] = field;
    values[`:${field}`] = value;
  }
  return { filter: parts.length ? parts.join(' AND ') : undefined, names, values };
}

/** Where a page of the log stopped: the item's table key and its day sort key. */
export interface AuditLogPosition {
  pk: string;
  sk: string;
  daySk: string;
}

export interface AuditLogPage {
  items: AuditLogRecord[];
  after: AuditLogPosition | null;
}

const SORT_KEY = /^AUDIT#\d{4}-\d{2}-\d{2}T[\d:.]+Z#[A-Za-z0-9_]+$/;

/** Whether a position a client sent back lies in this log: an entry's keys, in the store asked for (if any). */
export function isAuditLogPosition(position: AuditLogPosition, storeId?: string | null): boolean {
  const { pk, sk, daySk } = position;
  const inStore = storeId === undefined || daySk.startsWith(keys.auditDayIndex.store(storeId));
  const inLog = pk.startsWith(keys.memberPartition('')) || pk.startsWith(keys.auditLogPrefix);
  return inStore && inLog && pk.length <= 120 && sk.length <= 120 && daySk.length <= 160 && SORT_KEY.test(sk) && daySk.endsWith(sk.slice('AUDIT'.length));
}

function strip(item: Record<string, unknown>): AuditLogRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _ipk, gsi1sk: _isk, ttl: _ttl, ...record } = item;
  return record as unknown as AuditLogRecord;
}

/**
 * One page of a day's log through gsi1 (eventually consistent: a list, nothing is computed from it),
 * a store's (`null`: HQ's chain-level entries) or, with `undefined`, the whole chain's.
 */
export async function listAuditDay(date: string, storeId: string | null | undefined, filters: AuditFilters, limit: number, after?: AuditLogPosition): Promise<AuditLogPage> {
  const day = keys.auditDayIndex;
  const { filter, names, values } = filterOf(filters);
  const oneStore = storeId !== undefined;
  const ipk = `${day.name}pk`;
  const isk = `${day.name}sk`;
  const page = await queryPage<Record<string, unknown>>(
    {
      IndexName: day.name,
      KeyConditionExpression: oneStore ? '#ipk = :ipk AND begins_with(#isk, :store)' : '#ipk = :ipk',
      ...(filter ? { FilterExpression: filter } : {}),
      ExpressionAttributeNames: { ...names, '#ipk': ipk, ...(oneStore ? { '#isk': isk } : {}) },
      ExpressionAttributeValues: { ...values, ':ipk': day.pk(date), ...(oneStore ? { ':store': day.store(storeId) } : {}) },
      ScanIndexForward: false,
    },
    {
      limit,
      after: after ? { pk: after.pk, sk: after.sk, [ipk]: day.pk(date), [isk]: after.daySk } : undefined,
      keyOf: (item) => ({ pk: item.pk, sk: item.sk, [ipk]: item[ipk], [isk]: item[isk] }),
    },
  );
  const last = page.last;
  return { items: page.items.map(strip), after: last ? { pk: last.pk as string, sk: last.sk as string, daySk: last[isk] as string } : null };
}

export interface MemberAuditPage {
  items: AuditLogRecord[];
  /** The sort key to continue after, or null at the end. */
  after: string | null;
}

export function isMemberAuditPosition(after: string): boolean {
  return SORT_KEY.test(after) && after.length <= 120;
}

/** The member's 访问记录: newest first, strongly consistent, one page of their own partition. */
export async function listMemberAudit(memberId: string, limit: number, after?: string): Promise<MemberAuditPage> {
  const pk = keys.memberPartition(memberId);
  const page = await queryPage<Record<string, unknown>>(
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.auditPrefix },
      ScanIndexForward: false,
      ConsistentRead: true,
    },
    { limit, after: after ? { pk, sk: after } : undefined, keyOf: (item) => ({ pk: item.pk, sk: item.sk }) },
  );
  return { items: page.items.map(strip), after: page.last ? (page.last.sk as string) : null };
}
