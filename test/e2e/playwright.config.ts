/**
 * The browser test: Debian's Chromium against the H5 build (`npm run test:e2e` builds it first),
 * served by the real local stack (`infra/local/start.ts`) on ports of its own and a fresh data
 * directory, so the demo chain is seeded anew for every run.
 */
import { defineConfig } from '@playwright/test';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { e2ePorts } from './ports';

const ROOT = join(__dirname, '..', '..');
const H5_PORT = e2ePorts.h5;
const BASE_URL = `http://127.0.0.1:${H5_PORT}`;

/** Each run's DynamoDB Local data; earlier runs' directories (older than an hour) are removed. */
function freshDataDir(): string {
  const local = join(ROOT, '.local');
  const stamp = process.env.TONGKA_E2E_RUN ?? `${Date.now().toString(36)}-${process.pid}`;
  // Workers load this file again: they share the main process's run id and clean nothing.
  if (!process.env.TONGKA_E2E_RUN) {
    process.env.TONGKA_E2E_RUN = stamp;
    if (existsSync(local)) {
      for (const name of readdirSync(local)) {
        const path = join(local, name);
        if (name.startsWith('e2e-') && Date.now() - statSync(path).mtimeMs > 3600_000) rmSync(path, { recursive: true, force: true });
      }
    }
  }
  return join('.local', `e2e-${stamp}`);
}

export default defineConfig({
  testDir: __dirname,
  testMatch: '*.spec.ts',
  outputDir: join(ROOT, 'test-results'),
  fullyParallel: false,
  workers: 1,
  // On CI a test failing once is run again (and reported as flaky, not hidden): a machine busier
  // than expected can outlast a step's wait. Locally a failure stays a failure.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  // The longest specs (several accounts, a dozen screens) take a minute on a busy 2-core machine.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  use: {
    baseURL: BASE_URL,
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'npx tsx infra/local/start.ts',
    cwd: ROOT,
    url: `${BASE_URL}/`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    // start.ts stops DynamoDB Local, the API and the fake WeChat server on SIGTERM.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    env: {
      DYNAMODB_PORT: String(e2ePorts.dynamodb),
      API_PORT: String(e2ePorts.api),
      API_LAMBDA_PORT: String(e2ePorts.apiLambda),
      WECHAT_PORT: String(e2ePorts.wechat),
      H5_PORT: String(H5_PORT),
      TONGKA_DATA_DIR: freshDataDir(),
      // `npm run test:e2e` has just built miniapp/dist/h5.
      TONGKA_SKIP_H5_BUILD: '1',
      // The specs run the jobs they test themselves; a job firing on its schedule mid-spec would not be theirs.
      TONGKA_SCHEDULES: 'off',
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
    },
  },
});
