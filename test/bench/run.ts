/**
 * `npm run bench`: what the hot routes cost. Prints, for card, visit, checkout, coupon claim and
 * checkout with a coupon, book and availability, the DynamoDB
 * calls per request (real handlers against DynamoDB Local); each function's minified bundle size
 * and require time next to a bundle holding only the DynamoDB client; the birthday job's items read
 * against a 100,000-member base; the weapp main-package size.
 * Figures only: nothing here passes or fails on speed.
 */
// The tests' environment (local stage, fake secrets), set before any SDK module loads.
import '../support/env';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { startHttpApi } from '../../infra/local/http-api';
import { ensureTable } from '../../infra/local/tables';
import { seedDemoChain } from '../../infra/seed/demo-chain';
import { startFakeWechat } from '../../infra/wechat-fake/server';
import { measureBundles } from './bundles';
import { callCounter, measureCalls } from './dynamodb-calls';
import { measureBirthdayJob } from './birthday-job';
import { weappMainPackageBytes } from './weapp-size';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function login(apiUrl: string, openid: string): Promise<string> {
  const res = await fetch(`${apiUrl}/v1/auth/wechat`, { method: 'POST', body: JSON.stringify({ code: `dev-${openid}` }) });
  return ((await res.json()) as { token: string }).token;
}

async function main(): Promise<void> {
  const dynamodb = await startDynamoDbLocal({ port: Number(process.env.BENCH_DYNAMODB_PORT ?? 8900) });
  const wechat = await startFakeWechat();
  try {
    const tableName = 'tongka-bench';
    await ensureTable(dynamodb.endpoint, tableName);
    await seedDemoChain({ tableName, endpoint: dynamodb.endpoint });
    process.env.WECHAT_API_BASE = wechat.url;
    const api = await startHttpApi();
    const tokens = {
      member: await login(api.url, 'demo-member-wang'),
      clerk: await login(api.url, 'demo-clerk-xuhui'),
      hq: await login(api.url, 'demo-hq-admin'),
      // Each books one slot: a member cannot hold two overlapping bookings, so one member per slot.
      bookers: await Promise.all(Array.from({ length: 20 }, (_, i) => login(api.url, `bench-booker-${i}`))),
    };

    console.log('\nDynamoDB calls and items read per request (floor: 1 call)');
    for (const figure of await measureCalls(tokens)) {
      const parts = Object.entries(figure.byCommand)
        .map(([name, n]) => `${name} ${n}`)
        .join(', ');
      console.log(`  ${figure.route.padEnd(48)} ${figure.callsPerRequest.toFixed(1).padStart(5)} calls ${figure.itemsPerRequest.toFixed(1).padStart(6)} items   (${parts})`);
    }
    await api.stop();

    console.log('\nFunction bundles (minified, SDK bundled) and cold require time (median of 5)');
    const bundles = await measureBundles();
    const floor = bundles[0]!;
    for (const figure of bundles) {
      const extra = figure === floor ? '' : `  (+${kb(figure.bytes - floor.bytes)}, +${(figure.requireMs - floor.requireMs).toFixed(0)} ms over the client alone)`;
      console.log(`  ${figure.name.padEnd(22)} ${kb(figure.bytes).padStart(10)} ${`${figure.requireMs.toFixed(0)} ms`.padStart(8)}${extra}`);
    }

    console.log('\nBirthday job against the member base (items read should track the matches, not the base)');
    const birthday = await measureBirthdayJob(callCounter);
    console.log(
      `  ${birthday.members.toLocaleString('en-US')} members, ${birthday.matched} with a birthday today (plus the demo's): ` +
        `${birthday.itemsRead} table items read (${(birthday.itemsRead / Math.max(1, birthday.matched)).toFixed(2)} per match) plus ${birthday.indexKeysRead} index keys, in ${birthday.calls} DynamoDB calls`,
    );

    const weapp = weappMainPackageBytes();
    console.log('\nWeChat main package (limit 2048 KB)');
    console.log(weapp === null ? '  not built: run `npm run build:weapp` first' : `  ${kb(weapp)}`);
  } finally {
    await wechat.stop();
    await dynamodb.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
