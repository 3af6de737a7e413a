/**
 * The card page in the real WeChat runtime, driven by miniprogram-automator through WeChat
 * DevTools (which has no Linux build). Runs only when WECHAT_DEVTOOLS_CLI points at DevTools' cli
 * (macOS: /Applications/wechatwebdevtools.app/Contents/MacOS/cli, Windows: …/微信web开发者工具/cli.bat)
 * and DevTools' service port is enabled (设置 → 安全设置 → 服务端口). Otherwise the suite is skipped
 * with one line saying so.
 *
 * It opens miniapp/ (project.config.json: miniprogramRoot dist/weapp/), reroutes wx.request from the
 * compiled API base to this test's API, signs in through the login page's demo account
 * 王小美 (the local stage lists demo accounts), and checks what the card page shows.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type MiniProgram from 'miniprogram-automator/out/MiniProgram';
import type Page from 'miniprogram-automator/out/Page';
import { api, seed, startTestStack, type TestStack } from '../support/stack';

const cliPath = process.env.WECHAT_DEVTOOLS_CLI;
const projectPath = resolve(__dirname, '..', '..', 'miniapp');
const SESSION_KEY = 'tongka.session';

if (!cliPath) {
  process.stdout.write("weapp automator: skipped — set WECHAT_DEVTOOLS_CLI to WeChat DevTools' cli to run it\n");
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

(cliPath ? describe : describe.skip)('the card page in WeChat DevTools (miniprogram-automator)', () => {
  let stack: TestStack;
  let miniProgram: MiniProgram;

  beforeAll(async () => {
    if (!existsSync(resolve(projectPath, 'dist', 'weapp', 'app.json'))) {
      throw new Error('No WeChat build in miniapp/dist/weapp: run `npm run build:weapp` first (npm run test:weapp does).');
    }
    stack = await startTestStack();
    await seed(stack);
    const automator = (await import('miniprogram-automator')).default;
    miniProgram = await automator.launch({ cliPath, projectPath, trustProject: true, timeout: 120_000 });
    // The build calls its compiled API base; send those calls to this test's API instead. The
    // function runs inside the mini-program, `this.origin` being the real wx.request.
    await miniProgram.mockWxMethod(
      'request',
      function (this: { origin: (o: unknown) => unknown }, options: { url: string }, apiUrl: string) {
        return this.origin(Object.assign({}, options, { url: options.url.replace(/^https?:\/\/[^/]+/, apiUrl) }));
      },
      stack.api.url,
    );
    await miniProgram.callWxMethod('clearStorageSync');
  }, 180_000);

  afterAll(async () => {
    if (miniProgram) {
      await miniProgram.restoreWxMethod('request').catch(() => undefined);
      await miniProgram.close();
    }
    await stack?.stop();
  }, 60_000);

  const textOf = async (page: Page, selector: string) => {
    const element = await page.$(selector);
    return element ? (await element.text()).trim() : null;
  };

  it('signs in as 王小美 on the login page and shows her nickname, tier, points and 16-digit code', async () => {
    const login = await miniProgram.reLaunch('/pages/login/index');
    if (!login) throw new Error('reLaunch to the login page returned no page');
    await login.waitFor('.tk-account-demo-member-wang');
    const account = await login.$('.tk-account-demo-member-wang');
    if (!account) throw new Error('The demo account 王小美 is not listed on the login page');
    await account.tap();

    const card = await until('the card page', async () => {
      const current = await miniProgram.currentPage();
      return current?.path === 'pages/card/index' ? current : null;
    });
    await until('the member code', async () => ((await textOf(card, '.tk-digits')) ? true : null));

    const session = (await miniProgram.callWxMethod('getStorageSync', SESSION_KEY)) as { token: string } | '';
    if (!session) throw new Error('No session in storage after signing in');
    const fromApi = await api(stack).get('/v1/me/card', { token: session.token });
    expect(fromApi.status).toBe(200);

    expect(await textOf(card, '.tk-nickname')).toBe('王小美');
    expect(await textOf(card, '.tk-tier')).toContain('银卡');
    expect(await textOf(card, '.tk-points')).toBe(String(fromApi.body.points));
    expect(await textOf(card, '.tk-digits')).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
  }, 120_000);
});
