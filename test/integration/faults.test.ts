/**
 * The database failing mid-burst (README § Failing safely). This file runs its OWN DynamoDB Local
 * (test/support/faulty-stack.ts), keeping its data in a folder, and during a burst of checkouts at
 * two stores, claims of a limited-stock coupon and bookings of a capacity-limited slot — every write
 * with an Idempotency-Key — pauses it (SIGSTOP … SIGCONT), or kills it (SIGKILL) and starts it again
 * on the same port and data. Then:
 *   - every request answered either its normal answer or 503 `unavailable` with Retry-After, in
 *     bounded time: never a 500, never a dropped connection;
 *   - sent again with the same key, each 503 completes exactly once, and each success replays the
 *     very same answer;
 *   - every balance is the sum of its ledger, each receipt earned once, the stock is not oversold
 *     and a seat is not counted twice.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { addDays, shanghaiDate } from '../../shared/dates';
import { startFaultyStack, type FaultyStack } from '../support/faulty-stack';
import { api, seed } from '../support/stack';
import { card, checkout, scan, tokenOf, wholeLedger } from './fixtures';

let stack: FaultyStack;
const client = api(() => stack);
const staff = { hq: '', clerkA: '', clerkB: '' };

beforeAll(async () => {
  const started = Date.now();
  stack = await startFaultyStack();
  const seeding = Date.now();
  await seed(stack);
  console.log(`faulty stack: started in ${seeding - started} ms, seeded in ${Date.now() - seeding} ms`);
  staff.hq = await tokenOf(client, 'demo-hq-admin');
  staff.clerkA = await tokenOf(client, 'demo-clerk-jingan');
  staff.clerkB = await tokenOf(client, 'demo-clerk-xuhui');
}, 90_000);

afterAll(() => stack?.stop());

// Each transient failure logs a warning (the handlers' and the SDK's): hundreds here, by design.
beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

/** A request must answer within this, database stalled or not (the client gives up on a call after 2.5 s × 3). */
const ANSWER_WITHIN_MS = 15_000;
const MEMBERS = 6;
const STOCK = 4;
const SEATS = 2;

interface Outcome {
  status: number;
  body: any;
  retryAfter: string | null;
  ms: number;
  /** The connection failed, or the answer broke the route contract. */
  error?: string;
}

interface Request {
  label: string;
  kind: 'checkout' | 'claim' | 'book';
  member: number;
  /** Sends it, always with the same Idempotency-Key and body. */
  send: () => Promise<Outcome>;
}

async function timed(send: () => Promise<{ status: number; body: any; headers: Headers }>): Promise<Outcome> {
  const started = Date.now();
  try {
    const res = await send();
    return { status: res.status, body: res.body, retryAfter: res.headers.get('retry-after'), ms: Date.now() - started };
  } catch (error) {
    return { status: 0, body: null, retryAfter: null, ms: Date.now() - started, error: String(error) };
  }
}

interface Burst {
  members: Array<{ token: string; receipts: string[] }>;
  templateId: string;
  serviceId: string;
  start: string;
  requests: Request[];
}

/** Members with a visit open at 静安寺 and at 徐家汇, a coupon of stock 4, a service with 2 seats. */
async function prepareBurst(name: string): Promise<Burst> {
  const template = await client.post('/v1/admin/coupon-templates', {
    token: staff.hq,
    headers: { 'Idempotency-Key': randomUUID() },
    body: { name: `故障券${name}`, kind: 'amount_off', valueFen: 500, validity: { type: 'relative', days: 30 }, obtainedBy: 'claim', stock: STOCK, perMemberLimit: 1 },
  });
  expect(template.status).toBe(201);
  const service = await client.post('/v1/admin/services', {
    token: staff.hq,
    body: { name: `故障测试${name}`, durationMinutes: 60, priceFen: 10_000, capacityByStore: { jingan: SEATS } },
  });
  expect(service.status).toBe(201);
  const start = `${addDays(shanghaiDate(Date.now()), 1)}T15:00:00+08:00`;
  const members = await Promise.all(
    Array.from({ length: MEMBERS }, async (_, i) => {
      const token = await tokenOf(client, `fault-${name}-${i}-${randomUUID().slice(0, 8)}`);
      const [atA, atB] = [await scan(client, token, staff.clerkA), await scan(client, token, staff.clerkB)];
      return { token, receipts: [`F${name}-A-${i}-${randomUUID().slice(0, 6)}`, `F${name}-B-${i}-${randomUUID().slice(0, 6)}`], visits: [atA.visitId, atB.visitId] };
    }),
  );
  const requests: Request[] = [];
  members.forEach((m, i) => {
    const keys = Array.from({ length: 4 }, () => randomUUID());
    requests.push(
      {
        label: `checkout A #${i}`,
        kind: 'checkout',
        member: i,
        send: () => timed(() => checkout(client, staff.clerkA, m.visits[0]!, { receiptNo: m.receipts[0]!, amountFen: 3_000 + i * 100 }, keys[0])),
      },
      {
        label: `checkout B #${i}`,
        kind: 'checkout',
        member: i,
        send: () => timed(() => checkout(client, staff.clerkB, m.visits[1]!, { receiptNo: m.receipts[1]!, amountFen: 2_000 + i * 100 }, keys[1])),
      },
      {
        label: `claim #${i}`,
        kind: 'claim',
        member: i,
        send: () => timed(() => client.post(`/v1/coupons/templates/${template.body.id}/claim`, { token: m.token, headers: { 'Idempotency-Key': keys[2]! } })),
      },
      {
        label: `book #${i}`,
        kind: 'book',
        member: i,
        send: () =>
          timed(() =>
            client.post('/v1/bookings', { token: m.token, headers: { 'Idempotency-Key': keys[3]! }, body: { storeId: 'jingan', serviceId: service.body.id, start } }),
          ),
      },
    );
  });
  return { members: members.map(({ token, receipts }) => ({ token, receipts })), templateId: template.body.id, serviceId: service.body.id, start, requests };
}

/** Fires the requests `gapMs` apart (so some are in flight when the fault strikes, some arrive during it). */
function fire(requests: Request[], gapMs: number): Promise<Outcome[]> {
  return Promise.all(requests.map(async (r, i) => (await sleep(i * gapMs), r.send())));
}

const SUCCESS: Record<Request['kind'], number> = { checkout: 200, claim: 201, book: 201 };
const REFUSAL: Record<Request['kind'], string | null> = { checkout: null, claim: 'sold_out', book: 'slot_full' };

/** Its normal answer (success, or the business refusal), or 503 unavailable with Retry-After — nothing else. */
function expectAnsweredOrUnavailable(request: Request, outcome: Outcome): void {
  const seen = `${request.label}: ${outcome.status} ${outcome.error ?? JSON.stringify(outcome.body)} after ${outcome.ms} ms`;
  expect({ seen, ok: outcome.ms < ANSWER_WITHIN_MS }).toEqual({ seen, ok: true });
  if (outcome.status === 503) {
    expect({ seen, code: outcome.body?.error?.code, retryAfter: Number(outcome.retryAfter) >= 1 }).toEqual({ seen, code: 'unavailable', retryAfter: true });
  } else if (outcome.status === 409 && REFUSAL[request.kind]) {
    expect({ seen, code: outcome.body?.error?.code }).toEqual({ seen, code: REFUSAL[request.kind] });
  } else {
    expect({ seen, status: outcome.status }).toEqual({ seen, status: SUCCESS[request.kind] });
  }
}

/** How many 503'd checkouts had committed anyway (DynamoDB applied them after the client gave up): their retry must replay. */
async function committedDespite503(burst: Burst, first: Outcome[]): Promise<number> {
  const committed = await Promise.all(
    burst.requests.map(async (request, i) => {
      if (request.kind !== 'checkout' || first[i]!.status !== 503) return false;
      const m = burst.members[request.member]!;
      const receiptNo = m.receipts[request.label.startsWith('checkout A') ? 0 : 1];
      return (await wholeLedger(client, m.token)).some((e) => e.receiptNo === receiptNo);
    }),
  );
  return committed.filter(Boolean).length;
}

/** Sends each 503 again with its key until it completes; sends each success again and expects the same answer. */
async function retryAll(burst: Burst, first: Outcome[]): Promise<Outcome[]> {
  return Promise.all(
    burst.requests.map(async (request, i) => {
      let outcome = first[i]!;
      for (let attempt = 0; outcome.status === 503 && attempt < 5; attempt++) {
        await sleep(Number(outcome.retryAfter ?? 1) * 100); // the app waits Retry-After; a tenth keeps the test short
        outcome = await request.send();
        expectAnsweredOrUnavailable(request, outcome);
      }
      expect({ request: request.label, status: outcome.status }).not.toEqual({ request: request.label, status: 503 });
      if (outcome.status === SUCCESS[request.kind]) {
        const replay = await request.send();
        expect({ request: request.label, status: replay.status, body: replay.body }).toEqual({ request: request.label, status: outcome.status, body: outcome.body });
      }
      return outcome;
    }),
  );
}

async function expectInvariants(burst: Burst, final: Outcome[]): Promise<void> {
  const won = (kind: Request['kind']) => burst.requests.flatMap((r, i) => (r.kind === kind && final[i]!.status === SUCCESS[kind] ? [r.member] : []));
  // Every checkout went through once: its receipt earned once, and the balance is the ledger's sum.
  expect(won('checkout')).toHaveLength(2 * MEMBERS);
  // Every member's figures are read at once (the writes are all done): only the waiting is shared.
  const figures = await Promise.all(burst.members.map((m) => Promise.all([card(client, m.token), wholeLedger(client, m.token)])));
  for (const [i, m] of burst.members.entries()) {
    const [{ points }, ledger] = figures[i]!;
    expect(points).toBe(ledger.reduce((sum, e) => sum + e.delta, 0));
    expect(points).toBeGreaterThanOrEqual(0);
    for (const receiptNo of m.receipts) expect(ledger.filter((e) => e.receiptNo === receiptNo && e.reason === 'earn')).toHaveLength(1);
  }
  // The stock: never oversold, and issued exactly as often as a claim succeeded.
  const claimed = won('claim');
  expect(claimed).toHaveLength(Math.min(STOCK, MEMBERS));
  const templates = (await client.get('/v1/admin/coupon-templates', { token: staff.hq })).body.items as Array<{ id: string; remaining: number; issuedCount: number }>;
  expect(templates.find((t) => t.id === burst.templateId)).toMatchObject({ remaining: STOCK - claimed.length, issuedCount: claimed.length });
  const coupons = await Promise.all(
    burst.members.map(async (m) => (await client.get('/v1/me/coupons?status=available', { token: m.token })).body.items as Array<{ templateId: string }>),
  );
  for (const [i, mine] of coupons.entries()) expect(mine.filter((c) => c.templateId === burst.templateId)).toHaveLength(claimed.includes(i) ? 1 : 0);
  // The seats: each taken once, by a booking that holds it.
  const booked = won('book');
  expect(booked).toHaveLength(SEATS);
  const slots = (await client.get(`/v1/stores/jingan/slots?serviceId=${burst.serviceId}&date=${burst.start.slice(0, 10)}`)).body.items as Array<{
    time: string;
    remaining: number;
  }>;
  expect(slots.find((s) => s.time === '15:00')?.remaining).toBe(0);
  expect(slots.find((s) => s.time === '16:00')?.remaining).toBe(SEATS);
  const bookings = await Promise.all(burst.members.map(async (m) => (await client.get('/v1/me/bookings', { token: m.token })).body.items as Array<{ serviceId: string }>));
  for (const [i, mine] of bookings.entries()) expect(mine.filter((b) => b.serviceId === burst.serviceId)).toHaveLength(booked.includes(i) ? 1 : 0);
}

function summary(outcomes: Outcome[]): string {
  const counts = new Map<number, number>();
  for (const o of outcomes) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
  return `${[...counts].map(([s, n]) => `${n}×${s}`).join(' ')}, slowest ${Math.max(...outcomes.map((o) => o.ms))} ms`;
}

it('pausing DynamoDB mid-burst: each request answers or 503s in bounded time; retried with its key, each completes once; every invariant holds', async () => {
  const burst = await prepareBurst('P');
  // Longer than a call's three 2.5 s attempts, so the requests caught by it answer 503.
  const outcomes = fire(burst.requests, 60);
  await sleep(200);
  stack.pause();
  await sleep(8_000);
  stack.resume();
  const first = await outcomes;
  console.log(`pause: ${summary(first)}; ${await committedDespite503(burst, first)} checkouts answered 503 had committed`);
  burst.requests.forEach((r, i) => expectAnsweredOrUnavailable(r, first[i]!));
  expect(first.some((o) => o.status === 503)).toBe(true);
  const final = await retryAll(burst, first);
  await expectInvariants(burst, final);
});

it('killing DynamoDB mid-burst and restarting it on the same data: each request answers or 503s; retried, each completes once; every invariant holds', async () => {
  const burst = await prepareBurst('K');
  // Spread over the kill and the restart (≈ 6 s): some answer before, some while it is down, some after.
  const outcomes = fire(burst.requests, 350);
  await sleep(700);
  await stack.kill();
  await sleep(500);
  const restarting = Date.now();
  await stack.restart();
  console.log(`kill: restarted in ${Date.now() - restarting} ms`);
  const first = await outcomes;
  console.log(`kill: ${summary(first)}; ${await committedDespite503(burst, first)} checkouts answered 503 had committed`);
  burst.requests.forEach((r, i) => expectAnsweredOrUnavailable(r, first[i]!));
  expect(first.some((o) => o.status === 503)).toBe(true);
  const final = await retryAll(burst, first);
  await expectInvariants(burst, final);
});

it('DynamoDB applying writes whose answers are lost: each answers 503; retried with its key, each replays what committed, once; every invariant holds', async () => {
  const burst = await prepareBurst('L');
  stack.loseAnswers('TransactWriteItems');
  const first = await fire(burst.requests, 20);
  stack.loseAnswers(null);
  const committed = await committedDespite503(burst, first);
  console.log(`lost answers: ${summary(first)}; ${committed} checkouts answered 503 had committed`);
  burst.requests.forEach((r, i) => expectAnsweredOrUnavailable(r, first[i]!));
  // The writes went through; only their answers were lost.
  expect(committed).toBeGreaterThan(0);
  const final = await retryAll(burst, first);
  await expectInvariants(burst, final);
});
