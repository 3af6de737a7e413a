/**
 * `npm run load` (issue 15 §2): the whole API under a realistic mix for a fixed time, on a local
 * stack of its own, then the invariants. A benchmark, not a test: not in `npm test`.
 *
 * The stack: DynamoDB Local (its own port and a fresh data folder), the demo chain, the fake WeChat
 * server and the API as `npm start` runs it — `infra/local/api-server.ts` in a process of its own
 * (started with tsx, stage `local`: serverless.yml's provider environment, the 30 s function
 * timeout, every handler loaded before the port opens) — on ports of its own
 * (TONGKA_LOAD_PORT_OFFSET moves them all). The memory figure is that process's.
 *
 * For comparison: `--api in-process` serves the same handlers with `infra/local/http-api.ts` in this
 * very process (the load generator then shares the API's one core and its memory figure), and
 * `--api offline` runs serverless-offline (`npm run offline`, which bundles every function first).
 * serverless-esbuild writes its bundles to `.esbuild/` beside serverless.yml, which another
 * `npm run offline` may be using: so that one runs from a folder of its own (serverless.yml copied,
 * the sources linked), and two stacks can start at the same time without one rebuilding the other's
 * bundles.
 *
 * What it does: 64 first logins at once (each must be answered 200, or 503 with Retry-After), then
 * `--workers` (16) simulated phones and counters for `--seconds` (30): card reads, code refreshes,
 * scans and checkouts at the three stores (some redeeming points, some using a coupon), claims of a
 * limited coupon, the claimable list, a day's slots and bookings of 2-seat slots. Each member is
 * one phone: one request of theirs at a time, in the app's order (a code before a scan, a visit
 * before a checkout). Then it prints throughput, p50/p95/p99 per route, answers by code, the API's
 * memory, and checks: every member's balance equals the sum of their ledger, the coupon's stock
 * was not oversold, no slot holds more bookings than its seats.
 *
 *   npm run load -- --seconds 30 --workers 16 --members 64 [--api server|in-process|offline] [--source head] [--keep]
 *
 * `--source head` runs the last commit, exported to a folder, rather than the working tree (where
 * several people may be half-way through an edit that does not build).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { functionTimeoutSeconds, providerEnvironment, ROOT } from '../../infra/local/serverless-config';
import { ensureTable } from '../../infra/local/tables';
import { startFakeWechat, type FakeWechat } from '../../infra/wechat-fake/server';

// ---------------------------------------------------------------- options

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  if (at >= 0 && process.argv[at + 1] && !process.argv[at + 1]!.startsWith('--')) return process.argv[at + 1]!;
  const inline = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return inline ? inline.slice(name.length + 3) : fallback;
}

const SECONDS = Number(option('seconds', '30'));
const WORKERS = Number(option('workers', '16'));
const MEMBERS = Number(option('members', '64'));
/** `server`: infra/local/api-server.ts in its own process, as `npm start`; the others for comparison. */
const API_MODE = option('api', 'server') as 'server' | 'in-process' | 'offline';
if (!['server', 'in-process', 'offline'].includes(API_MODE)) throw new Error(`--api ${API_MODE}: expected server, in-process or offline`);
const KEEP = process.argv.includes('--keep');
/** `--source head`: run the last commit (exported to a folder), not the working tree others may be editing. */
const SOURCE = option('source', 'worktree') as 'worktree' | 'head';
const OFFSET = Number(process.env.TONGKA_LOAD_PORT_OFFSET ?? 0);
const PORTS = { dynamodb: 8200 + OFFSET, api: 3700 + OFFSET, apiLambda: 3702 + OFFSET, wechat: 3800 + OFFSET };
const TABLE = 'tongka-local';
const STOCK = 100;
const PER_MEMBER = 2;
const SEATS = 2;
const STORES = ['jingan', 'xuhui', 'pudong'] as const;
/** A load run is not abuse: the per-member and per-staff limits (README § Abuse limits) set far above it. */
const LIMITS = {
  TONGKA_LOGINS_PER_HOUR: '1000000',
  TONGKA_CODES_PER_MINUTE: '1000000',
  TONGKA_SCANS_PER_HOUR: '1000000',
  TONGKA_INVALID_SCANS_PER_HOUR: '1000000',
  TONGKA_PHONE_LOOKUPS_PER_HOUR: '1000000',
};
/** The mix, by weight: what a chain's phones and counters send. A counter visit is a scan then a checkout. */
const MIX: Array<[Action, number]> = [
  ['card', 30],
  ['code', 15],
  ['counter', 25],
  ['claim', 10],
  ['claimable', 8],
  ['book', 12],
];
type Action = 'card' | 'code' | 'counter' | 'claim' | 'claimable' | 'book';

// ---------------------------------------------------------------- recording

interface Answer {
  status: number;
  body: any;
  retryAfter: string | null;
  ms: number;
}

interface RouteStats {
  ms: number[];
  byStatus: Map<string, number>;
}

const stats = new Map<string, RouteStats>();
let recording: 'burst' | 'mix' | null = null;
let apiUrl = '';

function record(route: string, answer: Answer): void {
  if (!recording) return;
  const key = `${recording}:${route}`;
  const entry: RouteStats = stats.get(key) ?? { ms: [], byStatus: new Map() };
  stats.set(key, entry);
  entry.ms.push(answer.ms);
  const code = answer.status === 0 ? 'no answer' : `${answer.status}${answer.body?.error?.code ? ` ${answer.body.error.code}` : ''}`;
  entry.byStatus.set(code, (entry.byStatus.get(code) ?? 0) + 1);
}

async function call(route: string, method: string, path: string, options: { token?: string; body?: unknown; key?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.key) headers['idempotency-key'] = options.key;
  const started = performance.now();
  let answer: Answer;
  try {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    answer = { status: res.status, body, retryAfter: res.headers.get('retry-after'), ms: performance.now() - started };
  } catch (error) {
    answer = { status: 0, body: { error: { code: (error as Error).name } }, retryAfter: null, ms: performance.now() - started };
  }
  record(route, answer);
  return answer;
}

/**
 * A setup or check request that must succeed. A 503 with Retry-After is sent again after it (with
 * the same Idempotency-Key, if any), as the app does: on a busy machine DynamoDB Local's calls time out.
 */
async function ok(route: string, method: string, path: string, options: Parameters<typeof call>[3] = {}): Promise<any> {
  for (let attempt = 0; ; attempt++) {
    const answer = await call(route, method, path, options);
    if (answer.status >= 200 && answer.status < 300) return answer.body;
    if (answer.status !== 503 || !answer.retryAfter || attempt >= 5) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    await sleep(Number(answer.retryAfter) * 1000);
  }
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
const fmtMs = (ms: number) => (Number.isNaN(ms) ? '-' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (message: string) => console.log(`[load] ${message}`);

// ---------------------------------------------------------------- the stack

interface Stack {
  dynamodb?: DynamoDbLocal;
  wechat?: FakeWechat;
  api: ChildProcess | null;
  stopInProcess?: () => Promise<void>;
  serviceDir?: string;
  dataDir: string;
}

/** `--api offline`: a folder holding a copy of serverless.yml and links to the sources, so serverless-esbuild's `.esbuild/` is this run's own. */
function serviceFolder(): string {
  const dir = join(ROOT, '.local', `load-service-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(ROOT, 'serverless.yml'), join(dir, 'serverless.yml'));
  for (const name of ['functions', 'shared', 'infra', 'node_modules', 'package.json', 'package-lock.json', 'tsconfig.json']) {
    if (!existsSync(join(dir, name))) symlinkSync(join(ROOT, name), join(dir, name));
  }
  return dir;
}

interface ProcessRow {
  pid: number;
  pgid: number;
  rssMb: number;
  comm: string;
}

function processRows(args: string[]): ProcessRow[] {
  try {
    return execFileSync('ps', [...args, '-o', 'pid=,pgid=,rss=,comm='])
      .toString()
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .map(([pid, pgid, rss, comm]) => ({ pid: Number(pid), pgid: Number(pgid), rssMb: (Number(rss) || 0) / 1024, comm: comm ?? '' }));
  } catch {
    return [];
  }
}

/** RSS in MB of one process. */
function rssMb(pid: number): number {
  return processRows(['-p', String(pid)])[0]?.rssMb ?? NaN;
}

/**
 * RSS in MB of the API. `server` and `offline` run detached, each the leader of its own process
 * group. `server`: tsx's command line is a small node process that starts the API as its child (and
 * keeps an esbuild service beside it to transform the TypeScript): the API is that child, the group
 * is all three. `offline`: the API is serverless-offline's node processes, every function in them;
 * beside them serverless-esbuild's esbuild service, the bundler, not the API. `in-process`: this
 * process, load generator and API together.
 */
function apiRss(stack: Stack): { api: number; group: number; esbuild: number } {
  if (API_MODE === 'in-process') {
    const self = rssMb(process.pid);
    return { api: self, group: self, esbuild: 0 };
  }
  const leader = stack.api!.pid!;
  const group = processRows(['-e']).filter((row) => row.pgid === leader);
  const node = group.filter((row) => row.comm !== 'esbuild');
  const children = node.filter((row) => row.pid !== leader);
  const api = (API_MODE === 'server' && children.length ? children : node).reduce((sum, row) => sum + row.rssMb, 0);
  const esbuild = group.filter((row) => row.comm === 'esbuild').reduce((sum, row) => sum + row.rssMb, 0);
  return { api: group.length ? api : NaN, group: group.length ? group.reduce((sum, row) => sum + row.rssMb, 0) : NaN, esbuild };
}

/** Starts the stack into `stack` as it goes, so that a failure half-way still stops what started. */
async function startStack(stack: Stack): Promise<void> {
  const { dataDir } = stack;
  log(`DynamoDB Local on :${PORTS.dynamodb} (data in ${dataDir})`);
  const dynamodb = await startDynamoDbLocal({ port: PORTS.dynamodb, dataDir });
  stack.dynamodb = dynamodb;
  await ensureTable(dynamodb.endpoint, TABLE);
  const wechat = await startFakeWechat({ port: PORTS.wechat });
  stack.wechat = wechat;
  const env = {
    ...process.env,
    ...LIMITS,
    DYNAMODB_ENDPOINT: dynamodb.endpoint,
    WECHAT_API_BASE: wechat.url,
    API_PORT: String(PORTS.api),
    // A job firing mid-run would not be the load's: the run measures the API.
    TONGKA_SCHEDULES: 'off',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
  apiUrl = `http://127.0.0.1:${PORTS.api}`;
  const seed = async () => {
    log('seeding the demo chain…');
    const { seedDemoChain } = await import('../../infra/seed/demo-chain');
    await seedDemoChain({ tableName: TABLE, endpoint: dynamodb.endpoint });
  };
  if (API_MODE === 'in-process') {
    // What api-server.ts does, in this process: the stage's environment (before any handler module
    // loads, the seed's included), its timeout, every handler loaded before the port opens.
    Object.assign(process.env, env, providerEnvironment('local', env));
    await seed();
    const { startHttpApi } = await import('../../infra/local/http-api');
    const api = await startHttpApi(PORTS.api, '127.0.0.1', { timeoutMs: functionTimeoutSeconds('local') * 1000, warm: true });
    apiUrl = api.url;
    stack.stopInProcess = api.stop;
    return;
  }
  let api: ChildProcess;
  let what: string;
  if (API_MODE === 'server') {
    log(`the API (infra/local/api-server.ts, as \`npm start\`) on :${PORTS.api}…`);
    what = 'the API server';
    api = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'infra', 'local', 'api-server.ts')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
  } else {
    stack.serviceDir = serviceFolder();
    log(`serverless-offline on :${PORTS.api}, built in ${stack.serviceDir}…`);
    what = 'serverless-offline';
    api = spawn(join(ROOT, 'node_modules', '.bin', 'osls'), ['offline', '--stage', 'local'], {
      cwd: stack.serviceDir,
      env: { ...env, API_LAMBDA_PORT: String(PORTS.apiLambda) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
  }
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  api.stdout?.on('data', keep);
  api.stderr?.on('data', keep);
  stack.api = api;
  process.once('exit', () => killGroup(api));
  // As `npm start` does: the API loads its handlers (or serverless-offline builds) meanwhile.
  await seed();
  const limitSeconds = API_MODE === 'offline' ? 300 : 120;
  const deadline = Date.now() + limitSeconds * 1000;
  for (;;) {
    if (api.exitCode !== null) throw new Error(`${what} exited (${api.exitCode}):\n${output.slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`${what} did not answer within ${limitSeconds} s:\n${output.slice(-4000)}`);
    // A failed build leaves serverless-offline running, answering nothing: say so at once.
    if (output.includes('Build failed')) throw new Error(`serverless-offline could not build the functions:\n${output.slice(-4000)}`);
    try {
      if ((await fetch(`${apiUrl}/v1/stores`)).ok) break;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  const ready = output.match(/API ready on .*/)?.[0];
  if (ready) log(ready);
}

function killGroup(child: ChildProcess | null): void {
  if (!child || child.exitCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

async function stopStack(stack: Stack): Promise<void> {
  killGroup(stack.api);
  if (stack.api && stack.api.exitCode === null) await new Promise((done) => stack.api!.once('exit', done));
  await stack.stopInProcess?.();
  await stack.wechat?.stop();
  await stack.dynamodb?.stop();
  if (!KEEP) {
    rmSync(stack.dataDir, { recursive: true, force: true });
    if (stack.serviceDir) rmSync(stack.serviceDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- the actors

interface Member {
  openid: string;
  token: string;
  code?: { digits: string; fetchedAt: number };
  points: number;
  coupons: string[];
  busy: boolean;
  touched: boolean;
}

interface World {
  clerks: Record<(typeof STORES)[number], string>;
  hq: string;
  templateId: string;
  serviceId: string;
  dates: string[];
  members: Member[];
  claimsWon: number;
  bookingsWon: Map<string, number>;
  receipts: number;
}

async function signIn(openid: string, route = 'setup'): Promise<{ token: string; points: number }> {
  for (let attempt = 0; ; attempt++) {
    const answer = await call(route, 'POST', '/v1/auth/wechat', { body: { code: `dev-${openid}` } });
    if (answer.status === 200) {
      if (answer.body.privacy.agreedVersion !== answer.body.privacy.noticeVersion) {
        await ok('setup', 'POST', '/v1/me/consent', { token: answer.body.token, body: { version: answer.body.privacy.noticeVersion } });
      }
      return { token: answer.body.token, points: answer.body.member.points };
    }
    if (answer.status !== 503 || attempt >= 5) throw new Error(`sign-in of ${openid}: ${answer.status} ${JSON.stringify(answer.body)}`);
    await sleep(Number(answer.retryAfter ?? 1) * 1000);
  }
}

const shanghaiDate = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

async function prepare(): Promise<Omit<World, 'members'>> {
  const [jingan, xuhui, pudong, hq] = await Promise.all(
    ['demo-clerk-jingan', 'demo-clerk-xuhui', 'demo-clerk-pudong', 'demo-hq-admin'].map(async (openid) => (await signIn(openid)).token),
  );
  const template = await ok('setup', 'POST', '/v1/admin/coupon-templates', {
    token: hq,
    key: randomUUID(),
    body: { name: '压测限量券', kind: 'amount_off', valueFen: 500, validity: { type: 'relative', days: 30 }, obtainedBy: 'claim', stock: STOCK, perMemberLimit: PER_MEMBER },
  });
  const service = await ok('setup', 'POST', '/v1/admin/services', {
    token: hq,
    body: { name: '压测体验', durationMinutes: 30, priceFen: 100, capacityByStore: { jingan: SEATS, xuhui: SEATS, pudong: SEATS } },
  });
  const dates = [1, 2, 3].map((d) => shanghaiDate(Date.now() + d * 86_400_000));
  return {
    clerks: { jingan: jingan!, xuhui: xuhui!, pudong: pudong! },
    hq: hq!,
    templateId: template.id,
    serviceId: service.id,
    dates,
    claimsWon: 0,
    bookingsWon: new Map(),
    receipts: 0,
  };
}

/** One request to each route the mix uses, as a warm Lambda would have had (a demo member, a demo visit). */
async function warmUp(world: Omit<World, 'members'>): Promise<void> {
  const { token } = await signIn('demo-member-zhang');
  await ok('setup', 'GET', '/v1/me/card', { token });
  const code = await ok('setup', 'GET', '/v1/me/code', { token });
  const visit = await ok('setup', 'POST', '/v1/staff/visits', { token: world.clerks.jingan, body: { code: code.digits } });
  await ok('setup', 'POST', `/v1/staff/visits/${visit.visitId}/checkout`, {
    token: world.clerks.jingan,
    key: randomUUID(),
    body: { receiptNo: `LOADWARM-${Date.now()}`, amountFen: 100 },
  });
  await ok('setup', 'GET', '/v1/coupons/claimable', { token });
  await ok('setup', 'GET', `/v1/stores/jingan/slots?serviceId=${world.serviceId}&date=${world.dates[2]}`);
  await ok('setup', 'GET', '/v1/me/ledger?limit=50', { token });
  await ok('setup', 'GET', '/v1/admin/coupon-templates', { token: world.hq });
}

async function freshCode(member: Member): Promise<string | undefined> {
  if (member.code && Date.now() - member.code.fetchedAt < 50_000) return member.code.digits;
  const answer = await call('GET /v1/me/code', 'GET', '/v1/me/code', { token: member.token });
  if (answer.status !== 200) return undefined;
  member.code = { digits: answer.body.digits, fetchedAt: Date.now() };
  return member.code.digits;
}

async function act(world: World, member: Member, action: Action): Promise<void> {
  member.touched = true;
  switch (action) {
    case 'card': {
      const answer = await call('GET /v1/me/card', 'GET', '/v1/me/card', { token: member.token });
      if (answer.status === 200) member.points = answer.body.points;
      return;
    }
    case 'code':
      member.code = undefined;
      await freshCode(member);
      return;
    case 'counter': {
      const digits = await freshCode(member);
      if (!digits) return;
      const store = pick(STORES);
      const clerk = world.clerks[store];
      const visit = await call('POST /v1/staff/visits (scan)', 'POST', '/v1/staff/visits', { token: clerk, body: { code: digits } });
      if (visit.status !== 200 && visit.status !== 201) return;
      const amountFen = 1_000 + Math.floor(Math.random() * 30_000);
      const redeemPoints = member.points >= 200 && Math.random() < 0.3 ? 100 + Math.floor(Math.random() * 100) : 0;
      const usable = (visit.body.coupons as Array<{ id: string; templateId: string }>).filter((c) => c.templateId === world.templateId);
      const couponIds = usable.length && Math.random() < 0.5 ? [usable[0]!.id] : [];
      const receiptNo = `LOAD-${store.toUpperCase()}-${Date.now().toString(36)}-${++world.receipts}`;
      const key = randomUUID();
      const body = { receiptNo, amountFen, redeemPoints, couponIds };
      const answer = await call('POST /v1/staff/visits/{id}/checkout', 'POST', `/v1/staff/visits/${visit.body.visitId}/checkout`, { token: clerk, key, body });
      if (answer.status === 200 || answer.status === 201) member.points = answer.body.balance;
      return;
    }
    case 'claim': {
      const answer = await call('POST /v1/coupons/templates/{id}/claim', 'POST', `/v1/coupons/templates/${world.templateId}/claim`, {
        token: member.token,
        key: randomUUID(),
      });
      if (answer.status === 200 || answer.status === 201) world.claimsWon++;
      return;
    }
    case 'claimable':
      await call('GET /v1/coupons/claimable', 'GET', '/v1/coupons/claimable', { token: member.token });
      return;
    case 'book': {
      const store = pick(STORES);
      const date = pick(world.dates);
      const slots = await call('GET /v1/stores/{id}/slots', 'GET', `/v1/stores/${store}/slots?serviceId=${world.serviceId}&date=${date}`, { token: member.token });
      const open = slots.status === 200 ? (slots.body.items as Array<{ start: string; remaining: number }>).filter((s) => s.remaining > 0) : [];
      if (!open.length) return;
      const start = pick(open).start;
      const answer = await call('POST /v1/bookings', 'POST', '/v1/bookings', {
        token: member.token,
        key: randomUUID(),
        body: { storeId: store, serviceId: world.serviceId, start },
      });
      if (answer.status === 200 || answer.status === 201) {
        const cell = `${store} ${start}`;
        world.bookingsWon.set(cell, (world.bookingsWon.get(cell) ?? 0) + 1);
      }
      return;
    }
  }
}

function chooseAction(): Action {
  const total = MIX.reduce((sum, [, w]) => sum + w, 0);
  let roll = Math.random() * total;
  for (const [action, weight] of MIX) {
    roll -= weight;
    if (roll < 0) return action;
  }
  return 'card';
}

async function worker(world: World, until: number): Promise<void> {
  while (Date.now() < until) {
    const idle = world.members.filter((m) => !m.busy);
    if (!idle.length) {
      await sleep(5);
      continue;
    }
    const member = pick(idle);
    member.busy = true;
    try {
      await act(world, member, chooseAction());
    } finally {
      member.busy = false;
    }
  }
}

// ---------------------------------------------------------------- invariants

async function wholeLedger(token: string): Promise<Array<{ delta: number }>> {
  const items: Array<{ delta: number }> = [];
  let cursor: string | undefined;
  do {
    const page = await ok('check', 'GET', `/v1/me/ledger?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

async function checkInvariants(world: World, endpoint: string): Promise<string[]> {
  const failures: string[] = [];
  // Balances: the card's points equal the sum of the ledger, for every member the run touched.
  const touched = world.members.filter((m) => m.touched);
  let entries = 0;
  for (const member of touched) {
    const [card, ledger] = await Promise.all([ok('check', 'GET', '/v1/me/card', { token: member.token }), wholeLedger(member.token)]);
    entries += ledger.length;
    const sum = ledger.reduce((total, e) => total + e.delta, 0);
    if (card.points !== sum || card.points < 0) failures.push(`${member.openid}: balance ${card.points}, ledger sums to ${sum}`);
  }
  console.log(
    `  balances  ${touched.length} members touched, ${entries} ledger entries: ${failures.length ? `${failures.length} balances differ from their ledger` : 'every balance equals the sum of its ledger'}`,
  );

  // Stock: issued never above the stock, remaining = stock − issued, issued = the claims answered 201.
  const templates = await ok('check', 'GET', '/v1/admin/coupon-templates', { token: world.hq });
  const template = (templates.items as Array<{ id: string; stock: number; remaining: number; issuedCount: number }>).find((t) => t.id === world.templateId)!;
  const stockOk = template.issuedCount <= template.stock && template.remaining === template.stock - template.issuedCount && template.remaining >= 0;
  const matches = template.issuedCount === world.claimsWon;
  if (!stockOk) failures.push(`template: stock ${template.stock}, issued ${template.issuedCount}, remaining ${template.remaining}`);
  if (!matches) failures.push(`template: issued ${template.issuedCount} but ${world.claimsWon} claims answered success`);
  console.log(
    `  stock     压测限量券: stock ${template.stock}, issued ${template.issuedCount}, remaining ${template.remaining}; claims answered success ${world.claimsWon}: ${stockOk && matches ? 'not oversold, issued exactly as claimed' : 'BROKEN'}`,
  );

  // Seats: every slot cell of the service (read from the table itself) holds at most its capacity,
  // and as many seats as bookings were answered success.
  process.env.TABLE_NAME = TABLE;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  const { partitionItems } = await import('../../functions/store/query');
  const { keys } = await import('../../functions/store/keys');
  let cells = 0;
  let seats = 0;
  let over = 0;
  let full = 0;
  for (const store of STORES) {
    for (const date of world.dates) {
      for (const cell of await partitionItems<{ sk: string; booked?: number }>(keys.slotDay(store, world.serviceId, date))) {
        const booked = Number(cell.booked ?? 0);
        cells++;
        seats += booked;
        if (booked > SEATS) over++;
        if (booked === SEATS) full++;
      }
    }
  }
  const won = [...world.bookingsWon.values()].reduce((a, b) => a + b, 0);
  const overWon = [...world.bookingsWon.values()].filter((n) => n > SEATS).length;
  if (over || overWon) failures.push(`seats: ${over} cells over capacity in the table, ${overWon} by the answers`);
  if (seats !== won) failures.push(`seats: ${seats} taken in the table, ${won} bookings answered success`);
  console.log(
    `  seats     ${cells} slot cells touched at 3 stores, ${full} full (${SEATS} of ${SEATS}), ${over} over capacity; seats taken ${seats}, bookings answered success ${won}: ${over || overWon || seats !== won ? 'BROKEN' : 'none over capacity'}`,
  );
  return failures;
}

// ---------------------------------------------------------------- report

function printRoutes(phase: 'burst' | 'mix', seconds: number): void {
  const rows = [...stats].filter(([key]) => key.startsWith(`${phase}:`));
  const all = rows.flatMap(([, s]) => s.ms);
  console.log(
    `  ${'route'.padEnd(38)} ${'count'.padStart(6)} ${'req/s'.padStart(6)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}   answers`,
  );
  for (const [key, s] of rows.sort((a, b) => b[1].ms.length - a[1].ms.length)) {
    const sorted = [...s.ms].sort((a, b) => a - b);
    const answers = [...s.byStatus]
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${code} ×${n}`)
      .join(', ');
    console.log(
      `  ${key.slice(phase.length + 1).padEnd(38)} ${String(sorted.length).padStart(6)} ${(sorted.length / seconds).toFixed(1).padStart(6)} ${fmtMs(percentile(sorted, 50)).padStart(8)} ${fmtMs(percentile(sorted, 95)).padStart(8)} ${fmtMs(percentile(sorted, 99)).padStart(8)} ${fmtMs(sorted.at(-1) ?? NaN).padStart(8)}   ${answers}`,
    );
  }
  const sorted = [...all].sort((a, b) => a - b);
  console.log(
    `  ${'all'.padEnd(38)} ${String(sorted.length).padStart(6)} ${(sorted.length / seconds).toFixed(1).padStart(6)} ${fmtMs(percentile(sorted, 50)).padStart(8)} ${fmtMs(percentile(sorted, 95)).padStart(8)} ${fmtMs(percentile(sorted, 99)).padStart(8)} ${fmtMs(sorted.at(-1) ?? NaN).padStart(8)}`,
  );
}

function errorsByCode(phase: 'burst' | 'mix'): string {
  const counts = new Map<string, number>();
  for (const [key, s] of stats) {
    if (!key.startsWith(`${phase}:`)) continue;
    for (const [code, n] of s.byStatus) if (!/^2\d\d$/.test(code)) counts.set(code, (counts.get(code) ?? 0) + n);
  }
  return (
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${code} ×${n}`)
      .join(', ') || 'none'
  );
}

// ---------------------------------------------------------------- main

/** `--source head`: exports HEAD's sources to a folder (node_modules linked) and runs this script from there. */
function runFromHead(): void {
  const dir = join(ROOT, '.local', `load-head-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const paths = ['functions', 'shared', 'infra', 'test', 'serverless.yml', 'package.json', 'tsconfig.json'];
  execFileSync('sh', ['-c', `git -C "$0" archive HEAD ${paths.join(' ')} | tar -x -C "$1"`, ROOT, dir]);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const commit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).toString().trim();
  log(`running commit ${commit} from ${dir}`);
  const args = process.argv.slice(2).filter((arg, i, all) => arg !== '--source' && all[i - 1] !== '--source' && !arg.startsWith('--source='));
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(dir, 'test', 'load', 'run.ts'), ...args], { cwd: dir, stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => {
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
    process.exit(code ?? 1);
  });
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // Ctrl-C: exit, which stops DynamoDB Local and the API's process group (their 'exit' hooks).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  const cores = availableParallelism();
  const loadBefore = loadavg()[0]!;
  const startedAt = Date.now();
  const stack: Stack = { api: null, dataDir: join(ROOT, '.local', `load-${Date.now().toString(36)}-${process.pid}`) };
  try {
    await startStack(stack);
  } catch (error) {
    await stopStack(stack);
    throw error;
  }
  const memory = { start: 0, peak: 0, end: 0, groupPeak: 0, esbuildPeak: 0, javaPeak: 0, loadPeak: 0 };
  const sample = () => {
    const api = apiRss(stack);
    memory.peak = Math.max(memory.peak, api.api);
    memory.groupPeak = Math.max(memory.groupPeak, api.group);
    memory.esbuildPeak = Math.max(memory.esbuildPeak, api.esbuild);
    memory.javaPeak = Math.max(memory.javaPeak, rssMb(stack.dynamodb!.pid));
    memory.loadPeak = Math.max(memory.loadPeak, loadavg()[0]!);
    return api.api;
  };
  let failures: string[] = [];
  try {
    log(
      `stack up in ${((Date.now() - startedAt) / 1000).toFixed(0)} s; preparing (staff sign-ins, a coupon of stock ${STOCK}, a service of ${SEATS} seats) and warming the routes…`,
    );
    const prepared = await prepare();
    await warmUp(prepared);
    memory.start = sample();
    const sampler = setInterval(sample, 500);

    // 1. The burst: first logins at once.
    const runId = Date.now().toString(36);
    recording = 'burst';
    const burstStarted = performance.now();
    const firsts = await Promise.all(
      Array.from({ length: MEMBERS }, (_, i) => call('POST /v1/auth/wechat (first login)', 'POST', '/v1/auth/wechat', { body: { code: `dev-load-${runId}-${i}` } })),
    );
    const burstSeconds = (performance.now() - burstStarted) / 1000;
    recording = null;
    const answeredWell = firsts.filter((a) => a.status === 200 || (a.status === 503 && Number(a.retryAfter) >= 1)).length;

    // Those that got 503 sign in again after Retry-After, as the app does; everyone agrees to the notice.
    const members: Member[] = await Promise.all(
      firsts.map(async (answer, i) => {
        const openid = `load-${runId}-${i}`;
        if (answer.status === 200) {
          const privacy = answer.body.privacy;
          if (privacy.agreedVersion !== privacy.noticeVersion) {
            await ok('setup', 'POST', '/v1/me/consent', { token: answer.body.token, body: { version: privacy.noticeVersion } });
          }
          return { openid, token: answer.body.token, points: answer.body.member.points, coupons: [], busy: false, touched: true };
        }
        const again = await signIn(openid);
        return { openid, token: again.token, points: again.points, coupons: [], busy: false, touched: true };
      }),
    );
    const world: World = { ...prepared, members };

    // 2. The mix.
    log(`mix: ${WORKERS} workers over ${MEMBERS} members for ${SECONDS} s…`);
    recording = 'mix';
    const mixStarted = performance.now();
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(Array.from({ length: WORKERS }, () => worker(world, until)));
    const mixSeconds = (performance.now() - mixStarted) / 1000;
    recording = null;
    clearInterval(sampler);
    memory.end = sample();

    // 3. The report.
    const apiLabel = {
      server: 'infra/local/api-server.ts in its own process (as `npm start`)',
      'in-process': 'infra/local/http-api.ts in the load process',
      offline: 'serverless-offline 14.8.2, useInProcess (`npm run offline`)',
    }[API_MODE];
    console.log(`\nnpm run load — ${new Date().toISOString()}`);
    console.log(
      `  machine: ${cores} cores, load average ${loadBefore.toFixed(1)} before the stack started, peak ${memory.loadPeak.toFixed(1)} during the run${loadBefore > 0.5 * cores ? ' (SHARED: other work was running)' : ''}`,
    );
    console.log(`  stack: DynamoDB Local 3.3.0 (Java) :${PORTS.dynamodb}, fake WeChat :${PORTS.wechat}, API: ${apiLabel} :${PORTS.api}`);

    console.log(`\nBurst: ${MEMBERS} first logins at once, all answered in ${burstSeconds.toFixed(1)} s`);
    printRoutes('burst', burstSeconds);
    const refused = firsts.filter((a) => a.status === 503).length;
    console.log(
      `  check: every one answered 200, or 503 with Retry-After: ${answeredWell === MEMBERS ? 'met' : 'NOT MET'} (${firsts.filter((a) => a.status === 200).length} × 200, ${refused} × 503, ${MEMBERS - answeredWell} otherwise)`,
    );

    const mixCount = [...stats].filter(([k]) => k.startsWith('mix:')).reduce((n, [, s]) => n + s.ms.length, 0);
    console.log(`\nMix: ${WORKERS} workers, ${MEMBERS} members, ${mixSeconds.toFixed(1)} s — ${mixCount} requests, ${(mixCount / mixSeconds).toFixed(1)} requests/s`);
    printRoutes('mix', mixSeconds);
    console.log(`  answers other than 2xx: ${errorsByCode('mix')}`);

    const whose = {
      server: 'the api-server node process, every handler in it',
      'in-process': 'this process: load generator and API together',
      offline: 'the serverless-offline node processes, every function in them',
    }[API_MODE];
    const beside = {
      server: `; its process group (with tsx's command-line process and its esbuild transformer) peak ${memory.groupPeak.toFixed(0)} MB`,
      'in-process': '',
      offline: `; beside it serverless-esbuild's esbuild service (the bundler, idle once built) peak ${memory.esbuildPeak.toFixed(0)} MB`,
    }[API_MODE];
    console.log(
      `\nMemory: API (RSS of ${whose}) ${memory.start.toFixed(0)} MB warm, peak ${memory.peak.toFixed(0)} MB, ${memory.end.toFixed(0)} MB after` +
        `${beside}; DynamoDB Local (Java) peak ${memory.javaPeak.toFixed(0)} MB`,
    );
    console.log('\nInvariants');
    failures = await checkInvariants(world, stack.dynamodb!.endpoint);
    if (failures.length) console.log(`  BROKEN:\n    ${failures.join('\n    ')}`);
    else console.log('  all hold');
  } finally {
    await stopStack(stack);
  }
  process.exit(failures.length ? 1 : 0);
}

if (SOURCE === 'head') runFromHead();
else
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
