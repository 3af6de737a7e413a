/**
 * `npm run bench`: what the hot routes cost. Prints, for card, visit, checkout, coupon claim and
 * checkout with a coupon, book and availability, the DynamoDB calls and their sequential depth per
 * request (real handlers against DynamoDB Local; issue 15's depth targets beside them); each
 * function's minified bundle size and require time next to a bundle holding only the DynamoDB
 * client, with the load average and a warning when the machine was not idle; the birthday job's
 * items read against a 100,000-member base; the weapp main-package size.
 * Figures only: nothing here passes or fails on speed. `--only calls,bundles,birthday,weapp` picks sections.
 */
// The tests' environment (local stage, fake secrets), set before any SDK module loads.
import '../support/env';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { startHttpApi } from '../../infra/local/http-api';
import { ensureTable } from '../../infra/local/tables';
import { seedDemoChain } from '../../infra/seed/demo-chain';
import { startFakeWechat } from '../../infra/wechat-fake/server';
import { idleCheck, measureBundles } from './bundles';
import { callCounter, measureCalls } from './dynamodb-calls';
import { measureBirthdayJob } from './birthday-job';
import { weappMainPackageBytes } from './weapp-size';

/** Issue 15 §3: the sequential round trips each hot route should need at most. */
const DEPTH_TARGETS: Record<string, number> = {
  'GET /v1/me/card': 1,
  'POST /v1/staff/visits': 2,
  'POST /v1/staff/visits/{id}/checkout': 3,
  'POST checkout with a coupon': 3,
  'POST /v1/coupons/templates/{id}/claim': 2,
  'POST /v1/bookings': 3,
};

/** `npm run bench -- --only calls,bundles`: just those sections (calls, bundles, birthday, weapp). */
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1]?.split(',') : undefined;
const want = (section: string) => !only || only.includes(section);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Signs in and, like the app, agrees to the privacy notice first if this account has not (a new member books nothing before). */
async function login(apiUrl: string, openid: string): Promise<string> {
  const res = await fetch(`${apiUrl}/v1/auth/wechat`, { method: 'POST', body: JSON.stringify({ code: `dev-${openid}` }) });
  const { token, privacy } = (await res.json()) as { token: string; privacy: { agreedVersion: string | null; noticeVersion: string } };
  if (privacy.agreedVersion !== privacy.noticeVersion) {
    const agreed = await fetch(`${apiUrl}/v1/me/consent`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: privacy.noticeVersion }),
    });
    if (!agreed.ok) throw new Error(`consent for ${openid}: ${agreed.status} ${await agreed.text()}`);
  }
  return token;
}

async function main(): Promise<void> {
  // The bundles and the weapp size need no table: `--only bundles` starts nothing.
  if (!want('calls') && !want('birthday')) {
    if (want('bundles')) await printBundles();
    if (want('weapp')) printWeapp();
    return;
  }
  const dynamodb = await startDynamoDbLocal({ port: Number(process.env.BENCH_DYNAMODB_PORT ?? 8900) });
  const wechat = await startFakeWechat();
  try {
    const tableName = 'tongka-bench';
    await ensureTable(dynamodb.endpoint, tableName);
    await seedDemoChain({ tableName, endpoint: dynamodb.endpoint });
    process.env.WECHAT_API_BASE = wechat.url;
    if (want('calls')) await printCalls();
    if (want('bundles')) await printBundles();
    if (want('birthday')) await printBirthday();
    if (want('weapp')) printWeapp();
  } finally {
    await wechat.stop();
    await dynamodb.stop();
  }
}

async function printCalls(): Promise<void> {
  const api = await startHttpApi();
  const tokens = {
    member: await login(api.url, 'demo-member-wang'),
    clerk: await login(api.url, 'demo-clerk-xuhui'),
    hq: await login(api.url, 'demo-hq-admin'),
    // Each books one slot: a member cannot hold two overlapping bookings, so one member per slot.
    bookers: await Promise.all(Array.from({ length: 20 }, (_, i) => login(api.url, `bench-booker-${i}`))),
  };

  console.log('\nDynamoDB calls, sequential depth (round trips on the critical path: mean, max) and items read per request (floor: 1 call, depth 1)');
  for (const figure of await measureCalls(tokens)) {
    const parts = Object.entries(figure.byCommand)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ');
    const target = DEPTH_TARGETS[figure.route];
    const depth = figure.depthPerRequest === undefined ? ''.padStart(17) : `depth ${figure.depthPerRequest.toFixed(1).padStart(4)} ${`(max ${figure.maxDepth})`.padEnd(7)}`;
    const verdict = target === undefined || figure.maxDepth === undefined ? '' : figure.maxDepth <= target ? `  [target ≤ ${target}: met]` : `  [target ≤ ${target}: ABOVE]`;
    console.log(
      `  ${figure.route.padEnd(48)} ${figure.callsPerRequest.toFixed(1).padStart(5)} calls  ${depth} ${figure.itemsPerRequest.toFixed(1).padStart(6)} items   (${parts})${verdict}`,
    );
  }
  await api.stop();
}

async function printBundles(): Promise<void> {
  const before = idleCheck();
  console.log(`\nFunction bundles (minified, SDK bundled) and cold require time (median of 5) — ${before.text}`);
  const bundles = await measureBundles();
  const after = idleCheck();
  const floor = bundles[0]!;
  for (const figure of bundles) {
    const extra = figure === floor ? '' : `  (+${kb(figure.bytes - floor.bytes)}, +${(figure.requireMs - floor.requireMs).toFixed(0)} ms over the client alone)`;
    console.log(`  ${figure.name.padEnd(22)} ${kb(figure.bytes).padStart(10)} ${`${figure.requireMs.toFixed(0)} ms`.padStart(8)}${extra}`);
  }
  const largest = bundles.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  console.log(`  largest: ${largest.name}, ${(largest.bytes / floor.bytes).toFixed(2)}× the client-only bundle (target ≤ 1.25×)`);
  console.log(`  after: ${after.text}`);
  if (!before.idle || !after.idle) {
    console.log(
      `  WARNING: the machine was busy (1-minute load above 0.5 per core, i.e. ${(0.5 * before.cores).toFixed(1)}): the require times above are not an idle figure; ` +
        'measured during other work they swing by a factor of 3. Run `npm run bench` again on an idle machine.',
    );
  } else console.log('  the machine was idle (1-minute load at most 0.5 per core) before and after: an idle figure.');
}

async function printBirthday(): Promise<void> {
  console.log('\nBirthday job against the member base (items read should track the matches, not the base)');
  const birthday = await measureBirthdayJob(callCounter);
  console.log(
    `  ${birthday.members.toLocaleString('en-US')} members, ${birthday.matched} with a birthday today (plus the demo's): ` +
      `${birthday.itemsRead} table items read (${(birthday.itemsRead / Math.max(1, birthday.matched)).toFixed(2)} per match) plus ${birthday.indexKeysRead} index keys, in ${birthday.calls} DynamoDB calls`,
  );
}

function printWeapp(): void {
  const weapp = weappMainPackageBytes();
  console.log('\nWeChat main package (limit 2048 KB)');
  console.log(weapp === null ? '  not built: run `npm run build:weapp` first' : `  ${kb(weapp)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
