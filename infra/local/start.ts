/**
 * `npm start`: the whole product on this machine, one process tree, one Ctrl-C.
 * DynamoDB Local (data kept in .local/) → the table from serverless.yml → the fake WeChat server →
 * the API (infra/local/api-server.ts, stage `local`; it loads while the demo chain is seeded, first
 * start only) → the H5 app (built if missing or stale, served with /v1 proxied to the API). Prints
 * URLs and demo accounts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { isSeeded, refreshDemoStaffAccess, seedDemoChain } from '../seed/demo-chain';
import { sealPersonalData } from '../../functions/domain/seal-personal-data';
import { startFakeWechat, type FakeWechat } from '../wechat-fake/server';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { startH5Server } from './h5-server';
import { localStack } from './ports';
import { ROOT } from './serverless-config';
import { ensureIndexes, ensureTable } from './tables';

const H5_DIST = join(ROOT, 'miniapp', 'dist', 'h5');
const children: ChildProcess[] = [];
let dynamodb: DynamoDbLocal | undefined;
let wechat: FakeWechat | undefined;
let h5: Server | undefined;
let stopping = false;

const log = (message: string) => console.log(`[tongka] ${message}`);

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestMtime(path) : stat.mtimeMs);
  }
  return newest;
}

function h5IsStale(): boolean {
  const index = join(H5_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const sources = Math.max(newestMtime(join(ROOT, 'miniapp', 'src')), newestMtime(join(ROOT, 'miniapp', 'config')), newestMtime(join(ROOT, 'shared')));
  return sources > statSync(index).mtimeMs;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, name: string): ChildProcess {
  // Own process group, so stopping kills the child's children too (npm and tsx start their own).
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => `[${name}] ${line}`)
      .join('\n');
  child.stdout?.on('data', (chunk: Buffer) => console.log(prefix(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => console.error(prefix(chunk)));
  children.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<number> {
  return new Promise((done) => (child.exitCode !== null ? done(child.exitCode) : child.once('exit', (code) => done(code ?? 1))));
}

async function waitForApi(url: string, api: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error('The API exited; see its output above');
    try {
      const res = await fetch(`${url}/v1/stores`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The API did not answer on ${url} within 180 s`);
}

function killChild(child: ChildProcess): void {
  if (child.exitCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

async function stop(code = 0): Promise<never> {
  if (!stopping) {
    stopping = true;
    log('stopping…');
    children.forEach(killChild);
    h5?.closeAllConnections();
    h5?.close();
    await wechat?.stop();
    await dynamodb?.stop();
  }
  process.exit(code);
}

function printAccounts(accounts: Array<{ role: string; name: string; openid: string; storeName: string | null }>): void {
  const roles: Record<string, string> = { member: '会员', clerk: '店员', manager: '店长', hq: '总部' };
  console.log('\n  Demo accounts (H5: pick one on the 演示登录 screen; login code is dev-<openid>):');
  for (const account of accounts) {
    console.log(`    ${(roles[account.role] ?? account.role).padEnd(4)} ${account.name.padEnd(14)} ${account.openid.padEnd(22)} ${account.storeName ?? ''}`);
  }
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const { dynamodbPort, apiPort, apiLambdaPort, wechatPort, h5Port, dataDir, tableName } = localStack;
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  log(`DynamoDB Local on :${dynamodbPort} (data in ${dataDir})`);
  dynamodb = await startDynamoDbLocal({ port: dynamodbPort, dataDir });
  const target = { tableName, endpoint: dynamodb.endpoint };
  if (await ensureTable(target.endpoint, tableName)) log(`created table ${tableName}`);
  else for (const index of await ensureIndexes(target.endpoint, tableName)) log(`added index ${index} to ${tableName}`);
  wechat = await startFakeWechat({ port: wechatPort });
  log(`fake WeChat server on ${wechat.url}`);

  const env = {
    ...process.env,
    DYNAMODB_ENDPOINT: dynamodb.endpoint,
    WECHAT_API_BASE: wechat.url,
    API_PORT: String(apiPort),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // The SDK needs some credentials to exist; DynamoDB Local takes any.
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
  };
  // `npm run offline`'s serverless-offline instead, on request (it bundles every function first).
  const api =
    process.env.TONGKA_API === 'offline'
      ? run(join(ROOT, 'node_modules', '.bin', 'osls'), ['offline', '--stage', 'local'], { ...env, API_LAMBDA_PORT: String(apiLambdaPort) }, 'api')
      : run(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'infra', 'local', 'api-server.ts')], env, 'api');
  void exited(api).then((code) => {
    if (!stopping) {
      console.error(`[tongka] the API exited (${code}); stopping`);
      void stop(1);
    }
  });

  // The API loads its handlers meanwhile.
  if (await isSeeded(target)) {
    log('demo chain already seeded (npm run reset wipes it)');
    await refreshDemoStaffAccess(target);
    // A chain seeded before encryption: seal its clear phones and birth years (idempotent; README § Encryption).
    const sealed = await sealPersonalData();
    if (sealed.phonesSealed + sealed.birthYearsSealed + sealed.resealed > 0) log(`sealed personal data: ${JSON.stringify(sealed)}`);
  } else {
    log('seeding the demo chain 沪上茶点…');
    await seedDemoChain(target);
  }

  const build =
    process.env.TONGKA_SKIP_H5_BUILD !== '1' && h5IsStale()
      ? (log('building the H5 app (npm run build:h5)…'), run('npm', ['run', 'build:h5'], process.env, 'h5-build'))
      : undefined;

  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await waitForApi(apiUrl, api);
  log(`API on ${apiUrl}`);
  if (build && (await exited(build)) !== 0) throw new Error('The H5 build failed; see its output above');

  h5 = await startH5Server({ port: h5Port, root: H5_DIST, apiUrl });
  const accounts = (await (await fetch(`${apiUrl}/v1/dev/accounts`)).json()) as { items: Parameters<typeof printAccounts>[0] };

  console.log(`
  Tongka 通卡 is running — Ctrl-C stops everything.

    H5 app            http://127.0.0.1:${h5Port}
    API               ${apiUrl}
    fake WeChat       ${wechat.url}   (what was sent: ${wechat.url}/__fake/sent)
    DynamoDB Local    ${dynamodb.endpoint}   (table ${tableName})`);
  printAccounts(accounts.items);
  console.log('');
}

main().catch((error) => {
  console.error(`[tongka] ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});
