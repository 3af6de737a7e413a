import type { Booking, StoreBookingsResponse } from '../../shared/schemas/booking';
import { BusinessRuleError, ConflictError, ForbiddenError, NotFoundError, RetryableError } from '../lib/errors';
import { memberAuditPutItem } from '../store/audit';
import { bookingReplaceItem, getBooking, memberOfBooking, noShowCountItem, storeDayBookings } from '../store/bookings';
import { memberUpdateItem } from '../store/members';
import type { BookingRecord, StaffRecord } from '../store/records';
import { runTransaction } from '../store/transactions';
import { StatsChanges } from '../store/stats';
import { memberVisitPutItem } from '../store/visits';
import { bookingView } from './booking';
import { newId } from './ids';
import { visitChanges } from './segments';
import { requireMember } from './members';
import { requireCounterStore, worksAt } from './permissions';
import { storeNames } from './stores';
import { requireOwnVisit } from './visits';

/** Check-in opens this long before the start and closes at the end. */
const CHECK_IN_EARLY_MS = 60 * 60_000;

/** A store's bookings for a day, any member and any origin (HQ may look at any store). */
export async function storeBookings(staff: StaffRecord, storeId: string | undefined, date: string): Promise<StoreBookingsResponse> {
  const store = storeId ?? requireCounterStore(staff);
  if (!worksAt(staff, store)) throw new ForbiddenError('other_store', 'Staff see their own store’s bookings');
  const [bookings, names] = await Promise.all([storeDayBookings(store, date), storeNames()]);
  return {
    items: bookings
      .filter((b) => b.status !== 'cancelled')
      .sort((a, b) => a.startAt.localeCompare(b.startAt))
      .map((b) => ({ ...bookingView(b, names), nickname: b.nickname })),
  };
}

/**
 * Check-in at the counter, under the visit opened by scanning the member's code: only at the
 * booking's store, from an hour before the start to its end. It counts as a visit. Checking in
 * again answers with the same booking (a retry changes nothing).
 */
export async function checkIn(staff: StaffRecord, visitId: string, bookingId: string, now = Date.now()): Promise<Booking> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const visit = await requireOwnVisit(staff, visitId, now);
    const [member, found] = await Promise.all([requireMember(visit.memberId), getBooking(visit.memberId, bookingId)]);
    // A visit opened before a merge checks in on the survivor, where the booking is now.
    const booking = member.memberId === visit.memberId ? found : await getBooking(member.memberId, bookingId);
    if (!booking) throw new NotFoundError('booking_not_found', 'This member has no such booking');
    if (booking.storeId !== visit.storeId) throw new ForbiddenError('other_store_booking', 'This booking is at another store; check in there, or move it here first');
    if (booking.status === 'checked_in') return bookingView(booking, await storeNames());
    if (booking.status !== 'booked') throw new ConflictError('booking_not_active', `This booking is ${booking.status}`);
    const startAt = Date.parse(booking.startAt);
    if (now < startAt - CHECK_IN_EARLY_MS || now > Date.parse(booking.endAt)) {
      throw new BusinessRuleError('check_in_window', 'Check-in opens an hour before the start and closes at the end');
    }
    const atIso = new Date(now).toISOString();
    const checkedIn: BookingRecord = { ...booking, status: 'checked_in', version: booking.version + 1, updatedAt: atIso };
    // A checked-in booking is a visit: segment, RFM, tags and lapse date move in the same write.
    const visited = visitChanges(member, { at: now, storeId: booking.storeId, kind: 'booking', points: member.points, spendDays: member.spendDays });
    const outcome = await runTransaction([
      bookingReplaceItem(checkedIn, booking.version),
      memberUpdateItem(member, visited.after, visited.extra),
      memberVisitPutItem({ memberId: member.memberId, at: atIso, ref: bookingId, kind: 'booking', storeId: booking.storeId, amountFen: 0 }),
      memberAuditPutItem(staff, member, { auditId: newId('aud', now), storeId: booking.storeId, action: 'check_in', ref: bookingId, at: atIso }),
      // A checked-in booking is a visit on the dashboards too (README § Dashboards).
      ...visited.stats.items(),
    ]);
    if (outcome.ok) return bookingView(checkedIn, await storeNames());
    await new Promise((r) => setTimeout(r, Math.random() * 50));
  }
  throw new RetryableError('busy', 'The booking changed meanwhile; please retry');
}

/** After the slot has ended, staff of that store record a no-show; it is counted on the member. */
export async function markNoShow(staff: StaffRecord, bookingId: string, now = Date.now()): Promise<Booking> {
  const memberId = await memberOfBooking(bookingId);
  const booking = memberId ? await getBooking(memberId, bookingId) : undefined;
  if (!booking) throw new NotFoundError('booking_not_found', 'No such booking');
  if (!worksAt(staff, booking.storeId)) throw new ForbiddenError('other_store_booking', 'This booking is at another store');
  if (booking.status === 'no_show') return bookingView(booking, await storeNames());
  if (booking.status !== 'booked') throw new ConflictError('booking_not_active', `This booking is ${booking.status}`);
  if (now < Date.parse(booking.endAt)) throw new BusinessRuleError('slot_not_over', 'A no-show is recorded after the slot has ended');
  const atIso = new Date(now).toISOString();
  const noShow: BookingRecord = { ...booking, status: 'no_show', version: booking.version + 1, updatedAt: atIso };
  const outcome = await runTransaction([
    bookingReplaceItem(noShow, booking.version),
    noShowCountItem(booking.memberId),
    memberAuditPutItem(staff, booking, { auditId: newId('aud', now), storeId: booking.storeId, action: 'no_show', ref: bookingId, at: atIso }),
    ...new StatsChanges().addDay(booking.storeId, booking.date, 'noShows').items(),
  ]);
  if (!outcome.ok) throw new ConflictError('booking_changed', 'The booking changed meanwhile; reload and retry');
  return bookingView(noShow, await storeNames());
}
