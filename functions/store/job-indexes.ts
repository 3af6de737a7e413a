/**
 * The sparse indexes the daily jobs read (layout in keys.ts): the index entries a member's or a
 * booking's own fields imply, the partitions a job walks, and a page of one as ids.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { keys, type IndexName, type Key } from './keys';
import type { BookingRecord } from './records';

// ---- entries -----------------------------------------------------------------------------------

/**
 * A member is in the birthday index while it has a `birthday` ('MM-DD') and in the lapse index while
 * it has a `lapseDate`: setting or removing those fields sets or removes the entries with them.
 * Every write of member fields goes through this.
 */
export function withMemberIndexes(memberId: string, set: Record<string, unknown>, remove: string[] = []): { set: Record<string, unknown>; remove: string[] } {
  const shard = keys.shardOf(memberId);
  const entries: Record<string, unknown> = {
    ...(typeof set.birthday === 'string' ? keys.indexEntry(keys.birthdayIndex.name, keys.birthdayIndex.pk(set.birthday, shard), memberId) : {}),
    ...(typeof set.lapseDate === 'string' ? keys.indexEntry(keys.lapseIndex.name, keys.lapseIndex.pk(set.lapseDate, shard), memberId) : {}),
  };
  return {
    set: { ...set, ...entries },
    remove: [
      ...remove,
      ...(remove.includes('birthday') ? keys.indexAttributes(keys.birthdayIndex.name) : []),
      ...(remove.includes('lapseDate') ? keys.indexAttributes(keys.lapseIndex.name) : []),
    ],
  };
}

/** The 15-minute window (Shanghai wall clock) a reminder falls in: 'YYYY-MM-DDTHH:mm'. */
function reminderWindow(at: number): string {
  const window = Math.floor(at / (15 * 60_000)) * 15 * 60_000;
  return new Date(window + 8 * 3600_000).toISOString().slice(0, 16);
}

/** Only bookings still waiting for an accepted reminder are in the reminder index. */
export function bookingReminderEntry(booking: BookingRecord): Record<string, string> {
  const remind = booking.status === 'booked' && booking.reminderAccepted && !booking.reminderSentAt;
  if (!remind) return {};
  const window = reminderWindow(Date.parse(booking.remindAt));
  return keys.indexEntry(keys.reminderIndex.name, keys.reminderIndex.pk(window, keys.shardOf(booking.bookingId)), booking.bookingId);
}

// ---- partitions --------------------------------------------------------------------------------

/** One shard of an index partition; `pk` also names it in a run's saved cursors. */
export interface IndexPartition {
  index: IndexName;
  pk: string;
}

const shards = Array.from({ length: keys.jobShards }, (_, i) => i);
const everyShard = (index: { name: IndexName; pk: (value: string, shard: number) => string }, values: string[]): IndexPartition[] =>
  values.flatMap((value) => shards.map((shard) => ({ index: index.name, pk: index.pk(value, shard) })));

/** Members whose birthday is one of these month-days ('MM-DD'). */
export const birthdayPartitions = (monthDays: string[]) => everyShard(keys.birthdayIndex, monthDays);
/** Members who reach their next lapse stage on one of these dates. */
export const lapsePartitions = (dates: string[]) => everyShard(keys.lapseIndex, dates);
/** Bookings whose reminder falls in the 15-minute window of this instant. */
export const reminderPartitions = (at: number) => everyShard(keys.reminderIndex, [reminderWindow(at)]);

// ---- pages -------------------------------------------------------------------------------------

export interface IndexPage<T> {
  items: T[];
  /** Where to continue, or null at the end: opaque, saved in the run record. */
  next: string | null;
}

/** One page of an index partition: the keys only (the job reads each match itself). */
async function keysPage(partition: IndexPartition, cursor: string | null, limit: number): Promise<IndexPage<Key>> {
  const { Items, LastEvaluatedKey } = await db().send(
    new QueryCommand({
      TableName: table(),
      IndexName: partition.index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': keys.indexAttributes(partition.index)[0]! },
      ExpressionAttributeValues: { ':pk': partition.pk },
      Limit: limit,
      ...(cursor ? { ExclusiveStartKey: JSON.parse(cursor) as Record<string, unknown> } : {}),
    }),
  );
  return {
    items: (Items ?? []).map((item) => ({ pk: String(item.pk), sk: String(item.sk) })),
    next: LastEvaluatedKey ? JSON.stringify(LastEvaluatedKey) : null,
  };
}

/** A page of a member index (birthday, lapse): member ids. */
export async function memberIdsPage(partition: IndexPartition, cursor: string | null, limit = 100): Promise<IndexPage<string>> {
  const page = await keysPage(partition, cursor, limit);
  return { items: page.items.map((key) => keys.memberIdOf(key.pk)), next: page.next };
}

/** A page of the reminder index: the bookings' ids and their members'. */
export async function bookingRefsPage(partition: IndexPartition, cursor: string | null, limit = 100): Promise<IndexPage<{ memberId: string; bookingId: string }>> {
  const page = await keysPage(partition, cursor, limit);
  return { items: page.items.map((key) => ({ memberId: keys.memberIdOf(key.pk), bookingId: keys.bookingIdOf(key.sk) })), next: page.next };
}
