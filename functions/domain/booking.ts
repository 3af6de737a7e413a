import {
  bookableStarts,
  DEFAULT_BOOKING_POLICY,
  occupiedCells,
  overlaps,
  shanghaiClock,
  slotRefusal,
  type BookingPolicy,
  type SlotRefusal,
  type StoreSchedule,
} from '../../shared/booking';
import { shanghaiIso } from '../../shared/dates';
import type { Booking, SlotsResponse } from '../../shared/schemas/booking';
import { config } from '../lib/config';
import { BusinessRuleError, ConflictError, NotFoundError } from '../lib/errors';
import { count } from '../lib/metrics';
import { bookedCells, bookingLockItem, bookingPutItems, bookingReplaceItem, cellItem, getBooking, getService, listMemberBookings } from '../store/bookings';
import { getStore } from '../store/stores';
import type { BookingRecord, MemberRecord, ServiceRecord, StoreRecord } from '../store/records';
import type { LabeledItem } from '../store/transactions';
import { applyOnce } from './idempotent-change';
import { StatsChanges } from '../store/stats';
import { newId } from './ids';
import { requireSignedInMember } from './members';
import { requireAgreedIfPending } from './consent';
import { storeNames } from './stores';

const MINUTE_MS = 60_000;

export function scheduleOf(store: StoreRecord): StoreSchedule & BookingPolicy {
  return {
    openingHours: store.openingHours,
    closedDates: store.closedDates ?? [],
    slotMinutes: store.slotMinutes ?? DEFAULT_BOOKING_POLICY.slotMinutes,
    minNoticeMinutes: store.minNoticeMinutes ?? DEFAULT_BOOKING_POLICY.minNoticeMinutes,
    horizonDays: store.horizonDays ?? DEFAULT_BOOKING_POLICY.horizonDays,
    cancelCutoffMinutes: DEFAULT_BOOKING_POLICY.cancelCutoffMinutes,
  };
}

export async function requireStore(storeId: string): Promise<StoreRecord> {
  return existingStore(await getStore(storeId));
}

function existingStore(store: StoreRecord | undefined): StoreRecord {
  if (!store) throw new NotFoundError('store_not_found', 'No such store');
  return store;
}

async function requireService(serviceId: string): Promise<ServiceRecord> {
  return activeService(await getService(serviceId));
}

function activeService(service: ServiceRecord | undefined): ServiceRecord {
  if (!service || !service.active) throw new NotFoundError('service_not_found', 'No such service');
  return service;
}

function capacityAt(service: ServiceRecord, storeId: string): number {
  const capacity = service.capacityByStore[storeId];
  if (!capacity)
    throw new BusinessRuleError('service_not_offered', `${service.name} is not offered at this store`, [{ field: 'serviceId', message: 'not offered at this store' }]);
  return capacity;
}

const SLOT_MESSAGES: Record<SlotRefusal, string> = {
  invalid_date: 'Not a valid date',
  store_closed: 'The store is closed that day',
  outside_opening_hours: 'The service would not fit inside opening hours',
  off_grid: 'Bookings start on the store’s slot grid',
  in_the_past: 'That time has passed',
  too_soon: 'Too close to now: book at least the minimum notice ahead',
  beyond_horizon: 'Too far ahead: bookings open a limited number of days in advance',
};

/** Seats left at a start: the fullest cell it occupies decides. Never below zero. */
function remainingAt(cells: string[], booked: Map<string, number>, capacity: number): number {
  return Math.max(0, Math.min(...cells.map((cell) => capacity - (booked.get(cell) ?? 0))));
}

export function bookingView(b: BookingRecord, names: Map<string, string>): Booking {
  return {
    id: b.bookingId,
    memberNo: b.memberNo,
    storeId: b.storeId,
    storeName: names.get(b.storeId) ?? b.storeId,
    serviceId: b.serviceId,
    serviceName: b.serviceName,
    start: shanghaiIso(Date.parse(b.startAt)),
    end: shanghaiIso(Date.parse(b.endAt)),
    status: b.status,
    cancellableUntil: shanghaiIso(Date.parse(b.startAt) - DEFAULT_BOOKING_POLICY.cancelCutoffMinutes * MINUTE_MS),
    movedFrom: b.movedFrom,
    reminderAccepted: b.reminderAccepted,
    createdAt: shanghaiIso(Date.parse(b.createdAt)),
  };
}

// ---- availability --------------------------------------------------------------------------------

/** A move within the same store, service and day frees its own seats first. */
function releaseOwnSeats(booked: Map<string, number>, releasing: BookingRecord | undefined, at: { storeId: string; serviceId: string; date: string }): void {
  if (!releasing || releasing.status !== 'booked' || releasing.storeId !== at.storeId || releasing.serviceId !== at.serviceId || releasing.date !== at.date) return;
  for (const cell of releasing.cells) booked.set(cell, (booked.get(cell) ?? 0) - 1);
}

/**
 * The day's starts with seats left. For 改约 (`moving`: the member's own booking), that booking's
 * seats count as free, as the move itself will count them.
 */
export async function availability(
  storeId: string,
  serviceId: string,
  date: string,
  now = Date.now(),
  moving?: { memberId: string; bookingId: string },
): Promise<SlotsResponse> {
  const [store, service, booked, releasing] = await Promise.all([
    requireStore(storeId),
    requireService(serviceId),
    bookedCells(storeId, serviceId, date),
    moving ? getBooking(moving.memberId, moving.bookingId) : Promise.resolve(undefined),
  ]);
  if (moving && !releasing) throw new NotFoundError('booking_not_found', 'You have no such booking');
  releaseOwnSeats(booked, releasing, { storeId, serviceId, date });
  const capacity = capacityAt(service, storeId);
  const schedule = scheduleOf(store);
  const items = bookableStarts(schedule, schedule, date, service.durationMinutes, now).map((slot) => ({
    start: shanghaiIso(slot.startAt),
    end: shanghaiIso(slot.endAt),
    time: slot.time,
    remaining: remainingAt(occupiedCells(shanghaiClock(slot.startAt).minutes, service.durationMinutes, schedule.slotMinutes), booked, capacity),
  }));
  return { storeId, serviceId, date, capacity, items };
}

// ---- placing a booking (new or moved) ------------------------------------------------------------

interface Placement {
  store: StoreRecord;
  service: ServiceRecord;
  date: string;
  time: string;
  startAt: number;
  endAt: number;
  cells: string[];
  capacity: number;
}

/**
 * The seats booked on the day a start falls on. It follows from the request alone (store, service,
 * start), so it is read beside the member rather than after it (README § Sequential depth); an
 * unparseable start has no day, and `place` refuses it.
 */
async function bookedCellsOfDay(storeId: string, serviceId: string, startIso: string): Promise<Map<string, number>> {
  const startAt = Date.parse(startIso);
  return Number.isFinite(startAt) ? bookedCells(storeId, serviceId, shanghaiClock(startAt).date) : new Map();
}

/**
 * Checks a start at a store, from the store's record and the seats booked that day (read already):
 * on the grid, open, within notice and horizon, with a seat left. The cells' transaction conditions
 * keep the seat count exact if the day filled up since.
 */
function place(
  at: { storeId: string; store: StoreRecord | undefined; booked: Map<string, number> },
  service: ServiceRecord,
  startIso: string,
  now: number,
  releasing?: BookingRecord,
): Placement {
  const { storeId, booked } = at;
  const store = existingStore(at.store);
  const capacity = capacityAt(service, storeId);
  const schedule = scheduleOf(store);
  const startAt = Date.parse(startIso);
  const { date, minutes } = shanghaiClock(startAt);
  if (startAt % MINUTE_MS !== 0) throw new BusinessRuleError('slot_off_grid', SLOT_MESSAGES.off_grid, [{ field: 'start', message: 'off_grid' }]);
  const refusal = slotRefusal(schedule, schedule, date, minutes, service.durationMinutes, now);
  if (refusal) throw new BusinessRuleError(`slot_${refusal}`, SLOT_MESSAGES[refusal], [{ field: 'start', message: refusal }]);
  const cells = occupiedCells(minutes, service.durationMinutes, schedule.slotMinutes);
  releaseOwnSeats(booked, releasing, { storeId, serviceId: service.serviceId, date });
  if (remainingAt(cells, booked, capacity) < 1) throw new ConflictError('slot_full', 'That time is fully booked; pick another');
  return { store, service, date, time: cells[0]!, startAt, endAt: startAt + service.durationMinutes * MINUTE_MS, cells, capacity };
}

/** One member, one place at a time: no two active bookings overlap anywhere in the chain. */
function refuseOverlap(bookings: BookingRecord[], placement: { startAt: number; endAt: number }, except?: string): void {
  const clash = bookings.find((b) => b.status === 'booked' && b.bookingId !== except && overlaps({ startAt: Date.parse(b.startAt), endAt: Date.parse(b.endAt) }, placement));
  if (clash) throw new ConflictError('overlapping_booking', 'You already have a booking at that time');
}

/**
 * Cell updates for a change of seats, merged per cell (a move by 30 minutes shares cells). Only a
 * taken seat is checked against capacity; a released one is conditioned on being booked.
 */
function seatChanges(release: BookingRecord | null, take: Placement | null): LabeledItem[] {
  const deltas = new Map<string, { storeId: string; serviceId: string; date: string; time: string; delta: number; capacity: number }>();
  const add = (storeId: string, serviceId: string, date: string, time: string, delta: number, capacity: number) => {
    const key = `${storeId}#${serviceId}#${date}#${time}`;
    const seen = deltas.get(key);
    if (seen) seen.delta += delta;
    else deltas.set(key, { storeId, serviceId, date, time, delta, capacity });
  };
  if (release) for (const time of release.cells) add(release.storeId, release.serviceId, release.date, time, -1, 0);
  if (take) for (const time of take.cells) add(take.store.storeId, take.service.serviceId, take.date, time, 1, take.capacity);
  return [...deltas.values()].filter((d) => d.delta !== 0).map((d) => cellItem(d.storeId, d.serviceId, d.date, d.time, d.delta as 1 | -1, d.capacity));
}

function placedRecord(
  base: { bookingId: string; member: MemberRecord; createdAt: string; movedFrom: string[]; reminderAccepted: boolean; version: number },
  p: Placement,
  at: number,
): BookingRecord {
  return {
    bookingId: base.bookingId,
    memberId: base.member.memberId,
    memberNo: base.member.memberNo,
    nickname: base.member.nickname,
    storeId: p.store.storeId,
    serviceId: p.service.serviceId,
    serviceName: p.service.name,
    date: p.date,
    time: p.time,
    startAt: new Date(p.startAt).toISOString(),
    endAt: new Date(p.endAt).toISOString(),
    cells: p.cells,
    status: 'booked',
    version: base.version,
    movedFrom: base.movedFrom,
    remindAt: new Date(p.startAt - config.reminderLeadMinutes * MINUTE_MS).toISOString(),
    reminderAccepted: base.reminderAccepted,
    createdAt: base.createdAt,
    updatedAt: new Date(at).toISOString(),
  };
}

/**
 * A member's change of a booking, applied once per Idempotency-Key: `plan` reads and decides at
 * `at`; a retry of a lost race plans again, which then says precisely why (full, overlapping, …).
 */
async function changeOnce(
  change: { action: 'book' | 'cancel' | 'move'; memberId: string; idempotencyKey: string; request: unknown; now: () => number },
  plan: (at: number) => Promise<{ booking: BookingRecord; items: LabeledItem[] }>,
): Promise<Booking> {
  const applied = applyOnce<BookingRecord>({
    scope: `${change.action}:${change.memberId}`,
    key: change.idempotencyKey,
    request: change.request,
    plan: async () => {
      const { booking, items } = await plan(change.now());
      return { response: booking, items, onConditionFailed: () => undefined, onCommitted: () => change.action === 'book' && count('Bookings') };
    },
  });
  // The store names (cached a minute) are read beside the change, not after it: no extra round trip when cold.
  const [record, names] = await Promise.all([applied, storeNames()]);
  return bookingView(record, names);
}

export async function book(
  memberId: string,
  input: { storeId: string; serviceId: string; start: string; reminderAccepted: boolean },
  idempotencyKey: string,
  now = Date.now,
): Promise<Booking> {
  return changeOnce({ action: 'book', memberId, idempotencyKey, request: input, now }, async (at) => {
    // The member (and its bookingVersion) first, the bookings after: a booking committed between
    // the two reads has moved the version, so this transaction fails and plans again. Read in
    // parallel, the list could miss a booking the version already counts: two overlapping bookings.
    // The service, the store and the day's cells depend only on the request: read with the member.
    const [member, maybeService, store, booked] = await Promise.all([
      requireSignedInMember(memberId),
      getService(input.serviceId),
      getStore(input.storeId),
      bookedCellsOfDay(input.storeId, input.serviceId, input.start),
    ]);
    requireAgreedIfPending(member);
    const placement = place({ storeId: input.storeId, store, booked }, activeService(maybeService), input.start, at);
    const bookings = await listMemberBookings(memberId);
    refuseOverlap(bookings, placement);
    const booking = placedRecord(
      { bookingId: newId('bkg', at), member, createdAt: new Date(at).toISOString(), movedFrom: [], reminderAccepted: input.reminderAccepted, version: 1 },
      placement,
      at,
    );
    return {
      booking,
      items: [...bookingPutItems(booking), ...seatChanges(null, placement), bookingLockItem(memberId, member.bookingVersion), ...bookingStats(null, booking).items()],
    };
  });
}

async function requireOwnBooking(memberId: string, bookingId: string): Promise<BookingRecord> {
  return ownBooking(await getBooking(memberId, bookingId));
}

function ownBooking(booking: BookingRecord | undefined): BookingRecord {
  // Another member's booking is simply not found: ids are no proof of ownership.
  if (!booking) throw new NotFoundError('booking_not_found', 'No such booking');
  return booking;
}

function requireChangeable(booking: BookingRecord, at: number, what: 'cancel' | 'move'): void {
  if (booking.status !== 'booked') throw new ConflictError('booking_not_active', `This booking is ${booking.status}`);
  const cutoff = Date.parse(booking.startAt) - DEFAULT_BOOKING_POLICY.cancelCutoffMinutes * MINUTE_MS;
  if (at >= cutoff) {
    throw new BusinessRuleError(
      `${what}_cutoff_passed`,
      `Bookings can be ${what === 'cancel' ? 'cancelled' : 'moved'} free of charge until ${DEFAULT_BOOKING_POLICY.cancelCutoffMinutes / 60} hours before the start`,
    );
  }
}

/** The dashboards' bookings of the booked store-day (README § Dashboards): a booking leaves its old day and joins its new one. */
function bookingStats(before: Pick<BookingRecord, 'storeId' | 'date'> | null, after: Pick<BookingRecord, 'storeId' | 'date'> | null): StatsChanges {
  const stats = new StatsChanges();
  if (before) stats.addDay(before.storeId, before.date, 'bookings', -1);
  if (after) stats.addDay(after.storeId, after.date, 'bookings', 1);
  return stats;
}

/** The seat is released exactly once: the booking's state change is conditioned on its version. */
export async function cancelBooking(memberId: string, bookingId: string, idempotencyKey: string, now = Date.now): Promise<Booking> {
  return changeOnce({ action: 'cancel', memberId, idempotencyKey, request: { bookingId }, now }, async (at) => {
    const booking = await requireOwnBooking(memberId, bookingId);
    requireChangeable(booking, at, 'cancel');
    const cancelled: BookingRecord = { ...booking, status: 'cancelled', version: booking.version + 1, updatedAt: new Date(at).toISOString() };
    return { booking: cancelled, items: [bookingReplaceItem(cancelled, booking.version), ...seatChanges(booking, null), ...bookingStats(booking, null).items()] };
  });
}

/** Moves to another store or time: the new seat is taken and the old released in one transaction. */
export async function moveBooking(memberId: string, bookingId: string, input: { storeId: string; start: string }, idempotencyKey: string, now = Date.now): Promise<Booking> {
  return changeOnce({ action: 'move', memberId, idempotencyKey, request: { bookingId, ...input }, now }, async (at) => {
    // Version first, then the list (see book). The booking itself is conditioned on its version, so
    // it is read beside the member, with the new store; its service and the new day's cells after.
    const [member, found, store] = await Promise.all([requireSignedInMember(memberId), getBooking(memberId, bookingId), getStore(input.storeId)]);
    const booking = ownBooking(found);
    requireChangeable(booking, at, 'move');
    const [bookings, service, booked] = await Promise.all([
      listMemberBookings(memberId),
      getService(booking.serviceId),
      bookedCellsOfDay(input.storeId, booking.serviceId, input.start),
    ]);
    const placement = place({ storeId: input.storeId, store, booked }, activeService(service), input.start, at, booking);
    refuseOverlap(bookings, placement, bookingId);
    const movedFrom = booking.storeId === input.storeId ? booking.movedFrom : [...booking.movedFrom, booking.storeId];
    const moved = placedRecord(
      { bookingId, member, createdAt: booking.createdAt, movedFrom, reminderAccepted: booking.reminderAccepted, version: booking.version + 1 },
      placement,
      at,
    );
    return {
      booking: moved,
      items: [
        bookingReplaceItem(moved, booking.version),
        ...seatChanges(booking, placement),
        bookingLockItem(memberId, member.bookingVersion),
        ...bookingStats(booking, moved).items(),
      ],
    };
  });
}

// ---- reading -----------------------------------------------------------------------------------

export async function myBookings(memberId: string, scope: 'upcoming' | 'past', now = Date.now()): Promise<Booking[]> {
  const [bookings, names] = await Promise.all([listMemberBookings(memberId), storeNames()]);
  const upcoming = (b: BookingRecord) => b.status === 'booked' && Date.parse(b.endAt) > now;
  return bookings
    .filter((b) => (scope === 'upcoming' ? upcoming(b) : !upcoming(b)))
    .sort((a, b) => (scope === 'upcoming' ? a.startAt.localeCompare(b.startAt) : b.startAt.localeCompare(a.startAt)))
    .map((b) => bookingView(b, names));
}

export async function nextBooking(memberId: string, now = Date.now()): Promise<Booking | null> {
  return (await myBookings(memberId, 'upcoming', now))[0] ?? null;
}
