/**
 * 数据看板 (README § Dashboards): the figures follow the writes — bills, refunds, bookings, no-shows,
 * ratings — exactly, merges and deletions count nothing twice, a manager sees only their store, and
 * opening a month of the chain reads only counter items (never a member or a bill).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { addDays, shanghaiDate, shanghaiIso } from '../../shared/dates';
import { routes } from '../../shared/contract/routes';
import type { DashboardFigures, DashboardQuery, DashboardResponse } from '../../shared/schemas/dashboard';
import { eraseMember } from '../../functions/domain/deletion';
import { book, cancelBooking } from '../../functions/domain/booking';
import { checkIn, markNoShow } from '../../functions/domain/booking-staff';
import { deliver } from '../../functions/domain/campaigns/deliver';
import { checkout as domainCheckout, reverseCheckout } from '../../functions/domain/checkout';
import { claimableTemplates, claimCoupon, usableNow } from '../../functions/domain/coupons';
import { issueMemberCode } from '../../functions/domain/member-code';
import { rateVisit } from '../../functions/domain/ratings';
import { openVisit } from '../../functions/domain/visits';
import { recordFollowUpOutcome } from '../../functions/domain/follow-ups';
import { getCampaign } from '../../functions/store/campaigns';
import { storeDayCheckouts } from '../../functions/store/checkouts';
import { listTemplates } from '../../functions/store/coupons';
import { keys } from '../../functions/store/keys';
import { partitionItems } from '../../functions/store/query';
import type { BookingRecord, CheckoutRecord, MemberCouponRecord } from '../../functions/store/records';
import { mondayOf } from '../../functions/store/stats';
import { dashboard, FOLLOWED_CAMPAIGNS } from '../../functions/domain/dashboard';
import { applyPendingStats } from '../../functions/domain/pending-stats';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from '../../functions/store/client';
import { getMember, memberIdByMemberNo } from '../../functions/store/members';
import { getFollowUp, getOpenFollowUpId, type FollowUpRecord } from '../../functions/store/ratings';
import { getStaffByOpenid } from '../../functions/store/staff';
import { checkout, login, receipt, scan, settleCounters, tokenOf, useStack, type Client } from './fixtures';

const { client, staff } = useStack('hq', 'clerkA', 'clerkB', 'managerA');

const DAY_MS = 86_400_000;
const today = () => shanghaiDate(Date.now());
const newOpenid = (label: string) => `dash-${label}-${randomUUID().slice(0, 8)}`;
const newPhone = () => `176${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

/** A dashboard through the API, once the applier has added every checkout's recorded counter adds. */
async function dash(token: string, query: Partial<DashboardQuery> = {}): Promise<DashboardResponse> {
  await settleCounters();
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
  it('lands 50 concurrent checkouts at one store, all answered 200 and all counted exactly', async () => {
    const n = 50;
    const members = await Promise.all(Array.from({ length: n }, (_, i) => tokenOf(client, newOpenid(`burst${i}`))));
    const visits = await Promise.all(members.map((m) => scan(client, m, staff.clerkB)));
    const before = await dash(staff.hq);
    const results = await Promise.all(visits.map((v) => checkout(client, staff.clerkB, v.visitId, { receiptNo: receipt('BURST'), amountFen: 2_000 })));
    expect(results.map((r) => r.status)).toEqual(members.map(() => 200));
    const after = await dash(staff.hq);
    const earned = results.reduce((s, r) => s + r.body.pointsEarned, 0);
    expect(delta(of(before, 'xuhui'), of(after, 'xuhui'))).toEqual({ ...zero, visits: n, membersServed: n, newMembers: n, pointsIssued: earned });
    expect(delta(of(before, null), of(after, null))).toEqual({ ...zero, visits: n, membersServed: n, pointsIssued: earned });
    expect(after.pointsOutstanding!.points - before.pointsOutstanding!.points).toBe(earned);
  });
});

describe('the cost of opening a dashboard', () => {
  it('reads a month of the chain from counter items only: a Query per scope, BatchGets, never a member or a bill', async () => {
    const hq = (await getStaffByOpenid('demo-hq-admin'))!;
    await settleCounters();
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

/** A small seeded generator, so a failing burst can be replayed (its seed is in the test's name). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BURST_SEED = Number(process.env.DASHBOARD_SEED ?? randomInt(1, 1_000_000));
const HOUR_MS = 3_600_000;
const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
/** The Shanghai dates a period covers: the day, its Monday–Sunday, its calendar month. */
function boundsOf(period: DashboardQuery['period'], date: string): { from: string; to: string } {
  if (period === 'day') return { from: date, to: date };
  if (period === 'week') return { from: mondayOf(date), to: addDays(mondayOf(date), 6) };
  const next = addDays(`${date.slice(0, 7)}-01`, 31).slice(0, 7);
  return { from: `${date.slice(0, 7)}-01`, to: addDays(`${next}-01`, -1) };
}

/** Every follow-up in the table, as stored (the raw records of the open and overdue figures). */
async function allFollowUps(): Promise<FollowUpRecord[]> {
  const found: FollowUpRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new ScanCommand({
        TableName: table(),
        FilterExpression: 'begins_with(pk, :followUp) AND sk = :sk',
        ExpressionAttributeValues: { ':followUp': 'FOLLOWUP#', ':sk': 'FOLLOWUP' },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    found.push(...((page.Items ?? []) as FollowUpRecord[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}

describe('reconciliation', () => {
  it(`recomputes every figure from the raw records after a randomized concurrent burst (seed ${BURST_SEED}, DASHBOARD_SEED replays it): checkouts, refunds, coupons, campaigns, bookings, check-ins, no-shows, ratings, follow-ups`, async () => {
    const random = mulberry32(BURST_SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const STORES = ['jingan', 'xuhui', 'pudong'];
    const staffOf = async (openid: string) => (await getStaffByOpenid(openid))!;
    const clerks = new Map(await Promise.all(STORES.map(async (s) => [s, await staffOf(`demo-clerk-${s}`)] as const)));
    const managers = new Map(await Promise.all(STORES.map(async (s) => [s, await staffOf(`demo-manager-${s}`)] as const)));
    const hq = await staffOf('demo-hq-admin');
    const campaigns = await Promise.all(FOLLOWED_CAMPAIGNS.map(async (id) => (await getCampaign(id))!));
    expect(campaigns.every((c) => c.enabled && c.couponTemplateId)).toBe(true);
    const service = await client.post('/v1/admin/services', {
      token: staff.hq,
      body: { name: `对账服务${randomUUID().slice(0, 4)}`, durationMinutes: 30, priceFen: 5_000, capacityByStore: { jingan: 9, xuhui: 9, pudong: 9 } },
    });
    expect(service.status).toBe(201);
    const serviceId: string = service.body.id;
    // A 关怀券 HQ allows for follow-ups: given with some outcomes, it counts as a coupon issued (the chain's, its template's).
    const goodwill = await client.call(routes.adminTemplatesCreate, {
      token: staff.hq,
      body: { name: '对账关怀券', kind: 'amount_off', valueFen: 800, validity: { type: 'relative', days: 30 }, obtainedBy: 'rule', goodwill: true, perMemberLimit: 10 },
      idempotencyKey: randomUUID(),
    });
    expect(goodwill.status).toBe(201);
    const goodwillTemplateId: string = goodwill.body.id;
    const members = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const answer = await login(client, newOpenid(`rec${i}`));
        return { memberId: (await memberIdByMemberNo(answer.member.memberNo))!, memberNo: answer.member.memberNo };
      }),
    );
    // Monday to Wednesday of a week in the month after next: nobody else's activity in that month,
    // so its day, week and month figures are this burst's alone.
    const month = addDays(`${today().slice(0, 7)}-01`, 62).slice(0, 7);
    const monday = mondayOf(`${month}-20`);
    const days = [monday, addDays(monday, 1), addDays(monday, 2)];

    // What the burst knows of its own doings, to choose the next steps (the raw records are read afresh at the end).
    const bills: Array<{ checkoutId: string; memberId: string; storeId: string; reversed: boolean }> = [];
    const visits: Array<{ ref: string; memberId: string; at: number }> = [];
    const bookings: Array<{ memberId: string; bookingId: string; startAt: number; endAt: number; storeId: string; status: string }> = [];
    const rated = new Set<string>();
    const landed = new Map<string, number>();
    let periods = 0;
    /** Runs a step; a refusal the rules make (points already spent, a coupon that does not apply, a full slot) is part of the burst. */
    const attempt = async (kind: string, action: () => Promise<(() => void) | void>): Promise<(() => void) | void> => {
      try {
        const after = await action();
        landed.set(kind, (landed.get(kind) ?? 0) + 1);
        return after;
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (!status || status >= 500) throw error;
      }
    };

    type Member = (typeof members)[number];
    /** What a step may depend on, read before the batch's choices (so the choices depend on the seed only). */
    const readFor = async (m: Member, at: number) => {
      const [member, held, claimable, openId] = await Promise.all([
        getMember(m.memberId),
        partitionItems<MemberCouponRecord>(keys.memberPartition(m.memberId), keys.couponPrefix),
        claimableTemplates(m.memberId, at),
        getOpenFollowUpId(m.memberId),
      ]);
      const followUp = openId ? await getFollowUp(openId) : undefined;
      return {
        points: member!.points,
        // In an order a replay sees again: by names and times, as ids carry a random part.
        held: held.sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.name.localeCompare(b.name) || a.couponId.localeCompare(b.couponId)),
        offered: claimable.items
          .filter((x) => x.blockedBy === null && x.pointsCost === null)
          .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
          .map((x) => x.id),
        followUp: followUp?.status === 'open' ? followUp : undefined,
      };
    };

    /** One member's step at `at`: chosen now (seeded), run later beside the batch's others; what it returns updates the burst's notes. */
    const plan = (m: Member, read: Awaited<ReturnType<typeof readFor>>, at: number, day: string): (() => Promise<(() => void) | void>) | null => {
      const mine = bookings.filter((b) => b.memberId === m.memberId && b.status === 'booked');
      const dueNow = mine.filter((b) => at >= b.startAt - HOUR_MS && at <= b.endAt);
      const over = mine.filter((b) => b.endAt <= at);
      const cancellable = mine.filter((b) => b.startAt - at > 2 * HOUR_MS);
      const rateable = visits.filter((v) => v.memberId === m.memberId && !rated.has(v.ref) && at - v.at < 72 * HOUR_MS);
      const own = bills.filter((b) => b.memberId === m.memberId && !b.reversed);
      const choices: Array<[string, number]> = [
        ['checkout', 30],
        ['book', 12],
        ['campaign', 8],
        ['checkIn', dueNow.length ? 200 : 0],
        ['noShow', over.length ? 15 : 0],
        ['rate', rateable.length ? 14 : 0],
        ['reverse', own.length ? 6 : 0],
        ['claim', read.offered.length ? 6 : 0],
        ['cancel', cancellable.length ? 4 : 0],
        ['followUp', read.followUp ? 10 : 0],
      ];
      let roll = random() * choices.reduce((s, [, w]) => s + w, 0);
      const kind = choices.find(([, w]) => (roll -= w) < 0)![0];
      switch (kind) {
        case 'checkout': {
          const store = pick(STORES);
          const clerk = clerks.get(store)!;
          const usable = read.held.filter((c) => usableNow(c, day, store));
          const coupon = usable.length && random() < 0.6 ? pick(usable) : undefined;
          const amountFen = Math.max(1_000 + Math.floor(random() * 20_000), coupon ? coupon.minSpendFen + 500 : 0);
          const redeemPoints = read.points > 0 && random() < 0.3 ? Math.min(read.points, 1 + Math.floor(random() * 300)) : 0;
          return () =>
            attempt(kind, async () => {
              const visit = await openVisit(clerk, issueMemberCode(m.memberNo, at).qr, at);
              const command = {
                visitId: visit.visitId,
                receiptNo: receipt('REC'),
                amountFen,
                redeemPoints,
                couponIds: coupon ? [coupon.couponId] : [],
                idempotencyKey: randomUUID(),
              };
              const done = await domainCheckout(clerk, command, () => at).catch(() =>
                domainCheckout(clerk, { ...command, couponIds: [], idempotencyKey: randomUUID() }, () => at),
              );
              return () => {
                bills.push({ checkoutId: done.checkoutId, memberId: m.memberId, storeId: store, reversed: false });
                visits.push({ ref: done.checkoutId, memberId: m.memberId, at });
              };
            });
        }
        case 'book': {
          const store = pick(STORES);
          const start = Date.parse(`${pick(days.filter((d) => d >= day))}T11:00:00+08:00`) + Math.floor(random() * 14) * 30 * 60_000;
          if (start - at < 2 * HOUR_MS) return null;
          return () =>
            attempt(kind, async () => {
              const made = await book(m.memberId, { storeId: store, serviceId, start: shanghaiIso(start), reminderAccepted: false }, randomUUID(), () => at);
              return () => bookings.push({ memberId: m.memberId, bookingId: made.id, startAt: start, endAt: start + 30 * 60_000, storeId: store, status: 'booked' });
            });
        }
        case 'campaign': {
          // The campaigns' own delivery (the jobs' last step): the coupon, counted for the campaign on its issue day.
          const campaign = pick(campaigns);
          const period = `burst-${BURST_SEED}-${periods++}`;
          return () => attempt(kind, () => deliver(m.memberId, { campaign, period, message: null, segmentBased: false }, at, { rateLimited: false }).then(() => undefined));
        }
        case 'checkIn': {
          const b = pick(dueNow);
          const clerk = clerks.get(b.storeId)!;
          return () =>
            attempt(kind, async () => {
              const visit = await openVisit(clerk, issueMemberCode(m.memberNo, at).qr, at);
              await checkIn(clerk, visit.visitId, b.bookingId, at);
              return () => {
                b.status = 'checked_in';
                visits.push({ ref: b.bookingId, memberId: m.memberId, at });
              };
            });
        }
        case 'noShow': {
          const b = pick(over);
          return () =>
            attempt(kind, async () => {
              await markNoShow(clerks.get(b.storeId)!, b.bookingId, at);
              return () => {
                b.status = 'no_show';
              };
            });
        }
        case 'rate': {
          const v = pick(rateable);
          rated.add(v.ref);
          const stars = 1 + Math.floor(random() * 5);
          return () => attempt(kind, () => rateVisit(m.memberId, v.ref, { stars, tags: [], comment: '' }, randomUUID(), () => at).then(() => undefined));
        }
        case 'reverse': {
          const b = pick(own);
          return () =>
            attempt(kind, async () => {
              await reverseCheckout(managers.get(b.storeId)!, { checkoutId: b.checkoutId, idempotencyKey: randomUUID() }, () => at);
              return () => {
                b.reversed = true;
              };
            });
        }
        case 'claim': {
          const templateId = pick(read.offered);
          return () => attempt(kind, () => claimCoupon(m.memberId, templateId, randomUUID(), () => at).then(() => undefined));
        }
        case 'cancel': {
          const b = pick(cancellable);
          return () =>
            attempt(kind, async () => {
              await cancelBooking(b.memberId, b.bookingId, randomUUID(), () => at);
              return () => {
                b.status = 'cancelled';
              };
            });
        }
        default: {
          // The manager of the store handling it (the first listed) records 已联系 (it stays open, answered:
          // not overdue) once, then closes it: 已解决 or 无法联系.
          const f = read.followUp!;
          const outcome = f.respondedAt ? pick(['resolved', 'unreachable'] as const) : pick(['contacted', 'resolved', 'unreachable'] as const);
          // With a goodwill coupon half the time (one per follow-up).
          const give = random() < 0.5 && !f.couponId ? { goodwillTemplateId } : {};
          return () =>
            attempt(kind, () =>
              recordFollowUpOutcome(managers.get(f.storeIds[0]!)!, f.followUpId, { outcome, note: '对账', ...give }, randomUUID(), () => at).then(() => undefined),
            );
        }
      }
    };

    // Each batch: five members, each taking one step at the same moment, run at once (Promise.all).
    // A member takes one step per batch, and batches follow the clock: a member's own history stays
    // in time order, as at a real counter, while the stores' and the chain's counters take the
    // batch's transactions together.
    for (const day of days) {
      for (let batch = 0; batch < 12; batch++) {
        const at = Date.parse(`${day}T10:30:00+08:00`) + batch * 40 * 60_000;
        const order = members.map((m) => ({ m, key: random() })).sort((a, b) => a.key - b.key);
        const who = order.slice(0, 5).map((x) => x.m);
        const reads = await Promise.all(who.map((m) => readFor(m, at)));
        const steps = who.map((m, i) => plan(m, reads[i]!, at, day));
        // The applier of the bills' recorded counter adds runs beside every other batch, as it runs
        // beside the counters in production: some refunds land before their bill's adds, some after.
        const applier = batch % 2 === 1 ? applyPendingStats() : undefined;
        const after = await Promise.all(steps.map((step) => step?.()));
        await applier;
        for (const note of after) if (note) note();
      }
    }
    // The evening after: staff record half of the bookings left as no-shows, all at once.
    const evening = Date.parse(`${days[2]}T21:00:00+08:00`);
    const left = bookings.filter((b) => b.status === 'booked' && b.endAt <= evening && random() < 0.5);
    await Promise.all(left.map((b) => attempt('noShow', () => markNoShow(clerks.get(b.storeId)!, b.bookingId, evening).then(() => undefined))));

    // ---- the raw records ----
    const raw: Array<CheckoutRecord & { reversedOn: string | null }> = [];
    for (const store of STORES) {
      for (const day of days) {
        for (const { bill, reversal } of await storeDayCheckouts(store, day)) raw.push({ ...bill, reversedOn: reversal ? shanghaiDate(Date.parse(reversal.at)) : null });
      }
    }
    const partitions = (await Promise.all(members.map((m) => partitionItems<Record<string, unknown>>(keys.memberPartition(m.memberId))))).flat();
    const ofKind = <T>(prefix: string) => partitions.filter((i) => String(i.sk).startsWith(prefix)) as unknown as T[];
    const coupons = ofKind<MemberCouponRecord>(keys.couponPrefix);
    const bookingItems = ofKind<BookingRecord>(keys.bookingPrefix);
    const ratings = ofKind<{ storeId: string; stars: number; ratedAt: string }>(keys.ratingPrefix);
    const checkIns = ofKind<{ memberId: string; storeId: string; at: string; kind: string }>(keys.visitPrefix).filter((v) => v.kind === 'booking');
    const couponById = new Map(coupons.map((c) => [c.couponId, c]));
    const templates = await listTemplates();
    const owners = new Map(templates.map((t) => [t.templateId, t.ownerStoreId]));
    const templateNames = new Map(templates.map((t) => [t.templateId, t.name]));

    // Every visit: the bills (a refunded one is still a visit that happened: served, first store, repeat) and the check-ins.
    const allVisits = [
      ...raw.map((b) => ({ memberId: b.memberId, storeId: b.storeId, at: b.at, date: b.businessDate, counted: !b.reversedOn })),
      ...checkIns.map((v) => ({ memberId: v.memberId, storeId: v.storeId, at: v.at, date: shanghaiDate(Date.parse(v.at)), counted: true })),
    ].sort((a, b) => a.at.localeCompare(b.at));
    const firstVisit = new Map<string, (typeof allVisits)[number]>();
    for (const v of allVisits) if (!firstVisit.has(v.memberId)) firstVisit.set(v.memberId, v);
    const inScope = (scope: string | null, storeId: string | null | undefined) => scope === null || storeId === scope;
    /** A redemption that stands: its bill not refunded, or refunded after the coupon expired (it is not given back then). */
    const redemptions = raw.flatMap((b) =>
      b.couponsUsed.filter((c) => !b.reversedOn || c.validTo < b.reversedOn).map((c) => ({ bill: b, coupon: couponById.get(c.couponId)!, templateId: c.templateId })),
    );
    const issuedWithin = (from: string, to: string) => coupons.filter((c) => shanghaiDate(Date.parse(c.issuedAt)) >= from && shanghaiDate(Date.parse(c.issuedAt)) <= to);

    const expectedFigures = (scope: string | null, from: string, to: string, nowIso: string): DashboardFigures => {
      const within = (date: string) => date >= from && date <= to;
      const here = allVisits.filter((v) => inScope(scope, v.storeId) && within(v.date));
      const counted = here.filter((v) => v.counted);
      const bills = raw.filter((b) => inScope(scope, b.storeId) && within(b.businessDate));
      const kept = bills.filter((b) => !b.reversedOn);
      const repeat = new Set(
        here
          .filter((v) => allVisits.some((o) => o !== v && inScope(scope, o.storeId) && o.memberId === v.memberId && o.at < v.at && o.date >= addDays(v.date, -29)))
          .map((v) => v.memberId),
      );
      const issued = issuedWithin(from, to);
      const couponsIssued =
        scope === null
          ? issued.length
          : kept.reduce((n, b) => n + (b.couponsIssued?.length ?? 0), 0) + issued.filter((c) => c.source !== 'cross_store' && owners.get(c.templateId) === scope).length;
      const booked = bookingItems.filter((b) => inScope(scope, b.storeId) && within(b.date) && b.status !== 'cancelled');
      const noShows = booked.filter((b) => b.status === 'no_show').length;
      const rates = ratings.filter((r) => inScope(scope, r.storeId) && within(shanghaiDate(Date.parse(r.ratedAt))));
      const starSum = rates.reduce((s, r) => s + r.stars, 0);
      const open = followUps.filter((f) => f.status === 'open' && (scope === null || f.storeIds.includes(scope)));
      const crossStoreVisits = counted.filter((v) => firstVisit.get(v.memberId)!.storeId !== v.storeId).length;
      return {
        visits: counted.length,
        membersServed: new Set(here.map((v) => v.memberId)).size,
        // The chain counts members created (all of them today, months before); a store, first visits ever.
        newMembers: scope === null ? 0 : [...firstVisit.values()].filter((v) => v.storeId === scope && within(v.date)).length,
        repeatMembers: repeat.size,
        repeatRate: rate(repeat.size, new Set(here.map((v) => v.memberId)).size),
        crossStoreVisits,
        crossStoreShare: rate(crossStoreVisits, counted.length),
        pointsIssued: kept.reduce((n, b) => n + b.pointsEarned, 0),
        pointsRedeemed: kept.reduce((n, b) => n + b.pointsSpent, 0),
        couponsIssued,
        couponsRedeemed: redemptions.filter((r) => inScope(scope, r.bill.storeId) && within(r.bill.businessDate)).length,
        bookings: booked.length,
        noShows,
        noShowRate: rate(noShows, booked.length),
        ratings: rates.length,
        averageRating: rates.length ? starSum / rates.length : null,
        openFollowUps: open.length,
        // Overdue: open, past due, and no store has answered yet.
        overdueFollowUps: open.filter((f) => f.dueAt < nowIso && !f.respondedAt).length,
      };
    };
    const expectedTrend = (scope: string | null, dates: string[], nowIso: string) =>
      dates.map((date) => {
        const f = expectedFigures(scope, date, date, nowIso);
        const { visits, membersServed, pointsIssued, pointsRedeemed, couponsRedeemed, bookings, noShows, averageRating } = f;
        return { date, visits, membersServed, pointsIssued, pointsRedeemed, couponsRedeemed, bookings, noShows, averageRating };
      });
    /** Per template at the scope over the period, in the dashboard's order (most issued first). */
    const expectedTemplates = (scope: string | null, from: string, to: string) => {
      const rows = new Map<string, { issued: number; redeemed: number }>();
      const bump = (templateId: string, field: 'issued' | 'redeemed') => {
        const row = rows.get(templateId) ?? { issued: 0, redeemed: 0 };
        row[field] += 1;
        rows.set(templateId, row);
      };
      const within = (date: string) => date >= from && date <= to;
      if (scope === null) for (const c of issuedWithin(from, to)) bump(c.templateId, 'issued');
      else {
        for (const b of raw) if (b.storeId === scope && !b.reversedOn && within(b.businessDate)) for (const c of b.couponsIssued ?? []) bump(c.templateId, 'issued');
        for (const c of issuedWithin(from, to)) if (c.source !== 'cross_store' && owners.get(c.templateId) === scope) bump(c.templateId, 'issued');
      }
      for (const r of redemptions) if (inScope(scope, r.bill.storeId) && within(r.bill.businessDate)) bump(r.templateId, 'redeemed');
      return [...rows]
        .map(([templateId, { issued, redeemed }]) => ({
          templateId,
          name: templateNames.get(templateId) ?? templateId,
          issued,
          redeemed,
          redemptionRate: rate(redeemed, issued),
        }))
        .sort((a, b) => b.issued - a.issued || a.templateId.localeCompare(b.templateId));
    };
    /** Birthday and comeback coupons issued in the period, and of those the ones redeemed within 30 days of issue. */
    const expectedCampaigns = (from: string, to: string) =>
      campaigns.map(({ campaignId, name }) => {
        const issued = issuedWithin(from, to).filter((c) => c.source === campaignId);
        const ids = new Set(issued.map((c) => c.couponId));
        const redeemedWithin30Days = redemptions.filter((r) => ids.has(r.coupon.couponId) && Date.parse(r.bill.at) - Date.parse(r.coupon.issuedAt) <= 30 * DAY_MS).length;
        return { campaignId, name, issued: issued.length, redeemedWithin30Days, redemptionRate: rate(redeemedWithin30Days, issued.length) };
      });

    let followUps = await allFollowUps();
    /** A whole dashboard as the raw records say it should read. */
    const check = (view: DashboardResponse, query: { period: DashboardQuery['period']; date: string; storeId?: string }, nowIso: string) => {
      const scopes = query.storeId ? [query.storeId] : [null, ...STORES];
      const label = { ...query, nowIso };
      expect({ label, from: view.from, to: view.to }).toEqual({ label, ...boundsOf(query.period, query.date) });
      for (const scope of scopes) {
        const shown = view.scopes.find((s) => s.storeId === scope)!;
        expect({ label, scope, figures: shown.figures }).toEqual({ label, scope, figures: expectedFigures(scope, view.from, view.to, nowIso) });
        expect({ label, scope, trend: shown.trend }).toEqual({
          label,
          scope,
          trend: expectedTrend(
            scope,
            shown.trend.map((p) => p.date),
            nowIso,
          ),
        });
      }
      expect({ label, templates: view.templates }).toEqual({ label, templates: expectedTemplates(query.storeId ?? null, view.from, view.to) });
      expect({ label, campaigns: view.campaigns }).toEqual({ label, campaigns: expectedCampaigns(view.from, view.to) });
    };

    const queries = (['day', 'week', 'month'] as const).flatMap((period) =>
      (period === 'day' ? days : [monday]).flatMap((date) => [undefined, ...STORES].map((storeId) => ({ period, date, ...(storeId ? { storeId } : {}) }))),
    );
    // Through the API, now: the chain and each store side by side, and each store alone (its own template rows).
    const nowIso = new Date().toISOString();
    const views = await Promise.all(queries.map((query) => dash(staff.hq, query)));
    queries.forEach((query, i) => check(views[i]!, query, nowIso));
    // A manager's view of their store: the same figures and template rows, no campaigns.
    const managerWeek = await dash(staff.managerA, { period: 'week', date: monday });
    expect(managerWeek.scopes.map((s) => s.figures)).toEqual([expectedFigures('jingan', managerWeek.from, managerWeek.to, new Date().toISOString())]);
    expect(managerWeek.templates).toEqual(expectedTemplates('jingan', managerWeek.from, managerWeek.to));
    expect(managerWeek.campaigns).toEqual([]);
    // And as HQ will read it the day after the burst, when the follow-ups opened on its first days are past due.
    followUps = await allFollowUps();
    const later = Date.parse(`${days[2]}T18:00:00+08:00`) + 24 * HOUR_MS;
    await settleCounters();
    for (const query of queries.filter((q) => q.period !== 'day')) check(await dashboard(hq, query, later), query, new Date(later).toISOString());

    expect(raw.length).toBeGreaterThan(10);
    expect(checkIns.length).toBeGreaterThan(0);
    expect(expectedCampaigns(monday, days[2]!).reduce((s, c) => s + c.issued, 0)).toBeGreaterThan(0);
    if (process.env.DASHBOARD_SEED_VERBOSE) {
      const week = expectedFigures(null, monday, addDays(monday, 6), new Date(later).toISOString());
      const answered = followUps.filter((f) => f.status === 'open' && f.respondedAt).length;
      const goodwillGiven = coupons.filter((c) => c.source === 'goodwill').length;
      console.log(JSON.stringify({ seed: BURST_SEED, landed: Object.fromEntries(landed), week, answered, goodwillGiven, campaigns: expectedCampaigns(monday, days[2]!) }));
    }
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
