/**
 * DynamoDB calls per request on the hot routes, counted by a middleware on the SDK client while the
 * real handlers run against DynamoDB Local. The floor is 1 (one read or one transaction).
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { db } from '../../functions/store/client';

export interface CallFigure {
  route: string;
  callsPerRequest: number;
  byCommand: Record<string, number>;
  /** Items DynamoDB returned per request (Get: 0 or 1; Query: its Count). */
  itemsPerRequest: number;
  /**
   * Sequential depth: the DynamoDB round trips on the request's critical path (mean over the runs,
   * and the most seen). Calls in flight together count once; a call that starts after another has
   * answered adds one (the longest chain of calls each starting after the previous one ended).
   */
  depthPerRequest?: number;
  maxDepth?: number;
}

const counts = new Map<string, number>();
let itemsRead = 0;
/** Items written in transactions (TransactWriteItems' items), for the checkout burst and its applier. */
let itemsTransacted = 0;
/** Of itemsRead, those from index queries (keys-only pages for the jobs) rather than table items. */
let indexItemsRead = 0;
let installed = false;
/** Each call's start and end (ms, monotonic) since the last reset: for the sequential depth. */
let spans: Array<{ start: number; end: number; what: string }> = [];

/** The round trip each call begins: 1 + the most round trips of the calls that ended before it started. */
function levels<T extends { start: number; end: number }>(calls: T[]): Array<T & { level: number }> {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const out: Array<T & { level: number }> = [];
  for (const call of sorted) {
    const before = out.filter((c) => c.end <= call.start).reduce((most, c) => Math.max(most, c.level), 0);
    out.push({ ...call, level: before + 1 });
  }
  return out;
}

/** The longest chain of calls in `calls` where each starts after the previous one has ended. */
export function sequentialDepth(calls: Array<{ start: number; end: number }>): number {
  return Math.max(0, ...levels(calls).map((c) => c.level));
}

/** `BENCH_TRACE=1`: one request's calls by round trip, e.g. `1: GetItem STAFF#… | 2: GetItem VISIT#…`, to see which awaits are sequential. */
function trace(route: string): void {
  const byLevel = new Map<number, string[]>();
  for (const call of levels(spans)) byLevel.set(call.level, [...(byLevel.get(call.level) ?? []), call.what]);
  console.log(`  trace ${route}: ${[...byLevel].map(([level, calls]) => `${level}: ${calls.join(', ')}`).join(' | ')}`);
}

/** The command and the partition it reads or writes (its prefix), for the trace. */
function describe(name: string, input: Record<string, any>): string {
  const prefix = (pk: unknown) => String(pk ?? '').split('#')[0];
  if (input.TransactItems) return `${name}(${input.TransactItems.length})`;
  if (input.Key) return `${name} ${prefix(input.Key.pk)}`;
  if (input.RequestItems) return `${name}`;
  const values = input.ExpressionAttributeValues ?? {};
  return `${name} ${input.IndexName ? `${input.IndexName} ` : ''}${prefix(values[':pk'] ?? Object.values(values)[0])}`;
}

function install(): void {
  if (installed) return;
  installed = true;
  db().middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? 'unknown');
      counts.set(name, (counts.get(name) ?? 0) + 1);
      itemsTransacted += (args.input as { TransactItems?: unknown[] }).TransactItems?.length ?? 0;
      const span = { start: performance.now(), end: Number.POSITIVE_INFINITY, what: describe(name.replace(/Command$/, ''), args.input as Record<string, any>) };
      spans.push(span);
      const result = await next(args).finally(() => {
        span.end = performance.now();
      });
      const output = result.output as { Item?: unknown; Count?: number; Responses?: Record<string, unknown[]> };
      const returned = output.Count ?? (output.Item ? 1 : 0);
      itemsRead += returned;
      if ((args.input as { IndexName?: string }).IndexName) indexItemsRead += returned;
      return result;
    },
    { step: 'initialize', name: 'benchCallCounter' },
  );
}

/** Counts since the last reset: for jobs, which are not HTTP routes. */
export function callCounter(reset: boolean): { calls: number; items: number; indexItems: number } {
  install();
  const calls = [...counts.values()].reduce((a, b) => a + b, 0);
  const items = itemsRead;
  const indexItems = indexItemsRead;
  if (reset) {
    counts.clear();
    spans = [];
    itemsRead = 0;
    indexItemsRead = 0;
  }
  return { calls, items, indexItems };
}

type Handler = (event: APIGatewayProxyEventV2, context: unknown) => Promise<{ statusCode: number; body: string }>;

function event(method: string, path: string, token: string, extra: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomUUID(),
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '',
      timeEpoch: Date.now(),
      accountId: 'bench',
      apiId: 'bench',
      domainName: 'localhost',
      domainPrefix: 'localhost',
    },
    isBase64Encoded: false,
    ...extra,
  } as APIGatewayProxyEventV2;
}

async function measure(route: string, runs: number, call: (i: number) => Promise<{ statusCode: number; body: string }>): Promise<CallFigure> {
  install();
  // One warm-up call fills per-container caches (store names), as on a warm Lambda.
  await call(-1);
  counts.clear();
  itemsRead = 0;
  indexItemsRead = 0;
  const depths: number[] = [];
  for (let i = 0; i < runs; i++) {
    spans = [];
    const res = await call(i);
    if (res.statusCode >= 300) throw new Error(`${route}: ${res.statusCode} ${res.body}`);
    depths.push(sequentialDepth(spans));
    if (process.env.BENCH_TRACE && i === runs - 1) trace(route);
  }
  spans = [];
  const byCommand = Object.fromEntries([...counts].map(([name, n]) => [name.replace(/Command$/, ''), n / runs]));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return {
    route,
    callsPerRequest: total / runs,
    byCommand,
    itemsPerRequest: itemsRead / runs,
    depthPerRequest: depths.reduce((a, b) => a + b, 0) / runs,
    maxDepth: Math.max(0, ...depths),
  };
}

/** Runs card, visit, checkout, claim and checkout-with-coupon against the seeded demo chain. */
export async function measureCalls(tokens: { member: string; clerk: string; hq: string; bookers: string[] }, runs = 20): Promise<CallFigure[]> {
  const card = (await import('../../functions/http/me-card')).handler as unknown as Handler;
  const code = (await import('../../functions/http/me-code')).handler as unknown as Handler;
  const openVisit = (await import('../../functions/http/staff-open-visit')).handler as unknown as Handler;
  const checkout = (await import('../../functions/http/staff-checkout')).handler as unknown as Handler;

  const figures: CallFigure[] = [];
  figures.push(await measure('GET /v1/me/card', runs, () => card(event('GET', '/v1/me/card', tokens.member), {})));

  const scan = async () => {
    const digits = JSON.parse((await code(event('GET', '/v1/me/code', tokens.member), {})).body).digits as string;
    return openVisit(event('POST', '/v1/staff/visits', tokens.clerk, { body: JSON.stringify({ code: digits }) }), {});
  };
  const digits = JSON.parse((await code(event('GET', '/v1/me/code', tokens.member), {})).body).digits as string;
  figures.push(await measure('POST /v1/staff/visits', runs, () => openVisit(event('POST', '/v1/staff/visits', tokens.clerk, { body: JSON.stringify({ code: digits }) }), {})));

  const visitId = JSON.parse((await scan()).body).visitId as string;
  figures.push(
    await measure('POST /v1/staff/visits/{id}/checkout', runs, (i) =>
      checkout(
        event('POST', `/v1/staff/visits/${visitId}/checkout`, tokens.clerk, {
          pathParameters: { visitId },
          headers: { authorization: `Bearer ${tokens.clerk}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
          body: JSON.stringify({ receiptNo: `BENCH-${Date.now()}-${i}`, amountFen: 8_800, redeemPoints: i > 0 ? 10 : 0 }),
        }),
        {},
      ),
    ),
  );
  // Coupons: a claimable template with plenty of stock, claimed and then used on bills.
  const createTemplate = (await import('../../functions/http/admin-templates-create')).handler as unknown as Handler;
  const claim = (await import('../../functions/http/coupons-claim')).handler as unknown as Handler;
  const template = JSON.parse(
    (
      await createTemplate(
        event('POST', '/v1/admin/coupon-templates', tokens.hq, {
          headers: { authorization: `Bearer ${tokens.hq}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
          body: JSON.stringify({ name: '压测券', kind: 'amount_off', valueFen: 100, validity: { type: 'relative', days: 30 }, perMemberLimit: 100, obtainedBy: 'claim' }),
        }),
        {},
      )
    ).body,
  ) as { id: string };
  const claimOnce = () =>
    claim(
      event('POST', `/v1/coupons/templates/${template.id}/claim`, tokens.member, {
        pathParameters: { templateId: template.id },
        headers: { authorization: `Bearer ${tokens.member}`, 'idempotency-key': randomUUID() },
      }),
      {},
    );
  figures.push(await measure('POST /v1/coupons/templates/{id}/claim', runs, claimOnce));

  const coupons: string[] = [];
  for (let i = 0; i <= runs; i++) coupons.push((JSON.parse((await claimOnce()).body) as { id: string }).id);
  const couponVisit = JSON.parse((await scan()).body).visitId as string;
  figures.push(
    await measure('POST checkout with a coupon', runs, (i) =>
      checkout(
        event('POST', `/v1/staff/visits/${couponVisit}/checkout`, tokens.clerk, {
          pathParameters: { visitId: couponVisit },
          headers: { authorization: `Bearer ${tokens.clerk}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
          body: JSON.stringify({ receiptNo: `BENCHC-${Date.now()}-${i}`, amountFen: 8_800, couponIds: [coupons[i + 1]!] }),
        }),
        {},
      ),
    ),
  );
  // Booking: a day's availability, then bookings of successive slots by fresh members.
  const createService = (await import('../../functions/http/admin-services-create')).handler as unknown as Handler;
  const slots = (await import('../../functions/http/store-slots')).handler as unknown as Handler;
  const bookRoute = (await import('../../functions/http/bookings-create')).handler as unknown as Handler;
  const service = JSON.parse(
    (
      await createService(
        event('POST', '/v1/admin/services', tokens.hq, {
          body: JSON.stringify({ name: '压测服务', durationMinutes: 30, priceFen: 100, capacityByStore: { jingan: 100 } }),
        }),
        {},
      )
    ).body,
  ) as { id: string };
  const date = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
  const available = () =>
    slots(
      event('GET', '/v1/stores/jingan/slots', tokens.member, {
        pathParameters: { storeId: 'jingan' },
        queryStringParameters: { serviceId: service.id, date },
      }),
      {},
    );
  const starts = (JSON.parse((await available()).body) as { items: Array<{ start: string }> }).items.map((s) => s.start);
  figures.push(
    await measure('POST /v1/bookings', Math.min(runs, starts.length - 1), (i) =>
      bookRoute(
        event('POST', '/v1/bookings', i < 0 ? tokens.member : tokens.bookers[i % tokens.bookers.length]!, {
          headers: { authorization: `Bearer ${i < 0 ? tokens.member : tokens.bookers[i % tokens.bookers.length]}`, 'idempotency-key': randomUUID() },
          body: JSON.stringify({ storeId: 'jingan', serviceId: service.id, start: starts[i + 1] }),
        }),
        {},
      ),
    ),
  );
  figures.push(await measure(`GET /v1/stores/{id}/slots (a day, ${starts.length} starts)`, runs, available));
  // The audit trail: a page of a store's day (one gsi1 query plus the staff names it lacks) and the member's 访问记录 (one query).
  const auditLog = (await import('../../functions/http/admin-audit')).handler as unknown as Handler;
  const accessLog = (await import('../../functions/http/me-access-log')).handler as unknown as Handler;
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  figures.push(
    await measure('GET /v1/admin/audit (a store’s day, a page of 50)', runs, () =>
      auditLog(event('GET', '/v1/admin/audit', tokens.hq, { queryStringParameters: { date: today, storeId: 'xuhui', limit: '50' } }), {}),
    ),
  );
  figures.push(
    await measure('GET /v1/me/access-log (20 entries)', runs, () =>
      accessLog(event('GET', '/v1/me/access-log', tokens.member, { queryStringParameters: { limit: '20' } }), {}),
    ),
  );
  figures.push(...(await measureIdentity(tokens.clerk, runs)));
  figures.push(await measureDeletion(tokens.clerk));
  figures.push(await measureExport(tokens.clerk, runs));
  figures.push(...(await measureDashboard(tokens.hq, runs)));
  figures.push(...(await measureCheckoutBurst(50)));
  return figures;
}

/**
 * 50 checkouts at once at one store (new members: each bill also moves the week's and month's
 * distinct counts), in four modes: `deferred`, the product — the counter adds recorded on the bill,
 * applied after (domain/pending-stats.ts); `in-transaction`, the old way, the counters `ADD`ed in
 * each checkout's own transaction (the store's and the chain's day items and the totals); `off`, no
 * counters at all; and `control`: the in-transaction counter updates each sent to a fresh key no
 * other checkout touches. DynamoDB Local applies transactions one at a time, so a bigger
 * transaction is slower there whatever its items are: deferred should match off. Five rounds of
 * each (three were too few to rise above a shared machine's noise), rotating which goes first (a shared machine's load drifts): the label gives the median wall
 * time and the throughput it makes (checkouts per second); calls per checkout, over all rounds, show
 * the retries, if any. After each deferred round the applier adds the round's bills (not timed with
 * the burst): its calls and items per bill applied are the last figure.
 */
export async function measureCheckoutBurst(n: number): Promise<CallFigure[]> {
  install();
  process.env.TONGKA_SCANS_PER_HOUR = '100000'; // one clerk scans 310 codes here: a benchmark, not abuse
  const { StatsChanges } = await import('../../functions/store/stats');
  const { registerMember } = await import('../../functions/domain/members');
  const { openVisit } = await import('../../functions/domain/visits');
  const { issueMemberCode } = await import('../../functions/domain/member-code');
  const { checkout, checkoutCounting } = await import('../../functions/domain/checkout');
  const { settlePendingStats } = await import('../../functions/domain/pending-stats');
  const { getStaffByOpenid } = await import('../../functions/store/staff');
  const clerk = (await getStaffByOpenid('demo-clerk-jingan'))!;
  const counterItems = StatsChanges.prototype.items;
  const figures: CallFigure[] = [];
  // Bills left pending by earlier sections (the seed's purchases): not this burst's to apply.
  await settlePendingStats();
  try {
    // The control: each counter update of a checkout goes to a key of its own (same expression, same size).
    const uncontended = function (this: InstanceType<typeof StatsChanges>) {
      return counterItems.call(this).map((counter) => ({
        label: `control:${counter.label}`,
        item: { Update: { ...counter.item.Update!, Key: { pk: `BENCHCONTROL#${randomUUID()}`, sk: 'COUNTERS' } } },
      }));
    };
    type Mode = 'deferred' | 'in-transaction' | 'off' | 'control';
    const modes: Record<Mode, { inTransaction: boolean; items: typeof counterItems }> = {
      deferred: { inTransaction: false, items: counterItems },
      'in-transaction': { inTransaction: true, items: counterItems },
      off: { inTransaction: true, items: () => [] },
      control: { inTransaction: true, items: uncontended },
    };
    // A warm-up burst first (module loads, caches), not counted; then each mode five times, rotating the order.
    const order: Mode[] = ['deferred', 'in-transaction', 'off', 'control'];
    const rounds: Array<Mode | 'warm-up'> = ['warm-up', ...[0, 1, 2, 3, 4].flatMap((r) => order.map((_, i) => order[(i + r) % order.length]!))];
    const empty = () => ({ ms: [] as number[], calls: new Map<string, number>(), items: 0, transacted: 0 });
    const taken: Record<Mode, ReturnType<typeof empty>> = { deferred: empty(), 'in-transaction': empty(), off: empty(), control: empty() };
    const applier = { bills: 0, calls: new Map<string, number>(), items: 0, transacted: 0, ms: 0 };
    for (const mode of rounds) {
      const settings = modes[mode === 'warm-up' ? 'deferred' : mode];
      checkoutCounting.inTransaction = settings.inTransaction;
      StatsChanges.prototype.items = settings.items;
      const size = mode === 'warm-up' ? 10 : n;
      const members = await Promise.all(Array.from({ length: size }, () => registerMember({ openid: `bench-burst-${randomUUID()}` })));
      const visits = await Promise.all(members.map((m) => openVisit(clerk, issueMemberCode(m.memberNo).qr)));
      counts.clear();
      itemsRead = 0;
      itemsTransacted = 0;
      const started = performance.now();
      await Promise.all(
        visits.map((v, i) =>
          checkout(clerk, {
            visitId: v.visitId,
            receiptNo: `BURST-${mode.toUpperCase()}-${Date.now()}-${i}`,
            amountFen: 3_800,
            redeemPoints: 0,
            couponIds: [],
            idempotencyKey: randomUUID(),
          }),
        ),
      );
      const ms = performance.now() - started;
      if (mode !== 'warm-up') {
        const taking = taken[mode];
        taking.ms.push(ms);
        for (const [name, k] of counts) taking.calls.set(name, (taking.calls.get(name) ?? 0) + k);
        taking.items += itemsRead;
        taking.transacted += itemsTransacted;
      }
      if (mode !== 'deferred' && mode !== 'warm-up') continue;
      // The applier adds what the burst recorded on its bills, as the stream's function would.
      StatsChanges.prototype.items = counterItems;
      counts.clear();
      itemsRead = 0;
      itemsTransacted = 0;
      const applying = performance.now();
      const { applied } = await settlePendingStats();
      if (mode === 'warm-up') continue;
      applier.ms += performance.now() - applying;
      applier.bills += applied;
      for (const [name, k] of counts) applier.calls.set(name, (applier.calls.get(name) ?? 0) + k);
      applier.items += itemsRead;
      applier.transacted += itemsTransacted;
    }
    for (const [label, mode] of Object.entries(taken)) {
      const checkouts = n * mode.ms.length;
      const median = [...mode.ms].sort((a, b) => a - b)[Math.floor(mode.ms.length / 2)]!;
      const byCommand = Object.fromEntries([...mode.calls].map(([name, k]) => [name.replace(/Command$/, ''), k / checkouts]));
      figures.push({
        route: `checkout ×${n} at once, one store, counters ${label.padEnd(14)} (median of ${mode.ms.length}: ${median.toFixed(0)} ms, ${((n * 1000) / median).toFixed(0)} checkouts/s, ${(mode.transacted / checkouts).toFixed(1)} items written in transactions)`,
        callsPerRequest: [...mode.calls.values()].reduce((a, b) => a + b, 0) / checkouts,
        byCommand,
        itemsPerRequest: mode.items / checkouts,
      });
    }
    const per = Math.max(1, applier.bills);
    figures.push({
      route: `  the applier, per bill of the deferred bursts (${applier.bills} bills, ${((applier.bills * 1000) / Math.max(1, applier.ms)).toFixed(0)} bills/s applied, ${(applier.transacted / per).toFixed(1)} items written in transactions)`,
      callsPerRequest: [...applier.calls.values()].reduce((a, b) => a + b, 0) / per,
      byCommand: Object.fromEntries([...applier.calls].map(([name, k]) => [name.replace(/Command$/, ''), k / per])),
      itemsPerRequest: applier.items / per,
    });
  } finally {
    StatsChanges.prototype.items = counterItems;
    checkoutCounting.inTransaction = false;
  }
  return figures;
}

/**
 * 数据看板 of the seeded demo chain (its purchases replayed through the real checkout): the chain and
 * its 3 stores side by side, and one store, for a day, a week and a month. Counter items only (a
 * Query per scope on its days, BatchGets of the period's distinct-member items, the totals and the
 * ratings' store-days, the open follow-ups): calls do not grow with members or bills, items with
 * days × scopes × shards touched.
 */
export async function measureDashboard(hq: string, runs: number): Promise<CallFigure[]> {
  countBatchGetItems();
  const dashboard = (await import('../../functions/http/admin-dashboard')).handler as unknown as Handler;
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const figures: CallFigure[] = [];
  for (const [label, storeId] of [
    ['the chain and 3 stores', undefined],
    ['one store', 'jingan'],
  ] as const) {
    for (const period of ['day', 'week', 'month'] as const) {
      figures.push(
        await measure(`GET /v1/admin/dashboard (${label}, a ${period})`, runs, () =>
          dashboard(event('GET', '/v1/admin/dashboard', hq, { queryStringParameters: { period, date: today, ...(storeId ? { storeId } : {}) } }), {}),
        ),
      );
    }
  }
  return figures;
}

/**
 * 报手机号积分 (a lookup of a known member's phone, and of a new phone, which registers a walk-in) and
 * 绑定手机号 merging a walk-in into a WeChat card, each with 3 and then 30 bills of their own. The
 * merge reads and writes the two members' own items only (their partitions, claims and coupon
 * counts), never a Scan: its calls and items per request follow the two members' histories.
 */
export async function measureIdentity(clerk: string, runs: number): Promise<CallFigure[]> {
  process.env.TONGKA_PHONE_LOOKUPS_PER_HOUR = '100000'; // a benchmark, not abuse
  process.env.TONGKA_SCANS_PER_HOUR = '100000';
  const byPhone = (await import('../../functions/http/staff-phone-visit')).handler as unknown as Handler;
  const bind = (await import('../../functions/http/me-phone-bind')).handler as unknown as Handler;
  const { memberForWechatUser } = await import('../../functions/domain/members');
  const { issueToken } = await import('../../functions/domain/sessions');
  const { currentNoticeVersion, recordConsent } = await import('../../functions/domain/consent');
  const { visitByPhone } = await import('../../functions/domain/walk-in');
  const { openVisit } = await import('../../functions/domain/visits');
  const { issueMemberCode } = await import('../../functions/domain/member-code');
  const { checkout } = await import('../../functions/domain/checkout');
  const { getStaffByOpenid } = await import('../../functions/store/staff');
  const clerkRecord = (await getStaffByOpenid('demo-clerk-jingan'))!;
  const lookup = (phone: string) => byPhone(event('POST', '/v1/staff/visits/by-phone', clerk, { body: JSON.stringify({ phone }) }), {});
  const stamp = String(Date.now() % 10_000).padStart(4, '0');
  const phoneOf = (i: number) => `1990${stamp}${String(i).padStart(3, '0')}`;

  const figures: CallFigure[] = [];
  const known = phoneOf(999);
  await lookup(known);
  figures.push(await measure('POST /v1/staff/visits/by-phone (a known member)', runs, () => lookup(known)));
  figures.push(await measure('POST /v1/staff/visits/by-phone (a new phone: registers a walk-in)', runs, (i) => lookup(phoneOf(900 + i))));

  // Each merge needs its own pair: a walk-in and a new WeChat card, each with `bills` bills (set up
  // through the domain, the pairs side by side, not measured).
  const bill = (visitId: string, tag: string) =>
    checkout(clerkRecord, {
      visitId,
      receiptNo: `BENCHM-${tag}-${randomUUID().slice(0, 8)}`,
      amountFen: 12_000,
      redeemPoints: 0,
      couponIds: [],
      idempotencyKey: randomUUID(),
    });
  let next = 0;
  const pair = async (bills: number): Promise<{ phone: string; token: string }> => {
    const phone = phoneOf(next++);
    const member = await memberForWechatUser({ openid: `bench-merge-${randomUUID().slice(0, 8)}` });
    // Binding a phone needs the privacy notice agreed to (README § Privacy), as the app asks first.
    await recordConsent(member.memberId, currentNoticeVersion());
    for (let b = 0; b < bills; b++) {
      await bill((await visitByPhone(clerkRecord, phone)).visitId, 'W');
      await bill((await openVisit(clerkRecord, issueMemberCode(member.memberNo).qr)).visitId, 'C');
    }
    return { phone, token: (await issueToken({ memberId: member.memberId, openid: member.openid! })).token };
  };
  for (const [bills, n] of [
    [3, runs],
    [30, Math.min(runs, 5)],
  ] as const) {
    const pairs = await Promise.all(Array.from({ length: n + 1 }, () => pair(bills)));
    figures.push(
      await measure(`POST /v1/me/phone (merges a walk-in into a WeChat card, ${bills} bills each)`, n, (i) => {
        const { phone, token } = pairs[i + 1]!;
        return bind(
          event('POST', '/v1/me/phone', token, {
            headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
            body: JSON.stringify({ code: `phone-${phone}-${randomUUID().slice(0, 8)}` }),
          }),
          {},
        );
      }),
    );
  }
  return figures;
}

let batchGetCounted = false;
/** BatchGet answers `Responses`, not `Count`: its items are added to the items read here (installed once, for the measures after it). */
function countBatchGetItems(): void {
  if (batchGetCounted) return;
  batchGetCounted = true;
  db().middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (String(context.commandName).startsWith('BatchGet')) {
        const responses = (result.output as { Responses?: Record<string, unknown[]> }).Responses ?? {};
        itemsRead += Object.values(responses).reduce((sum, items) => sum + items.length, 0);
      }
      return result;
    },
    { step: 'initialize', name: 'benchBatchGetItems' },
  );
}

/**
 * 导出我的数据 of a member with 200 bills (seeded through the real checkout handler): the profile, one
 * query of the member's partition (paged: ~600 items of ledger, visits and audit entries) and
 * BatchGets of the 200 bills and their reversals — it follows the member's own items, never a Scan.
 */
async function measureExport(clerk: string, runs: number): Promise<CallFigure> {
  process.env.TONGKA_EXPORTS_PER_DAY = '100000'; // a benchmark, not abuse
  countBatchGetItems();
  const code = (await import('../../functions/http/me-code')).handler as unknown as Handler;
  const openVisit = (await import('../../functions/http/staff-open-visit')).handler as unknown as Handler;
  const checkout = (await import('../../functions/http/staff-checkout')).handler as unknown as Handler;
  const exportData = (await import('../../functions/http/me-export')).handler as unknown as Handler;
  const { memberForWechatUser } = await import('../../functions/domain/members');
  const { issueToken } = await import('../../functions/domain/sessions');
  const { currentNoticeVersion, recordConsent } = await import('../../functions/domain/consent');
  const member = await memberForWechatUser({ openid: `bench-export-${randomUUID().slice(0, 8)}` });
  // A first login gets its member code only after agreeing to the privacy notice, as the app asks first.
  await recordConsent(member.memberId, currentNoticeVersion());
  const token = (await issueToken({ memberId: member.memberId, openid: member.openid! })).token;
  const digits = JSON.parse((await code(event('GET', '/v1/me/code', token), {})).body).digits as string;
  const visitId = JSON.parse((await openVisit(event('POST', '/v1/staff/visits', clerk, { body: JSON.stringify({ code: digits }) }), {})).body).visitId as string;
  for (let bill = 0; bill < 200; bill++) {
    const res = await checkout(
      event('POST', `/v1/staff/visits/${visitId}/checkout`, clerk, {
        pathParameters: { visitId },
        headers: { authorization: `Bearer ${clerk}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
        body: JSON.stringify({ receiptNo: `BENCHX-${Date.now()}-${bill}`, amountFen: 5_000 + bill }),
      }),
      {},
    );
    if (res.statusCode !== 200) throw new Error(`seeding bill ${bill}: ${res.statusCode} ${res.body}`);
  }
  return measure('POST /v1/me/export (a member with 200 bills)', Math.min(runs, 5), () =>
    exportData(
      event('POST', '/v1/me/export', token, { headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' } }),
      {},
    ),
  );
}

/**
 * 注销会员: the deletion job erasing a walk-in with 200 bills (seeded through the real checkout
 * handler). One query of the DELETIONS index finds the member; the erasure reads the member's own
 * partition twice (to plan its chunks, then to find it empty) and deletes what is not the chain's
 * records in chunks of up to 89 items, and finds the member's 重复会员 cases through their own index
 * entries (as holder and as requester): calls and items read follow the member's items, never a Scan
 * (14 calls, ~1,000 items for 605).
 */
export async function measureDeletion(clerk: string): Promise<CallFigure> {
  process.env.TONGKA_PHONE_LOOKUPS_PER_HOUR = '100000'; // a benchmark, not abuse
  const byPhone = (await import('../../functions/http/staff-phone-visit')).handler as unknown as Handler;
  const checkout = (await import('../../functions/http/staff-checkout')).handler as unknown as Handler;
  const { requestDeletion, runDeletionJob } = await import('../../functions/domain/deletion');
  const { getMember, memberIdByMemberNo } = await import('../../functions/store/members');
  const { partitionItems } = await import('../../functions/store/query');
  const { keys } = await import('../../functions/store/keys');
  const phone = `1980${String(Date.now() % 10_000_000).padStart(7, '0')}`;
  const visit = JSON.parse((await byPhone(event('POST', '/v1/staff/visits/by-phone', clerk, { body: JSON.stringify({ phone }) }), {})).body) as {
    visitId: string;
    member: { memberNo: string };
  };
  for (let bill = 0; bill < 200; bill++) {
    const res = await checkout(
      event('POST', `/v1/staff/visits/${visit.visitId}/checkout`, clerk, {
        pathParameters: { visitId: visit.visitId },
        headers: { authorization: `Bearer ${clerk}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
        body: JSON.stringify({ receiptNo: `BENCHD-${Date.now()}-${bill}`, amountFen: 8_800 }),
      }),
      {},
    );
    if (res.statusCode !== 200) throw new Error(`deletion bench checkout: ${res.statusCode} ${res.body}`);
  }
  const memberId = (await memberIdByMemberNo(visit.member.memberNo))!;
  await requestDeletion(memberId, randomUUID());
  const partition = (await partitionItems(keys.memberPartition(memberId))).length;
  install();
  counts.clear();
  itemsRead = 0;
  indexItemsRead = 0;
  const summary = await runDeletionJob({ now: () => Date.now() + 8 * 86_400_000 });
  const byCommand = Object.fromEntries([...counts].map(([name, n]) => [name.replace(/Command$/, ''), n]));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const erased = (await getMember(memberId)) as unknown as { deletionState?: string } | undefined;
  if (summary.erased !== 1 || erased?.deletionState !== 'deleted') throw new Error(`deletion bench: not erased (${JSON.stringify(summary)})`);
  return { route: `job deletion (200 bills, ${partition} items)`, callsPerRequest: total, byCommand, itemsPerRequest: itemsRead };
}
