/**
 * 数据看板 (README § Dashboards): the figures follow the writes — bills, refunds, bookings, no-shows,
 * ratings — exactly, merges and deletions count nothing twice, a manager sees only their store, and
 * opening a month of the chain reads only counter items (never a member or a bill).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { addDays, shanghaiDate } from '../../shared/dates';
import { routes } from '../../shared/contract/routes';
import type { DashboardFigures, DashboardQuery, DashboardResponse } from '../../shared/schemas/dashboard';
import { eraseMember } from '../../functions/domain/deletion';
import { dashboard } from '../../functions/domain/dashboard';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from '../../functions/store/client';
import { memberIdByMemberNo } from '../../functions/store/members';
import { getStaffByOpenid } from '../../functions/store/staff';
import { checkout, receipt, scan, tokenOf, useStack, type Client } from './fixtures';

const { client, staff } = useStack('hq', 'clerkA', 'clerkB', 'managerA');

const DAY_MS = 86_400_000;
const today = () => shanghaiDate(Date.now());
const newOpenid = (label: string) => `dash-${label}-${randomUUID().slice(0, 8)}`;
const newPhone = () => `176${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

async function dash(token: string, query: Partial<DashboardQuery> = {}): Promise<DashboardResponse> {
  return client.ok(routes.adminDashboard, { token, query: { period: 'day', ...query } as DashboardQuery });
}

/** A scope's figures (null: the chain). */
function of(view: DashboardResponse, storeId: string | null): DashboardFigures {
  const scope = view.scopes.find((s) => s.storeId === storeId);
  if (!scope) throw new Error(`no scope ${storeId} in ${view.scopes.map((s) => s.storeId).join(',')}`);
  return scope.figures;
}

const COUNTED = [
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
  'ratings',
] as const;

/** What changed between two readings of a scope's counted figures. */
function delta(before: DashboardFigures, after: DashboardFigures): Record<(typeof COUNTED)[number], number> {
  return Object.fromEntries(COUNTED.map((f) => [f, after[f] - before[f]])) as Record<(typeof COUNTED)[number], number>;
}

const zero = Object.fromEntries(COUNTED.map((f) => [f, 0]));

async function bill(c: Client, memberToken: string, clerkToken: string, amountFen: number, redeemPoints = 0) {
  const visit = await scan(c, memberToken, clerkToken);
  const res = await checkout(c, clerkToken, visit.visitId, { receiptNo: receipt('DASH'), amountFen, redeemPoints });
  if (res.status !== 200) throw new Error(`checkout: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const segmentsTotal = (view: DashboardResponse) => view.segments.reduce((s, x) => s + x.members, 0);

describe('the seeded demo chain', () => {
  it('has figures from its replayed purchases', async () => {
    const months = await Promise.all([0, -31, -62].map((d) => dash(staff.hq, { period: 'month', date: addDays(today(), d) })));
    expect(months.reduce((s, m) => s + of(m, null).visits, 0)).toBeGreaterThan(0);
    expect(months.reduce((s, m) => s + of(m, null).pointsIssued, 0)).toBeGreaterThan(0);
    expect(months[0]!.pointsOutstanding!.points).toBeGreaterThan(0);
    expect(segmentsTotal(months[0]!)).toBeGreaterThan(0);
  });
});

describe('the figures follow the bills', () => {
  it('counts visits, members served (distinct), new, repeat, cross-store and points per store and for the chain', async () => {
    const before = await dash(staff.hq);
    const m1 = await tokenOf(client, newOpenid('m1'));
    const m2 = await tokenOf(client, newOpenid('m2'));
    const a1 = await bill(client, m1, staff.clerkA, 8_800);
    const a2 = await bill(client, m1, staff.clerkA, 6_600);
    const b1 = await bill(client, m1, staff.clerkB, 5_000, 100);
    const b2 = await bill(client, m2, staff.clerkB, 3_000);
    const after = await dash(staff.hq);
    // The welcome rules gave each new member their coupons (chain-wide, not at a store).
    const welcomed = (await Promise.all([m1, m2].map((token) => client.ok(routes.meCoupons, { token, query: { status: 'available' } })))).reduce(
      (s, c) => s + c.items.length,
      0,
    );

    expect(delta(of(before, 'jingan'), of(after, 'jingan'))).toEqual({
      ...zero,
      visits: 2,
      membersServed: 1,
      newMembers: 1,
      repeatMembers: 1,
      pointsIssued: a1.pointsEarned + a2.pointsEarned,
    });
    expect(delta(of(before, 'xuhui'), of(after, 'xuhui'))).toEqual({
      ...zero,
      visits: 2,
      membersServed: 2,
      newMembers: 1,
      // m1's first visit at 徐家汇: not a repeat there, but a visit by a member whose first store is 静安寺.
      crossStoreVisits: 1,
      pointsIssued: b1.pointsEarned + b2.pointsEarned,
      pointsRedeemed: 100,
    });
    expect(delta(of(before, null), of(after, null))).toEqual({
      ...zero,
      visits: 4,
      membersServed: 2,
      // The chain counts members created (both logged in today).
      newMembers: 2,
      repeatMembers: 1,
      crossStoreVisits: 1,
      pointsIssued: a1.pointsEarned + a2.pointsEarned + b1.pointsEarned + b2.pointsEarned,
      pointsRedeemed: 100,
      couponsIssued: welcomed,
    });
    const chain = of(after, null);
    expect(chain.repeatRate).toBeCloseTo(chain.repeatMembers / chain.membersServed);
    expect(chain.crossStoreShare).toBeCloseTo(chain.crossStoreVisits / chain.visits);
    // The liability moves by what was earned less what was spent.
    const earned = a1.pointsEarned + a2.pointsEarned + b1.pointsEarned + b2.pointsEarned;
    expect(after.pointsOutstanding!.points - before.pointsOutstanding!.points).toBe(earned - 100);
    expect(after.pointsOutstanding!.liabilityFen).toBe(after.pointsOutstanding!.points);
    // Two new members joined a segment.
    expect(segmentsTotal(after) - segmentsTotal(before)).toBe(2);
  });

  it('a refund subtracts its visit and points from the bill’s day; the member still counts as served (and as a repeat)', async () => {
    const m = await tokenOf(client, newOpenid('refund'));
    await bill(client, m, staff.clerkA, 2_000);
    const before = await dash(staff.hq);
    const refunded = await bill(client, m, staff.clerkA, 9_900);
    const mid = await dash(staff.hq);
    expect(delta(of(before, 'jingan'), of(mid, 'jingan')).visits).toBe(1);
    const reversed = await client.call(routes.staffReverse, { token: staff.managerA, params: { checkoutId: refunded.checkoutId }, idempotencyKey: randomUUID() });
    expect(reversed.status).toBe(200);
    const after = await dash(staff.hq);
    // Distinct members are not taken back (README § Dashboards): the second visit made them a repeat.
    expect(delta(of(before, 'jingan'), of(after, 'jingan'))).toEqual({ ...zero, repeatMembers: 1 });
    expect(delta(of(before, null), of(after, null))).toEqual({ ...zero, repeatMembers: 1 });
    expect(after.pointsOutstanding!.points).toBe(before.pointsOutstanding!.points);
  });
});

describe('merges and deletions count nothing twice', () => {
  it('a walk-in merged into a WeChat card changes no figure but the segments; its erasure forfeits its points from the liability', async () => {
    const phone = newPhone();
    const walkIn = await client.call(routes.staffPhoneVisit, { token: staff.clerkA, body: { phone } });
    expect(walkIn.status).toBe(201);
    const walkBill = await checkout(client, staff.clerkA, walkIn.body.visitId, { receiptNo: receipt('WALK'), amountFen: 12_000 });
    expect(walkBill.status).toBe(200);
    const openid = newOpenid('merge');
    const token = await tokenOf(client, openid);
    await bill(client, token, staff.clerkB, 4_000);

    const before = await dash(staff.hq);
    const bound = await client.call(routes.mePhoneBind, { token, body: { code: `phone-${phone}-${randomUUID().slice(0, 8)}` }, idempotencyKey: randomUUID() });
    expect(bound.status).toBe(200);
    const merged = await dash(staff.hq);
    for (const scope of [null, 'jingan', 'xuhui']) expect(delta(of(before, scope), of(merged, scope))).toEqual(zero);
    expect(merged.pointsOutstanding).toEqual(before.pointsOutstanding);
    // Two members became one.
    expect(segmentsTotal(merged)).toBe(segmentsTotal(before) - 1);

    const shown = await client.ok(routes.meCard, { token });
    expect(shown.points).toBeGreaterThan(0);
    const points = shown.points;
    const memberId = (await memberIdByMemberNo(shown.memberNo))!;
    expect((await client.call(routes.meDeletionRequest, { token, body: { confirm: true }, idempotencyKey: randomUUID() })).status).toBe(200);
    expect((await eraseMember(memberId, { now: () => Date.now() + 8 * DAY_MS })).outcome).toBe('erased');
    const erased = await dash(staff.hq);
    for (const scope of [null, 'jingan', 'xuhui']) expect(delta(of(merged, scope), of(erased, scope))).toEqual(zero);
    expect(erased.pointsOutstanding!.points).toBe(merged.pointsOutstanding!.points - points);
    expect(segmentsTotal(erased)).toBe(segmentsTotal(merged) - 1);
  });
});

describe('bookings, no-shows and ratings', () => {
  it('counts bookings on the booked store-day, takes a cancelled one off, and counts a no-show', async () => {
    const res = await client.post('/v1/admin/services', {
      token: staff.hq,
      body: { name: `看板服务${randomUUID().slice(0, 4)}`, durationMinutes: 60, priceFen: 10_000, capacityByStore: { pudong: 3 } },
    });
    expect(res.status).toBe(201);
    const serviceId = res.body.id;
    const day = addDays(today(), 2);
    const start = `${day}T15:00:00+08:00`;
    const before = await dash(staff.hq, { date: day });
    const [m1, m2] = await Promise.all([tokenOf(client, newOpenid('bk1')), tokenOf(client, newOpenid('bk2'))]);
    const book = (token: string) => client.call(routes.bookingsCreate, { token, body: { storeId: 'pudong', serviceId, start }, idempotencyKey: randomUUID() });
    const [b1, b2] = await Promise.all([book(m1), book(m2)]);
    expect([b1.status, b2.status]).toEqual([201, 201]);
    expect(delta(of(before, 'pudong'), of(await dash(staff.hq, { date: day }), 'pudong')).bookings).toBe(2);
    expect((await client.call(routes.bookingsCancel, { token: m1, params: { bookingId: b1.body.id }, idempotencyKey: randomUUID() })).status).toBe(200);
    const { markNoShow } = await import('../../functions/domain/booking-staff');
    const clerk = (await getStaffByOpenid('demo-clerk-pudong'))!;
    await markNoShow(clerk, b2.body.id, Date.parse(`${day}T17:00:00+08:00`));
    const after = await dash(staff.hq, { date: day });
    expect(delta(of(before, 'pudong'), of(after, 'pudong'))).toEqual({ ...zero, bookings: 1, noShows: 1 });
    expect(delta(of(before, null), of(after, null))).toEqual({ ...zero, bookings: 1, noShows: 1 });
    const pudong = of(after, 'pudong');
    expect(pudong.noShowRate).toBeCloseTo(pudong.noShows / pudong.bookings);
  });

  it('averages the ratings given at the store that day', async () => {
    const before = of(await dash(staff.hq), 'jingan');
    const stars = [5, 2];
    for (const s of stars) {
      const m = await tokenOf(client, newOpenid('rate'));
      const b = await bill(client, m, staff.clerkA, 1_000);
      const rated = await client.call(routes.meRate, { token: m, params: { ref: b.checkoutId }, body: { stars: s, tags: [], comment: '' }, idempotencyKey: randomUUID() });
      expect(rated.status).toBeLessThan(300);
    }
    const after = await dash(staff.hq);
    const jingan = of(after, 'jingan');
    expect(jingan.ratings - before.ratings).toBe(2);
    const sumBefore = (before.averageRating ?? 0) * before.ratings;
    expect(jingan.averageRating).toBeCloseTo((sumBefore + 7) / jingan.ratings);
    // The 2-star rating opened a follow-up at 静安寺, not yet due.
    expect(jingan.openFollowUps - before.openFollowUps).toBe(1);
    expect(of(after, null).openFollowUps).toBeGreaterThanOrEqual(jingan.openFollowUps);
  });
});

describe('who sees what', () => {
  it('a manager sees their own store only, without the chain’s liability and segments; another store is 403 other_store', async () => {
    const own = await dash(staff.managerA);
    expect(own.scopes.map((s) => s.storeId)).toEqual(['jingan']);
    expect(own.pointsOutstanding).toBeNull();
    expect(own.segments).toEqual([]);
    expect(own.campaigns).toEqual([]);
    expect((await dash(staff.managerA, { storeId: 'jingan' })).scopes).toHaveLength(1);
    const other = await client.call(routes.adminDashboard, { token: staff.managerA, query: { period: 'day', storeId: 'xuhui' } });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('other_store');
    const clerk = await client.call(routes.adminDashboard, { token: staff.clerkA, query: { period: 'day' } });
    expect(clerk.status).toBe(403);
  });

  it('HQ sees the chain first and every store side by side, or one store; an unknown store is refused', async () => {
    const all = await dash(staff.hq);
    expect(all.scopes[0]!.storeId).toBeNull();
    expect(
      all.scopes
        .map((s) => s.storeId)
        .slice(1)
        .sort(),
    ).toEqual(['jingan', 'pudong', 'xuhui']);
    expect(all.segments.map((s) => s.segment)).toEqual(['new', 'active', 'at_risk', 'dormant', 'regular']);
    expect(all.campaigns.map((c) => c.campaignId)).toEqual(['birthday', 'reactivation_at_risk', 'reactivation_dormant']);
    const one = await dash(staff.hq, { storeId: 'xuhui' });
    expect(one.scopes.map((s) => s.storeId)).toEqual(['xuhui']);
    expect(one.pointsOutstanding).not.toBeNull();
    const unknown = await client.call(routes.adminDashboard, { token: staff.hq, query: { period: 'day', storeId: 'nowhere' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('unknown_store');
  });
});

describe('periods', () => {
  it('a day shows the 7 days up to it; a week Monday–Sunday and a month sum their days, members served counted once per period', async () => {
    const m = await tokenOf(client, newOpenid('period'));
    await bill(client, m, staff.clerkA, 1_000);
    await bill(client, m, staff.clerkA, 1_000);
    const day = await dash(staff.hq);
    expect(day.from).toBe(today());
    expect(day.scopes[0]!.trend.map((p) => p.date)).toEqual([-6, -5, -4, -3, -2, -1, 0].map((d) => addDays(today(), d)));
    for (const period of ['week', 'month'] as const) {
      const view = await dash(staff.hq, { period });
      expect(view.from <= today() && today() <= view.to).toBe(true);
      for (const scope of view.scopes) {
        const trend = scope.trend;
        expect(trend[0]!.date).toBe(view.from);
        expect(trend[trend.length - 1]!.date).toBe(view.to);
        expect(scope.figures.visits).toBe(trend.reduce((s, p) => s + p.visits, 0));
        expect(scope.figures.pointsIssued).toBe(trend.reduce((s, p) => s + p.pointsIssued, 0));
        // Distinct over the period: no more than the days' sum, no fewer than any one day.
        expect(scope.figures.membersServed).toBeLessThanOrEqual(trend.reduce((s, p) => s + p.membersServed, 0));
        expect(scope.figures.membersServed).toBeGreaterThanOrEqual(Math.max(...trend.map((p) => p.membersServed)));
        const todays = trend.find((p) => p.date === today())!;
        expect(todays.visits).toBe(of(day, scope.storeId).visits);
      }
    }
    const week = await dash(staff.hq, { period: 'week' });
    expect(new Date(`${week.from}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(week.scopes[0]!.trend).toHaveLength(7);
    const month = await dash(staff.hq, { period: 'month', date: '2026-02-10' });
    expect([month.from, month.to]).toEqual(['2026-02-01', '2026-02-28']);
  });
});

describe('the counters never stop a checkout', () => {
  it('lands 20 concurrent checkouts at one store, all counted', async () => {
    const members = await Promise.all(Array.from({ length: 20 }, (_, i) => tokenOf(client, newOpenid(`burst${i}`))));
    const visits = await Promise.all(members.map((m) => scan(client, m, staff.clerkB)));
    const before = await dash(staff.hq);
    const results = await Promise.all(visits.map((v) => checkout(client, staff.clerkB, v.visitId, { receiptNo: receipt('BURST'), amountFen: 2_000 })));
    expect(results.map((r) => r.status)).toEqual(members.map(() => 200));
    const after = await dash(staff.hq);
    const earned = results.reduce((s, r) => s + r.body.pointsEarned, 0);
    expect(delta(of(before, 'xuhui'), of(after, 'xuhui'))).toEqual({ ...zero, visits: 20, membersServed: 20, newMembers: 20, pointsIssued: earned });
    expect(delta(of(before, null), of(after, null))).toEqual({ ...zero, visits: 20, membersServed: 20, pointsIssued: earned });
  });
});

describe('the cost of opening a dashboard', () => {
  it('reads a month of the chain from counter items only: a Query per scope, BatchGets, never a member or a bill', async () => {
    const hq = (await getStaffByOpenid('demo-hq-admin'))!;
    await dashboard(hq, { period: 'month' }); // warm the store names
    const calls: Array<{ command: string; pk?: string; index?: string }> = [];
    const spy = 'dashboardCallSpy';
    db().middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { ExpressionAttributeValues?: Record<string, unknown>; IndexName?: string };
        calls.push({ command: String(context.commandName), pk: String(input.ExpressionAttributeValues?.[':pk'] ?? ''), index: input.IndexName });
        return next(args);
      },
      { step: 'initialize', name: spy },
    );
    try {
      const view = await dashboard(hq, { period: 'month' });
      expect(view.scopes).toHaveLength(4);
    } finally {
      db().middlewareStack.remove(spy);
    }
    expect(calls.some((c) => c.command.startsWith('Scan'))).toBe(false);
    const queries = calls.filter((c) => c.command.startsWith('Query'));
    // Counter partitions, the campaigns' settings, and index lists (open follow-ups, templates).
    expect(queries.filter((c) => !c.index && !c.pk!.startsWith('STATS#') && c.pk !== 'CAMPAIGNS')).toEqual([]);
    expect(queries.some((c) => c.pk!.startsWith('MEMBER#') || c.pk!.startsWith('CHECKOUT'))).toBe(false);
    // 4 scopes' days + the month's distinct items, the totals, the ratings' store-days, follow-ups, templates, campaigns.
    expect(calls.length).toBeLessThanOrEqual(12);
  });
});

describe('the running totals', () => {
  // Last: after every bill, refund, merge, erasure and burst above (and the demo seed), a recount.
  it('equal a recount of the members: points outstanding and members by stored segment', async () => {
    const members: Array<Record<string, unknown>> = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db().send(
        new ScanCommand({
          TableName: table(),
          FilterExpression: 'sk = :profile AND begins_with(pk, :member)',
          ExpressionAttributeValues: { ':profile': 'PROFILE', ':member': 'MEMBER#' },
          ExclusiveStartKey: start,
        }),
      );
      members.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    const live = members.filter((m) => !m.mergedInto && !m.deletionState);
    const view = await dash(staff.hq);
    expect(view.pointsOutstanding!.points).toBe(live.reduce((s, m) => s + Number(m.points ?? 0), 0));
    const bySegment = new Map<string, number>();
    for (const m of live) bySegment.set(String(m.segment ?? 'new'), (bySegment.get(String(m.segment ?? 'new')) ?? 0) + 1);
    expect(Object.fromEntries(view.segments.map((s) => [s.segment, s.members]))).toEqual(
      Object.fromEntries(view.segments.map((s) => [s.segment, bySegment.get(s.segment) ?? 0])),
    );
  });
});
