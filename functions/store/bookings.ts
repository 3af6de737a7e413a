import { bookingReminderEntry } from './job-indexes';
import { keys } from './keys';
import { conditionFailed, getItem, indexItems, partitionItems, putItem, updateItem } from './query';
import type { BookingRecord, ServiceRecord } from './records';
import { putItemTx, updateItemTx, type LabeledItem } from './transactions';

// ---- services ------------------------------------------------------------------------------------

export async function listServices(): Promise<ServiceRecord[]> {
  return partitionItems<ServiceRecord>(keys.servicesPartition);
}

export const getService = (serviceId: string) => getItem<ServiceRecord>(keys.service(serviceId));

export const putService = (service: ServiceRecord) => putItem(keys.service(service.serviceId), service);

/** A manager sets their store's capacity (or stops offering it: null), leaving other stores alone. */
export async function setServiceCapacity(serviceId: string, storeId: string, capacity: number | null): Promise<boolean> {
  try {
    await updateItem({
      Key: keys.service(serviceId),
      UpdateExpression: capacity === null ? 'REMOVE capacityByStore.#store' : 'SET capacityByStore.#store = :capacity',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#store': storeId },
      ...(capacity === null ? {} : { ExpressionAttributeValues: { ':capacity': capacity } }),
    });
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

// ---- slot cells --------------------------------------------------------------------------------

/** Booked seats per cell of a day ('HH:MM' → seats): one query over that day's cells only. */
export async function bookedCells(storeId: string, serviceId: string, date: string): Promise<Map<string, number>> {
  const cells = await partitionItems<{ sk: string; booked?: number }>(keys.slotDay(storeId, serviceId, date));
  return new Map(cells.map((cell) => [keys.slotTimeOf(cell.sk), Number(cell.booked ?? 0)]));
}

/** Takes (+1) or releases (−1) a seat of a cell; taking is conditioned on staying within capacity. */
export function cellItem(storeId: string, serviceId: string, date: string, time: string, delta: 1 | -1, capacity: number): LabeledItem {
  return updateItemTx(`cell:${storeId}:${date}:${time}`, {
    Key: keys.slotCell(storeId, serviceId, date, time),
    UpdateExpression: 'SET booked = if_not_exists(booked, :zero) + :delta',
    ConditionExpression: delta > 0 ? 'attribute_not_exists(booked) OR booked < :capacity' : 'booked >= :one',
    ExpressionAttributeValues: delta > 0 ? { ':zero': 0, ':delta': 1, ':capacity': capacity } : { ':zero': 0, ':delta': -1, ':one': 1 },
  });
}

// ---- bookings ----------------------------------------------------------------------------------

export async function listMemberBookings(memberId: string): Promise<BookingRecord[]> {
  return partitionItems<BookingRecord>(keys.memberPartition(memberId), keys.bookingPrefix);
}

export const getBooking = (memberId: string, bookingId: string) => getItem<BookingRecord>(keys.booking(memberId, bookingId));

export async function memberOfBooking(bookingId: string): Promise<string | undefined> {
  return (await getItem<{ memberId: string }>(keys.bookingRef(bookingId)))?.memberId;
}

/** A store's bookings of a day (any member, any origin), by start time. */
export async function storeDayBookings(storeId: string, date: string): Promise<BookingRecord[]> {
  return indexItems<BookingRecord>(keys.storeDayIndex.name, keys.storeDayIndex.pk(storeId, date));
}

function bookingItem(booking: BookingRecord) {
  return {
    ...keys.booking(booking.memberId, booking.bookingId),
    ...keys.indexEntry(keys.storeDayIndex.name, keys.storeDayIndex.pk(booking.storeId, booking.date), keys.storeDayIndex.sort(booking.startAt, booking.bookingId)),
    ...bookingReminderEntry(booking),
    ...booking,
  };
}

export function bookingPutItems(booking: BookingRecord): LabeledItem[] {
  return [putItemTx('booking', bookingItem(booking), 'new'), putItemTx('bookingRef', { ...keys.bookingRef(booking.bookingId), memberId: booking.memberId }, 'new')];
}

/** Replaces the booking with its next state, only if nobody changed it since `expectedVersion`. */
export function bookingReplaceItem(next: BookingRecord, expectedVersion: number): LabeledItem {
  return putItemTx('booking', bookingItem(next), {
    ConditionExpression: '#status = :booked AND version = :expected',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':booked': 'booked', ':expected': expectedVersion },
  });
}

/** The member's booking lock: a new or moved booking is checked against the bookings at this version. */
export function bookingLockItem(memberId: string, expected: number | undefined): LabeledItem {
  return updateItemTx('bookingLock', {
    Key: keys.member(memberId),
    UpdateExpression: 'SET bookingVersion = :next',
    ConditionExpression: expected === undefined ? 'attribute_exists(pk) AND attribute_not_exists(bookingVersion)' : 'bookingVersion = :expected',
    ExpressionAttributeValues: expected === undefined ? { ':next': 1 } : { ':next': expected + 1, ':expected': expected },
  });
}

/** Counts a no-show on the member (no version: it touches nothing a balance depends on). */
export function noShowCountItem(memberId: string): LabeledItem {
  return updateItemTx('member', {
    Key: keys.member(memberId),
    UpdateExpression: 'SET noShowCount = if_not_exists(noShowCount, :zero) + :one',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
  });
}
