import { shanghaiDate, shanghaiIso } from '../../shared/dates';
import type { Booking } from '../../shared/schemas/booking';
import type { VisitResponse } from '../../shared/schemas/staff';
import { BusinessRuleError, ConflictError, NotFoundError, RetryableError } from '../lib/errors';
import { auditPutItem, type AuditEntry } from '../store/audit';
import { listMemberCoupons } from '../store/coupons';
import { memberLiveCheckItem, memberNoClaim } from '../store/members';
import type { MemberCouponRecord, MemberRecord, StaffRecord, VisitRecord } from '../store/records';
import { runTransaction, type LabeledItem } from '../store/transactions';
import { getStaffByOpenid } from '../store/staff';
import { getVisit, visitPutItem } from '../store/visits';
import { myBookings } from './booking';
import { couponView, usableNow } from './coupons';
import { countInvalidScan, scanCountItem, scanLimitReached, scanningPause } from './abuse-limits';
import { newId } from './ids';
import type { StaffAccess } from './staff';
import { readMemberCode } from './member-code';
import { requireMember, staffViewOf } from './members';
import { requireCounterStore, requireVisitRights } from './permissions';
import { storeNames } from './stores';

/** Long enough to ring up a bill, short enough that a member who left cannot be charged later. */
const VISIT_TTL_MS = 15 * 60_000;

/**
 * A scan of the member's code opens a visit bound to this staff member, store and member, in two
 * round trips (README § Sequential depth): (staff record, member number, the scanner's pause) →
 * (member, coupons, bookings, and the visit's transaction — which counts the scan and checks the
 * member is live, so it writes only what the member's read would have allowed).
 */
export async function openVisit(by: StaffAccess | StaffRecord, code: string, now = Date.now()): Promise<VisitResponse> {
  // A staff record already read (the demo seed, tests) scans the same way.
  const scanner: StaffAccess = 'rights' in by ? by : { openid: by.openid, rights: Promise.resolve(by) };
  let memberNo: string;
  try {
    memberNo = readMemberCode(code, now);
  } catch (invalid) {
    // Guessing codes costs the staff member their scans for the hour (README § Abuse limits): counted
    // once the caller is known to be staff at a counter.
    requireCounterStore(await scanner.rights);
    await countInvalidScan(scanner.openid, now);
    throw invalid;
  }
  // Only reads before the rights hold: nothing is decided or written until they do.
  const [staff, claim, paused] = await Promise.all([scanner.rights, memberNoClaim(memberNo), scanningPause(scanner.openid, now)]);
  const storeId = requireCounterStore(staff);
  if (paused) throw paused;
  if (!claim) throw new NotFoundError('member_not_found', 'No member has this code');
  // A merged card's codes stop working: its number leads to the survivor, whose own code is the one to show.
  if (claim.mergedFrom) {
    throw new BusinessRuleError('member_code_invalid', 'This card was merged into another; ask the member to show the code of their current card', [
      { field: 'code', message: 'the code of a merged card' },
    ]);
  }
  const visit = newVisit(staff, storeId, claim.memberId, now);
  const [written, read, shown] = await Promise.allSettled([writeScanVisit(visit, scanner.openid, now), requireMember(claim.memberId), visitShows(claim.memberId, now)]);
  if (written.status === 'rejected') throw written.reason;
  if (read.status === 'rejected') throw read.reason;
  const member = read.value;
  if (written.value === 'opened' && member.memberId === visit.memberId) {
    if (shown.status === 'rejected') throw shown.reason;
    return answerOf(visit, member, shown.value, now);
  }
  // The member moved between the two reads (a merge finished, or was finished by the read): open the
  // visit for the member the read found, one more round trip in this rare case.
  const moved = newVisit(staff, storeId, member.memberId, now);
  if ((await writeScanVisit(moved, scanner.openid, now)) !== 'opened') throw busy();
  return visitAnswer(moved, member, now);
}

const busy = () => new RetryableError('busy', 'Could not open the visit; scan again');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The scan's visit, its audit entry (written together or not at all), its count against the staff
 * member's limit, and a check that the member is live. 'member_moved' when that check fails; a
 * transaction that lost a race (one clerk's scans at once) is tried again.
 */
async function writeScanVisit(visit: VisitRecord, openid: string, now: number): Promise<'opened' | 'member_moved'> {
  const items = [visitPutItem(visit), visitAuditItem(visit, 'open_visit', now), scanCountItem(openid, now), memberLiveCheckItem(visit.memberId)];
  for (let attempt = 0; ; attempt++) {
    const outcome = await runTransaction(items);
    if (outcome.ok) return 'opened';
    const limited = scanLimitReached(outcome.failed, now);
    if (limited) throw limited;
    if (outcome.failed.includes(items[3]!.label)) return 'member_moved';
    if (!outcome.conflict || attempt >= 2) throw busy();
    await sleep(Math.random() * 20 * 2 ** attempt);
  }
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
  return answerOf(visit, member, await visitShows(visit.memberId, now), now);
}

interface VisitShows {
  coupons: MemberCouponRecord[];
  names: Map<string, string>;
  bookings: Booking[];
}

/** What the visit's answer shows besides the member, read by the member's id alone. */
async function visitShows(memberId: string, now: number): Promise<VisitShows> {
  const [coupons, names, bookings] = await Promise.all([listMemberCoupons(memberId), storeNames(), myBookings(memberId, 'upcoming', now)]);
  return { coupons, names, bookings };
}

function answerOf(visit: VisitRecord, member: MemberRecord, { coupons, names, bookings }: VisitShows, now: number): VisitResponse {
  const { storeId } = visit;
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
  return checkOwnVisit(staff, await getVisit(visitId), now);
}

/** A visit already read (checkout reads it beside the staff record), checked as `requireOwnVisit` does. */
export async function checkOwnVisit(staff: StaffRecord, visit: VisitRecord | undefined, now = Date.now()): Promise<VisitRecord> {
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
