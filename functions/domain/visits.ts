import { shanghaiDate, shanghaiIso } from '../../shared/dates';
import type { VisitResponse } from '../../shared/schemas/staff';
import { BusinessRuleError, ConflictError, NotFoundError, RetryableError } from '../lib/errors';
import { auditPutItem, type AuditEntry } from '../store/audit';
import { listMemberCoupons } from '../store/coupons';
import { memberNoClaim } from '../store/members';
import type { MemberRecord, StaffRecord, VisitRecord } from '../store/records';
import { runTransaction, type LabeledItem } from '../store/transactions';
import { getStaffByOpenid } from '../store/staff';
import { getVisit, visitPutItem } from '../store/visits';
import { myBookings } from './booking';
import { couponView, usableNow } from './coupons';
import { countInvalidScan, countScan, refuseWhileGuessing } from './abuse-limits';
import { newId } from './ids';
import { readMemberCode } from './member-code';
import { requireMember, staffViewOf } from './members';
import { requireCounterStore, requireVisitRights } from './permissions';
import { storeNames } from './stores';

/** Long enough to ring up a bill, short enough that a member who left cannot be charged later. */
const VISIT_TTL_MS = 15 * 60_000;

/** A scan of the member's code opens a visit bound to this staff member, store and member. */
export async function openVisit(staff: StaffRecord, code: string, now = Date.now()): Promise<VisitResponse> {
  const storeId = requireCounterStore(staff);
  let memberNo: string;
  try {
    memberNo = readMemberCode(code, now);
  } catch (invalid) {
    // Guessing codes costs the staff member their scans for the hour (README § Abuse limits).
    await countInvalidScan(staff.staffId, now);
    throw invalid;
  }
  const [claim] = await Promise.all([memberNoClaim(memberNo), refuseWhileGuessing(staff.staffId, now), countScan(staff.staffId, now)]);
  if (!claim) throw new NotFoundError('member_not_found', 'No member has this code');
  // A merged card's codes stop working: its number leads to the survivor, whose own code is the one to show.
  if (claim.mergedFrom) {
    throw new BusinessRuleError('member_code_invalid', 'This card was merged into another; ask the member to show the code of their current card', [
      { field: 'code', message: 'the code of a merged card' },
    ]);
  }
  const memberId = claim.memberId;
  const member = await requireMember(memberId);
  const visit = newVisit(staff, storeId, memberId, now);
  // The visit and the audit entry of this staff read of the member are written together or not at all.
  const outcome = await runTransaction([visitPutItem(visit), visitAuditItem(visit, 'open_visit', now)]);
  if (!outcome.ok) throw new RetryableError('busy', 'Could not open the visit; scan again');
  return visitAnswer(visit, member, now);
}

/** A visit of this staff member at their store with the member, open for VISIT_TTL_MS. */
export function newVisit(staff: StaffRecord, storeId: string, memberId: string, now: number): VisitRecord {
  return {
    visitId: newId('vis', now),
    memberId,
    storeId,
    staffId: staff.staffId,
    staffOpenid: staff.openid,
    staffRightsVersion: staff.rightsVersion ?? 0,
    openedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + VISIT_TTL_MS).toISOString(),
  };
}

/** The audit entry of what the visit's staff member did to its member, to write with the visit. */
export function visitAuditItem(visit: VisitRecord, action: AuditEntry['action'], now: number): LabeledItem {
  const { memberId, staffId, storeId } = visit;
  return auditPutItem({ auditId: newId('aud', now), memberId, staffId, storeId, action, ref: visit.visitId, at: visit.openedAt });
}

/** What the counter sees once a visit is open: the member as staff see them, usable coupons, bookings. */
export async function visitAnswer(visit: VisitRecord, member: MemberRecord, now: number): Promise<VisitResponse> {
  const { memberId, storeId } = visit;
  const [coupons, names, bookings] = await Promise.all([listMemberCoupons(memberId), storeNames(), myBookings(memberId, 'upcoming', now)]);
  const today = shanghaiDate(now);
  return {
    visitId: visit.visitId,
    storeId,
    expiresAt: shanghaiIso(now + VISIT_TTL_MS),
    member: staffViewOf(member, now),
    coupons: coupons.filter((c) => usableNow(c, today, storeId)).map((c) => couponView(c, names, now)),
    bookings,
  };
}

/** The visit, if this staff member may act under it now. */
export async function requireOwnVisit(staff: StaffRecord, visitId: string, now = Date.now()): Promise<VisitRecord> {
  const visit = await getVisit(visitId);
  if (!visit) throw new NotFoundError('visit_not_found', 'No such visit; scan the member code again');
  requireVisitRights(staff, visit);
  await requireOpenerRights(staff, visit);
  if (Date.parse(visit.expiresAt) <= now) {
    throw new ConflictError('visit_expired', 'The visit has expired; scan the member code again');
  }
  return visit;
}

/**
 * A visit works only while the staff member who opened it keeps the rights they opened it with:
 * disabling them (离职), or changing their role or store, bumps their rights version and closes their
 * open visits — also for a manager who would take one over. The caller's own record was just read;
 * someone else's visit costs one more consistent read.
 */
async function requireOpenerRights(staff: StaffRecord, visit: VisitRecord): Promise<void> {
  if (visit.staffRightsVersion === undefined || !visit.staffOpenid) return; // opened before versions were kept
  const opener = visit.staffId === staff.staffId ? staff : await getStaffByOpenid(visit.staffOpenid);
  if (!opener || opener.staffId !== visit.staffId || opener.disabled || (opener.rightsVersion ?? 0) !== visit.staffRightsVersion) {
    throw new ConflictError('visit_closed', 'The staff member who opened this visit no longer has these rights; scan the member code again');
  }
}
