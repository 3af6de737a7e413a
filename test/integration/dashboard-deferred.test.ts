/**
 * A checkout's dashboard counters leave its transaction (README § Dashboards, Checkouts at once): the
 * bill records its adds, and the applier adds them exactly once — whatever runs at once, retries or
 * crashes halfway — and a refund that lands first still nets exactly.
 */
import { randomUUID } from 'node:crypto';
import { routes } from '../../shared/contract/routes';
import { shanghaiDate } from '../../shared/dates';
import { applyBillStats, applyPendingStats, settlePendingStats } from '../../functions/domain/pending-stats';
import { keys } from '../../functions/store/keys';
import { getItem } from '../../functions/store/query';
import { CHAIN, dayCounters, periodCounters, POINTS_OUTSTANDING, TOTAL, type Counters, type PendingStats } from '../../functions/store/stats';
import { applyPendingStatsTransaction, pendingStatsBills, pendingStatsOf } from '../../functions/store/stats-pending';
import { checkout, login, receipt, scan, useStack } from './fixtures';

const { client, staff } = useStack('clerkA', 'managerA');

const FIGURES = ['visits', 'membersServed', 'newMembers', 'pointsIssued'] as const;

/** Today's figures at jingan and the chain, and the points outstanding: straight from the counters. */
async function counters(): Promise<Record<string, number>> {
  const today = shanghaiDate();
  const [store, chain, totals] = await Promise.all([dayCounters('jingan', today, today), dayCounters(CHAIN, today, today), periodCounters([CHAIN], TOTAL)]);
  const pick = (label: string, c: Counters | undefined, figures: readonly string[]) => Object.fromEntries(figures.map((f) => [`${label}.${f}`, c?.[f] ?? 0]));
  // The chain's new members are counted at the login that creates them, not by a bill: left out.
  return {
    ...pick('store', store.get(today), FIGURES),
    ...pick(
      'chain',
      chain.get(today),
      FIGURES.filter((f) => f !== 'newMembers'),
    ),
    outstanding: totals.get(CHAIN)?.[POINTS_OUTSTANDING] ?? 0,
  };
}

const moved = (before: Record<string, number>, after: Record<string, number>) =>
  Object.fromEntries(Object.keys(after).flatMap((k) => (after[k] !== before[k] ? [[k, after[k]! - before[k]!]] : [])));

/** A new member's first bill at jingan (a new member: served and new at the store today). */
async function newMemberBill(amountFen = 5_000): Promise<{ checkoutId: string; pointsEarned: number }> {
  const { token } = await login(client, `deferred-${randomUUID().slice(0, 8)}`);
  const visit = await scan(client, token, staff.clerkA);
  const res = await checkout(client, staff.clerkA, visit.visitId, { receiptNo: receipt('DEF'), amountFen });
  expect(res.status).toBe(200);
  return { checkoutId: res.body.checkoutId, pointsEarned: res.body.pointsEarned };
}

const billItem = (checkoutId: string) => getItem<Record<string, unknown> & { pendingStats?: PendingStats }>(keys.checkout(checkoutId));

/** What one new member's bill adds, once applied. */
const oneBill = (points: number) => ({
  'store.visits': 1,
  'store.membersServed': 1,
  'store.newMembers': 1,
  'store.pointsIssued': points,
  'chain.visits': 1,
  'chain.membersServed': 1,
  'chain.pointsIssued': points,
  outstanding: points,
});

beforeEach(async () => {
  await settlePendingStats(); // the seed's bills, and anything an earlier test left
});

describe('a checkout’s dashboard counters, applied after it', () => {
  it('records the adds on the bill and moves no counter; one apply moves them and takes them off the bill', async () => {
    const before = await counters();
    const { checkoutId, pointsEarned } = await newMemberBill();
    expect(pointsEarned).toBeGreaterThan(0);
    expect(await counters()).toEqual(before);
    const pending = await billItem(checkoutId);
    // Its store's day, the chain's day, the totals: what the checkout's transaction used to add itself.
    expect(pending?.pendingStats?.map((p) => `${p.scope} ${p.period}`).sort()).toEqual([`${CHAIN} D${shanghaiDate()}`, `${CHAIN} ${TOTAL}`, `jingan D${shanghaiDate()}`]);
    expect(pending?.gsi2pk).toMatch(/^STATSPENDING#[0-7]$/);

    expect(await applyPendingStats()).toEqual({ applied: 1, already: 0 });
    expect(moved(before, await counters())).toEqual(oneBill(pointsEarned));
    const applied = await billItem(checkoutId);
    expect(applied?.pendingStats).toBeUndefined();
    expect(applied?.gsi2pk).toBeUndefined();
    expect(applied?.checkoutId).toBe(checkoutId);
  });

  it('adds each bill once: applying again, and five appliers at once, change nothing more', async () => {
    const before = await counters();
    const bills = await Promise.all([newMemberBill(3_000), newMemberBill(4_000), newMemberBill(6_000)]);
    const points = bills.reduce((s, b) => s + b.pointsEarned, 0);
    const runs = await Promise.all(Array.from({ length: 5 }, () => applyPendingStats()));
    expect(runs.reduce((s, r) => s + r.applied, 0)).toBe(3);
    const once = await counters();
    expect(moved(before, once)).toEqual({
      'store.visits': 3,
      'store.membersServed': 3,
      'store.newMembers': 3,
      'store.pointsIssued': points,
      'chain.visits': 3,
      'chain.membersServed': 3,
      'chain.pointsIssued': points,
      outstanding: points,
    });
    expect(await applyPendingStats()).toEqual({ applied: 0, already: 0 });
    expect(await counters()).toEqual(once);
  });

  it('nets a refund that lands before its bill’s adds exactly: the visit and points go, the member stays served', async () => {
    const before = await counters();
    const { checkoutId, pointsEarned } = await newMemberBill();
    const refund = await client.call(routes.staffReverse, { token: staff.managerA, params: { checkoutId }, idempotencyKey: randomUUID() });
    expect(refund.status).toBe(200);
    // The refund's own transaction took the bill's visit and points off already: below zero for now.
    expect(moved(before, await counters())).toEqual({
      'store.visits': -1,
      'store.pointsIssued': -pointsEarned,
      'chain.visits': -1,
      'chain.pointsIssued': -pointsEarned,
      outstanding: -pointsEarned,
    });
    await settlePendingStats();
    expect(moved(before, await counters())).toEqual({ 'store.membersServed': 1, 'store.newMembers': 1, 'chain.membersServed': 1 });
  });

  it('never counts twice when an applier dies after reading and another applies, or its transaction is sent twice', async () => {
    const before = await counters();
    const { checkoutId, pointsEarned } = await newMemberBill();
    // An applier reads the bill, then dies before its transaction; another reads the same and applies.
    const read = await pendingStatsOf(await pendingStatsBills(25));
    const ours = read.find((r) => r.bill.pk === keys.checkout(checkoutId).pk)!;
    expect(ours).toBeDefined();
    expect(await applyBillStats(ours.bill, ours.pending)).toBe('applied');
    // The first one's transaction arrives after all (a retry after a timeout): its condition fails.
    const again = await applyPendingStatsTransaction(ours.bill, ours.pending);
    expect(again).toEqual({ ok: false, failed: ['bill'], conflict: false });
    expect(await applyBillStats(ours.bill, ours.pending)).toBe('already');
    expect(await settlePendingStats()).toEqual({ applied: 0 });
    expect(moved(before, await counters())).toEqual(oneBill(pointsEarned));
  });

  it('applies a new bill’s adds from the stream’s image of it, and adds nothing when the stream delivers the record again', async () => {
    const before = await counters();
    const { checkoutId, pointsEarned } = await newMemberBill();
    const bill = (await billItem(checkoutId))!;
    const { handler } = await import('../../functions/jobs/stats');
    // The record as DynamoDB Streams delivers it (attribute-value form, NEW_IMAGE).
    const image = {
      pk: { S: String(bill.pk) },
      sk: { S: String(bill.sk) },
      gsi2pk: { S: String(bill.gsi2pk) },
      pendingStats: {
        L: bill.pendingStats!.map((p) => ({
          M: { scope: { S: p.scope }, period: { S: p.period }, adds: { M: Object.fromEntries(Object.entries(p.adds).map(([a, n]) => [a, { N: String(n) }])) } },
        })),
      },
    };
    const event = { Records: [{ eventName: 'INSERT', dynamodb: { Keys: { pk: image.pk, sk: image.sk }, NewImage: image } }] };
    const context = { awsRequestId: `stream-${randomUUID()}`, functionName: 'jobStats' };
    expect(await handler(event as never, context as never)).toEqual({ applied: 1, already: 0 });
    expect(await handler(event as never, context as never)).toEqual({ applied: 0, already: 1 });
    expect(moved(before, await counters())).toEqual(oneBill(pointsEarned));
  });

  it('lands 30 checkouts at once at one store, each leaving its adds on its bill, all applied exactly once by appliers running alongside', async () => {
    const before = await counters();
    const appliers: Array<Promise<unknown>> = [];
    const bills = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const bill = await newMemberBill(2_000 + i * 100);
        if (i % 10 === 0) appliers.push(applyPendingStats());
        return bill;
      }),
    );
    await Promise.all(appliers);
    await settlePendingStats();
    const points = bills.reduce((s, b) => s + b.pointsEarned, 0);
    expect(moved(before, await counters())).toEqual({
      'store.visits': 30,
      'store.membersServed': 30,
      'store.newMembers': 30,
      'store.pointsIssued': points,
      'chain.visits': 30,
      'chain.membersServed': 30,
      'chain.pointsIssued': points,
      outstanding: points,
    });
  });
});
