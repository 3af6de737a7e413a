/**
 * @jest-environment ./test/weapp/support/simulate-environment.ts
 */
/**
 * WeChat's privacy flow before the birthday is asked (issue 12 §1), in the built WeChat app: 我的资料与隐私
 * renders the birthday's rows as taps that run wx.requirePrivacyAuthorize until the user agreed to
 * the mini-program's privacy guide; WeChat's request is answered from the page's prompt (its
 * `agreePrivacyAuthorization` button), and only then do the rows become the pickers.
 */
import { randomUUID } from 'node:crypto';
import { api, seed, startTestStack, type TestStack } from '../support/stack';
import { bootMiniProgram, type MiniProgram, type SimulatedPage } from './support/mini-program';

const SESSION_KEY = 'tongka.session';

let stack: TestStack;
let mp: MiniProgram;
let session: { token: string; expiresAt: string; staff: null };

beforeAll(async () => {
  stack = await startTestStack();
  await seed(stack);
  const client = api(stack);
  const login = await client.post('/v1/auth/wechat', { body: { code: `dev-weapp-birthday-${randomUUID().slice(0, 8)}` } });
  expect(login.status).toBe(200);
  const agreed = await client.post('/v1/me/consent', { token: login.body.token, body: { version: login.body.privacy.noticeVersion } });
  expect(agreed.status).toBe(200);
  session = { token: login.body.token, expiresAt: login.body.expiresAt, staff: null };
  mp = await bootMiniProgram({ apiUrl: stack.api.url, launchPath: 'me/settings/index' });
});
afterAll(() => stack?.stop());

let page: SimulatedPage | undefined;
afterEach(() => {
  page?.close();
  page = undefined;
});

async function openSettings(): Promise<SimulatedPage> {
  mp.storage.set(SESSION_KEY, session);
  const opened = await mp.open('me/settings/index');
  await mp.waitFor(opened, () => opened.find('.tk-birthday-month-day') !== null);
  return opened;
}

describe('the birthday in the WeChat build', () => {
  it('asks WeChat’s privacy authorization when the birthday is tapped, before any picker, and opens the pickers once agreed', async () => {
    mp.privacy.needAuthorization = true;
    mp.privacy.asked = 0;
    page = await openSettings();
    const p = page;
    expect(p.find('.tk-birthday-picker-locked')).not.toBeNull();

    await p.tap('.tk-birthday-month-day');
    await mp.waitFor(p, () => p.find('.tk-privacy-authorization') !== null);
    expect(mp.privacy.asked).toBe(1);
    expect(p.find('.tk-privacy-authorization')!.text).toContain('《通卡小程序隐私保护指引》');

    await p.trigger('.tk-privacy-authorization-agree', 'agreeprivacyauthorization');
    await mp.waitFor(p, () => p.find('.tk-birthday-picker-locked') === null);
    expect(mp.privacy.needAuthorization).toBe(false);
    expect(p.find('.tk-privacy-authorization')).toBeNull();
  });

  it('keeps the pickers closed when the user refuses, and says why', async () => {
    mp.privacy.needAuthorization = true;
    page = await openSettings();
    const p = page;
    await p.tap('.tk-birthday-year');
    await mp.waitFor(p, () => p.find('.tk-privacy-authorization') !== null);
    await p.tap('.tk-privacy-authorization-disagree');
    await mp.waitFor(p, () => p.text().includes('需要同意隐私保护指引后才能填写生日'));
    expect(p.find('.tk-birthday-picker-locked')).not.toBeNull();
  });

  it('shows the pickers at once when WeChat needs no agreement', async () => {
    mp.privacy.needAuthorization = false;
    mp.privacy.asked = 0;
    page = await openSettings();
    const p = page;
    await mp.waitFor(p, () => p.find('.tk-birthday-picker-locked') === null);
    expect(mp.privacy.asked).toBe(0);
  });
});
