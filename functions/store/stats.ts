/**
 * The dashboards' counters (README § Dashboards): flat numeric attributes on sharded items per scope
 * (a store, or the chain) and period, each moved by `ADD` inside the transaction of the change that
 * moves it — a bill's reversal, a coupon issued, a booking, a member created, a merge, an erasure.
 * A retried request replays its stored answer and never adds twice; a cancelled transaction adds
 * nothing. The one exception is the checkout, the hot path: it decides its adds the same way but
 * records them on its bill (`pending()`), and the applier adds them a moment later, once
 * (functions/store/stats-pending.ts): the bill itself is the record that they were added, so the
 * stream feeding the applier may deliver twice and nothing counts twice.
 *
 * Layout (functions/store/keys.ts `stats`): partition `STATS#<scope>`, sort keys `D<date>#<shard>`,
 * and for the chain `TOTAL#<shard>`. A member's first visit of a week or month is counted on the day
 * it happens (`weekMembersServed`, `monthMembersServed`, … on the day item), so a week's distinct
 * members are the sum of its days' and a bill touches two day items (store, chain) and the totals,
 * not separate week and month items. Opening a dashboard reads a scope's days as one Query on a
 * sort-key range, and the totals in one BatchGet: never a member or a bill.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, shanghaiDate } from '../../shared/dates';
import { db, table } from './client';
import { keys, type Key } from './keys';
import { batchGetItems } from './query';
import { updateItemTx, type LabeledItem } from './transactions';

/** The chain's scope (a store's scope is its id). */
export const CHAIN = 'CHAIN';

/**
 * Shards per item. A store-day takes a few writes per second at most, but 50 bills at once at one
 * store are 50 transactions on its items: with 8 shards two of them meet on the same item about one
 * time in eight, and the loser's retry (idempotent-change backoff) picks a shard again. The chain's
 * items take every store's writes, so twice as many. Reads sum the shards: a month of a store is
 * 31 × 8 small items in one Query.
 */
export const STORE_SHARDS = 8;
export const CHAIN_SHARDS = 16;
export const shardsOf = (scope: string) => (scope === CHAIN ? CHAIN_SHARDS : STORE_SHARDS);

/** Period ids: a Shanghai day (its items' sort keys), and its week (from Monday) and calendar month (to compare dates by). */
export const dayPeriod = (date: string) => `D${date}`;
export const weekPeriod = (date: string) => `W${mondayOf(date)}`;
export const monthPeriod = (date: string) => `M${date.slice(0, 7)}`;
export const TOTAL = 'TOTAL';

/** The Monday of the week (Monday–Sunday) holding the date. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** The attributes (all numbers; a missing one is 0). */
export const FIGURES = [
  'visits',
  'membersServed',
  'newMembers',
  'repeatMembers',
  'crossStoreVisits',
  'pointsIssued',
  'pointsRedeemed',
  'couponsIssued',
  'couponsRedeemed',
  'bookings',
  'noShows',
] as const;
export type Figure = (typeof FIGURES)[number];
/** Per template: issued (`ti_`) and redeemed (`tr_`); per campaign, by the issue day: issued (`ci_`) and redeemed within 30 days (`cr_`). */
export const templateIssued = (templateId: string) => `ti_${templateId}`;
export const templateRedeemed = (templateId: string) => `tr_${templateId}`;
export const campaignIssued = (campaignId: string) => `ci_${campaignId}`;
export const campaignRedeemed = (campaignId: string) => `cr_${campaignId}`;
/** On the chain's TOTAL items: points not yet spent, and members per stored segment. */
export const POINTS_OUTSTANDING = 'pointsOutstanding';
export const segmentCount = (segment: string) => `seg_${segment}`;

/** Counter adds recorded on a bill until the applier adds them: per scope and period, attribute → n. */
export type PendingStats = Array<{ scope: string; period: string; adds: Record<string, number> }>;

/**
 * The counters one change moves, gathered per item, so a transaction holds one update per item
 * (DynamoDB refuses two operations on one key in a transaction) whatever adds to it.
 */
export class StatsChanges {
  private readonly byItem = new Map<string, { scope: string; period: string; adds: Map<string, number> }>();

  add(scope: string, period: string, attribute: string, n = 1): this {
    if (n === 0) return this;
    const id = `${scope}|${period}`;
    let item = this.byItem.get(id);
    if (!item) this.byItem.set(id, (item = { scope, period, adds: new Map() }));
    item.adds.set(attribute, (item.adds.get(attribute) ?? 0) + n);
    return this;
  }

  /** Adds the same to a store's day and the chain's day. */
  addDay(storeId: string | null, date: string, attribute: string, n = 1): this {
    if (storeId) this.add(storeId, dayPeriod(date), attribute, n);
    return this.add(CHAIN, dayPeriod(date), attribute, n);
  }

  addTotal(attribute: string, n = 1): this {
    return this.add(CHAIN, TOTAL, attribute, n);
  }

  /**
   * The same adds as plain data, to record on a bill and apply later (`fromPending`): a checkout's
   * counters leave its transaction (README § Dashboards, Checkouts at once). Zero adds are left out.
   */
  pending(): PendingStats {
    const out: PendingStats = [];
    for (const { scope, period, adds } of this.byItem.values()) {
      const nonZero = Object.fromEntries([...adds].filter(([, n]) => n !== 0));
      if (Object.keys(nonZero).length > 0) out.push({ scope, period, adds: nonZero });
    }
    return out;
  }

  static fromPending(pending: PendingStats): StatsChanges {
    const stats = new StatsChanges();
    for (const { scope, period, adds } of pending) for (const [attribute, n] of Object.entries(adds)) stats.add(scope, period, attribute, n);
    return stats;
  }

  /** One `ADD` per item touched, each on a shard picked at random (zero changes write nothing). */
  items(random = Math.random): LabeledItem[] {
    const out: LabeledItem[] = [];
    for (const { scope, period, adds } of this.byItem.values()) {
      const nonZero = [...adds].filter(([, n]) => n !== 0);
      if (nonZero.length === 0) continue;
      const names: Record<string, string> = { '#scope': 'scope', '#period': 'period' };
      const values: Record<string, unknown> = { ':scope': scope, ':period': period };
      const parts = nonZero.map(([attribute, n], i) => {
        names[`#a${i}`] = attribute;
        values[`:a${i}`] = n;
        return `#a${i} :a${i}`;
      });
      out.push(
        updateItemTx(`stats:${scope}:${period}`, {
          Key: keys.stats(scope, period, Math.floor(random() * shardsOf(scope))),
          UpdateExpression: `SET #scope = :scope, #period = :period ADD ${parts.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    }
    return out;
  }
}

/** Members per stored segment: one leaves its old segment and joins the new (undefined: none). */
export function segmentMove(stats: StatsChanges, before: string | undefined, after: string | undefined): StatsChanges {
  if (before === after) return stats;
  if (before) stats.addTotal(segmentCount(before), -1);
  if (after) stats.addTotal(segmentCount(after), 1);
  return stats;
}

/**
 * A member created (a first login, a walk-in registered at the counter, the seed): the chain's new
 * members on the creation day, and one more member in the segment they are stored with (none
 * stored yet: `new`, as segmentOf says of a member without visits who joined today).
 */
export function memberCreatedStats(member: { createdAt: string; segment?: string; points: number }): StatsChanges {
  const stats = new StatsChanges().add(CHAIN, dayPeriod(shanghaiDate(Date.parse(member.createdAt))), 'newMembers');
  if (member.points) stats.addTotal(POINTS_OUTSTANDING, member.points);
  return segmentMove(stats, undefined, member.segment ?? 'new');
}

export type Counters = Record<string, number>;

function sumInto(target: Counters, item: Record<string, unknown>): void {
  for (const [attribute, value] of Object.entries(item)) {
    if (typeof value === 'number' && attribute !== 'pk' && attribute !== 'sk') target[attribute] = (target[attribute] ?? 0) + value;
  }
}

/**
 * A scope's days from `from` to `to` (inclusive), shards summed: one Query on the sort-key range
 * (pages followed), strongly consistent. Days without a write are absent (all zeros).
 */
export async function dayCounters(scope: string, from: string, to: string): Promise<Map<string, Counters>> {
  const byDate = new Map<string, Counters>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': keys.statsPartition(scope), ':from': `${dayPeriod(from)}#`, ':to': `${dayPeriod(to)}#~` },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const date = String(item.sk).slice(1, 11);
      const counters = byDate.get(date) ?? {};
      sumInto(counters, item);
      byDate.set(date, counters);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return byDate;
}

/** Several scopes' items of one period (a week, a month, TOTAL), shards summed, in BatchGets of 100 keys. */
export async function periodCounters(scopes: string[], period: string): Promise<Map<string, Counters>> {
  const wanted: Key[] = scopes.flatMap((scope) => Array.from({ length: shardsOf(scope) }, (_, shard) => keys.stats(scope, period, shard)));
  const byScope = new Map<string, Counters>(scopes.map((scope) => [scope, {}]));
  for (const item of await batchGetItems(wanted)) sumInto(byScope.get(String(item.pk).slice('STATS#'.length))!, item);
  return byScope;
}
