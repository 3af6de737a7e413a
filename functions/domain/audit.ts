/**
 * Reading the audit trail (README § Audit trail): HQ's and a manager's log of a day, and the
 * member's own 访问记录 — which store and which role looked at or changed their record, never who.
 */
import { shanghaiDate, shanghaiIso } from '../../shared/dates';
import { MEMBER_ACTION_WORDS, ROLE_WORDS, type AccessLogResponse, type AuditLogQuery, type AuditLogResponse, type MemberAuditAction } from '../../shared/schemas/audit';
import type { StaffRole } from '../../shared/schemas/auth';
import { BusinessRuleError, ValidationError } from '../lib/errors';
import { SELF_ACTOR, isAuditLogPosition, isMemberAuditPosition, listAuditDay, listMemberAudit, type AuditLogPosition, type AuditLogRecord } from '../store/audit';
import { getMember, memberIdByMemberNo } from '../store/members';
import type { StaffRecord } from '../store/records';
import { getStaffById } from '../store/staff';
import { requireAuditScope } from './permissions';
import { chainStores, storeNames } from './stores';

const badCursor = () => new ValidationError([{ field: 'cursor', message: 'not a cursor from this log' }]);

/** The cursor is opaque to clients; inside it is a position in the log asked for (its day and store). */
function decodeLogCursor(cursor: string | undefined, date: string, storeId: string | null | undefined): AuditLogPosition | undefined {
  if (!cursor) return undefined;
  let position: AuditLogPosition;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    position = { pk: String(parsed.pk), sk: String(parsed.sk), daySk: String(parsed.d) };
  } catch {
    throw badCursor();
  }
  const at = position.sk.split('#')[1] ?? '';
  if (!isAuditLogPosition(position, storeId) || Number.isNaN(Date.parse(at)) || shanghaiDate(Date.parse(at)) !== date) throw badCursor();
  return position;
}

const encodeLogCursor = (p: AuditLogPosition | null) => (p ? Buffer.from(JSON.stringify({ pk: p.pk, sk: p.sk, d: p.daySk }), 'utf8').toString('base64url') : null);

/** Names, roles and member numbers the entry did not keep (entries written without them at hand). */
async function completing(
  entries: AuditLogRecord[],
  withMembers = true,
): Promise<{ staff: Map<string, StaffRecord | undefined>; memberNos: Map<string, string | undefined> }> {
  const staffIds = [...new Set(entries.filter((e) => !e.staffName || !e.staffRole).map((e) => e.staffId))];
  const memberIds = withMembers ? [...new Set(entries.filter((e) => e.memberId && !e.memberNo).map((e) => e.memberId!))] : [];
  const [staff, members] = await Promise.all([Promise.all(staffIds.map(getStaffById)), Promise.all(memberIds.map(getMember))]);
  return {
    staff: new Map(staffIds.map((id, i) => [id, staff[i]])),
    memberNos: new Map(memberIds.map((id, i) => [id, members[i]?.memberNo])),
  };
}

/** A day of the log: a manager's own store; HQ one store, `HQ`'s own entries, or the whole chain. */
export async function auditLog(staff: StaffRecord, query: AuditLogQuery): Promise<AuditLogResponse> {
  const storeId = requireAuditScope(staff, query.storeId);
  if (storeId && !(await chainStores()).some((s) => s.id === storeId)) {
    throw new BusinessRuleError('unknown_store', `No such store: ${storeId}`, [{ field: 'storeId', message: `unknown store ${storeId}` }]);
  }
  const after = decodeLogCursor(query.cursor, query.date, storeId);
  let memberId: string | undefined;
  if (query.memberNo) {
    memberId = (await memberIdByMemberNo(query.memberNo)) ?? undefined;
    if (!memberId) return { items: [], nextCursor: null };
  }
  const page = await listAuditDay(query.date, storeId, { staffId: query.staffId, memberId, action: query.action }, query.limit, after);
  const [names, known] = await Promise.all([storeNames(), completing(page.items)]);
  return {
    items: page.items.map((e) => {
      const account = known.staff.get(e.staffId);
      return {
        id: e.auditId,
        action: e.action,
        at: shanghaiIso(Date.parse(e.at)),
        storeId: e.storeId,
        storeName: e.storeId === null ? null : (names.get(e.storeId) ?? e.storeId),
        staffId: e.staffId,
        staffName: e.staffName ?? account?.name ?? null,
        staffRole: e.staffRole ?? account?.role ?? null,
        memberNo: e.memberNo ?? (e.memberId ? (known.memberNos.get(e.memberId) ?? null) : null),
        ref: e.ref,
        details: e.details ?? null,
      };
    }),
    nextCursor: encodeLogCursor(page.after),
  };
}

function decodeAccessCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!isMemberAuditPosition(sk)) throw new ValidationError([{ field: 'cursor', message: 'not a cursor from this record' }]);
  return sk;
}

/** The member's 访问记录: the store and the role of each look or change, newest first — never a name or a staff id. */
export async function accessLog(memberId: string, limit: number, cursor?: string): Promise<AccessLogResponse> {
  const page = await listMemberAudit(memberId, limit, decodeAccessCursor(cursor));
  const [names, known] = await Promise.all([storeNames(), completing(page.items, false)]);
  return {
    items: page.items.map((e) => {
      const action = e.action as MemberAuditAction;
      if (e.staffId === SELF_ACTOR) {
        return {
          id: e.auditId,
          action,
          actionText: MEMBER_ACTION_WORDS[action],
          storeId: null,
          storeName: '您本人',
          role: null,
          roleText: '本人操作',
          at: shanghaiIso(Date.parse(e.at)),
        };
      }
      const role: StaffRole | null = e.staffRole ?? known.staff.get(e.staffId)?.role ?? null;
      return {
        id: e.auditId,
        action,
        actionText: MEMBER_ACTION_WORDS[action],
        storeId: e.storeId,
        storeName: e.storeId === null ? '总部' : (names.get(e.storeId) ?? '门店'),
        role,
        roleText: role ? ROLE_WORDS[role] : '门店员工',
        at: shanghaiIso(Date.parse(e.at)),
      };
    }),
    nextCursor: page.after ? Buffer.from(page.after, 'utf8').toString('base64url') : null,
  };
}
