import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { keys } from './keys';
import { indexItems, partitionItems } from './query';
import type { BookingRecord, ServiceRecord, StoreRecord } from './records';
import type { LabeledItem } from './transactions';

// ---- services and schedules --------------------------------------------------------------------

export async function listServices(): Promise<ServiceRecord[]> {
  return partitionItems<ServiceRecord>(keys.servicesPartition);
}

export async function getService(serviceId: string): Promise<ServiceRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: table(), Key: keys.service(serviceId), ConsistentRead: true }));
  return Item as ServiceRecord | undefined;
}

export async function putService(service: ServiceRecord): Promise<void> {
  await db().send(new PutCommand({ TableName: table(), Item: { ...keys.service(service.serviceId), ...service } }));
}

/** A manager sets their store's capacity (or stops offering it: null), leaving other stores alone. */
export async function setServiceCapacity(serviceId: string, storeId: string, capacity: number | null): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.service(serviceId),
        UpdateExpression: capacity === null ? 'REMOVE capacityByStore.#store' : 'SET capacityByStore.#store = :capacity',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#store': storeId },
        ...(capacity === null ? {} : { ExpressionAttributeValues: { ':capacity': capacity } }),
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** The store's own record, strongly consistent (a closed day set a second ago is respected). */
export async function getStore(storeId: string): Promise<StoreRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: table(), Key: keys.store(storeId), ConsistentRead: true }));
  return Item as StoreRecord | undefined;
}

export async function updateSchedule(storeId: string, schedule: Pick<StoreRecord, 'openingHours' | 'closedDates' | 'slotMinutes' | 'minNoticeMinutes' | 'horizonDays'>): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.store(storeId),
      UpdateExpression: 'SET openingHours = :hours, closedDates = :closed, slotMinutes = :slot, minNoticeMinutes = :notice, horizonDays = :horizon',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: {
        ':hours': schedule.openingHours,
        ':closed': schedule.closedDates,
        ':slot': schedule.slotMinutes,
        ':notice': schedule.minNoticeMinutes,
        ':horizon': schedule.horizonDays,
      },
    }),
  );
}

// ---- slot cells --------------------------------------------------------------------------------

/** Booked seats per cell of a day ('HH:MM' → seats): one query over that day's cells only. */
export async function bookedCells(storeId: string, serviceId: string, date: string): Promise<Map<string, number>> {
  const cells = await partitionItems<{ sk: string; booked?: number }>(keys.slotDay(storeId, serviceId, date));
  return new Map(cells.map((cell) => [cell.sk.slice(2), Number(cell.booked ?? 0)]));
}

/** Takes (+1) or releases (−1) a seat of a cell; taking is conditioned on staying within capacity. */
export function cellItem(storeId: string, serviceId: string, date: string, time: string, delta: 1 | -1, capacity: number): LabeledItem {
  return {
    label: `cell:${storeId}:${date}:${time}`,
    item: {
      Update: {
        TableName: table(),
        Key: keys.slotCell(storeId, serviceId, date, time),
        UpdateExpression: 'SET booked = if_not_exists(booked, :zero) + :delta',
        ConditionExpression: delta > 0 ? 'attribute_not_exists(booked) OR booked < :capacity' : 'booked >= :one',
        ExpressionAttributeValues: delta > 0 ? { ':zero': 0, ':delta': 1, ':capacity': capacity } : { ':zero': 0, ':delta': -1, ':one': 1 },
      },
    },
  };
}

// ---- bookings ----------------------------------------------------------------------------------

export async function listMemberBookings(memberId: string): Promise<BookingRecord[]> {
  return partitionItems<BookingRecord>(keys.memberPartition(memberId), keys.bookingPrefix);
}

export async function getBooking(memberId: string, bookingId: string): Promise<BookingRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: table(), Key: keys.booking(memberId, bookingId), ConsistentRead: true }));
  return Item as BookingRecord | undefined;
}

export async function memberOfBooking(bookingId: string): Promise<string | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: table(), Key: keys.bookingRef(bookingId), ConsistentRead: true }));
  return Item?.memberId as string | undefined;
}

/** A store's bookings of a day (any member, any origin), by start time. */
export async function storeDayBookings(storeId: string, date: string): Promise<BookingRecord[]> {
  return indexItems<BookingRecord>(keys.storeDayIndex.name, 'gsi1pk', keys.storeDayIndex.pk(storeId, date));
}

/** The 15-minute window (Shanghai wall clock) a reminder falls in: 'YYYY-MM-DDTHH:mm'. */
export function reminderWindow(at: number): string {
  const window = Math.floor(at / (15 * 60_000)) * 15 * 60_000;
  return new Date(window + 8 * 3600_000).toISOString().slice(0, 16);
}

function bookingItem(booking: BookingRecord) {
  // Only bookings still waiting for an accepted reminder are in the reminder index.
  const remind = booking.status === 'booked' && booking.reminderAccepted && !booking.reminderSentAt;
  return {
    ...keys.booking(booking.memberId, booking.bookingId),
    gsi1pk: keys.storeDayIndex.pk(booking.storeId, booking.date),
    gsi1sk: keys.storeDayIndex.sort(booking.startAt, booking.bookingId),
    ...(remind ? { gsi2pk: keys.reminderIndex.pk(reminderWindow(Date.parse(booking.remindAt)), keys.shardOf(booking.bookingId)), gsi2sk: booking.bookingId } : {}),
    ...booking,
  };
}

export function bookingPutItems(booking: BookingRecord): LabeledItem[] {
  return [
    { label: 'booking', item: { Put: { TableName: table(), Item: bookingItem(booking), ConditionExpression: 'attribute_not_exists(pk)' } } },
    {
      label: 'bookingRef',
      item: { Put: { TableName: table(), Item: { ...keys.bookingRef(booking.bookingId), memberId: booking.memberId }, ConditionExpression: 'attribute_not_exists(pk)' } },
    },
  ];
}

/** Replaces the booking with its next state, only if nobody changed it since `expectedVersion`. */
export function bookingReplaceItem(next: BookingRecord, expectedVersion: number): LabeledItem {
  return {
    label: 'booking',
    item: {
      Put: {
        TableName: table(),
        Item: bookingItem(next),
        ConditionExpression: '#status = :booked AND version = :expected',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':booked': 'booked', ':expected': expectedVersion },
      },
    },
  };
}

/** The member's booking lock: a new or moved booking is checked against the bookings at this version. */
export function bookingLockItem(memberId: string, expected: number | undefined): LabeledItem {
  return {
    label: 'bookingLock',
    item: {
      Update: {
        TableName: table(),
        Key: keys.member(memberId),
        UpdateExpression: 'SET bookingVersion = :next',
        ConditionExpression: expected === undefined ? 'attribute_exists(pk) AND attribute_not_exists(bookingVersion)' : 'bookingVersion = :expected',
        ExpressionAttributeValues: expected === undefined ? { ':next': 1 } : { ':next': expected + 1, ':expected': expected },
      },
    },
  };
}

/** Counts a no-show on the member (no version: it touches nothing a balance depends on). */
export function noShowCountItem(memberId: string): LabeledItem {
  return {
    label: 'member',
    item: {
      Update: {
        TableName: table(),
        Key: keys.member(memberId),
        UpdateExpression: 'SET noShowCount = if_not_exists(noShowCount, :zero) + :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
      },
    },
  };
}
