/**
 * The WeChat client for pushes and phone numbers, over the fake WeChat server and DynamoDB Local:
 * the access token shared through the table, subscribeMessage.send with every WeChat answer the
 * jobs act on, and the getPhoneNumber exchange with the API error each WeChat answer becomes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../../functions/store/client';
import { keys } from '../../functions/store/keys';
import { getWechatAccessToken, putWechatAccessToken } from '../../functions/store/wechat-token';
import { accessToken, forgetCachedToken } from '../../functions/wechat/access-token';
import { phoneNumberOf } from '../../functions/wechat/phone';
import { sendSubscribeMessage, type SubscribeMessage } from '../../functions/wechat/subscribe';
import { startTestStack, type TestStack } from '../support/stack';

const SEND = '/cgi-bin/message/subscribe/send';
const TOKEN = '/cgi-bin/stable_token';
const PHONE = '/wxa/business/getuserphonenumber';
/** Short backoff: the retries are real, the waits are not. */
const fast = { retryBaseMs: 5 };

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  // The client logs every retry and refusal; the assertions below say what matters.
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterAll(() => stack?.stop());

/** Every test starts like a cold deployment: no stored token, no container copy, no faults. */
beforeEach(async () => {
  stack.wechat.reset();
  await db().send(new DeleteCommand({ TableName: stack.tableName, Key: keys.wechatAccessToken() }));
  forgetCachedToken();
});

const calls = (path: string) => stack.wechat.calls().filter((call) => call.path === path).length;

const message = (overrides: Partial<SubscribeMessage> = {}): SubscribeMessage => ({
  touser: 'o-member-0001',
  templateId: 'tpl-birthday',
  page: 'pages/coupons/index?from=birthday',
  data: { thing1: '生日快乐', date2: '2025年3月8日' },
  ...overrides,
});

/** Fetches and stores a token, then forgets the calls that took, so a test counts only its own. */
async function warm(): Promise<string> {
  const token = await accessToken();
  stack.wechat.reset();
  return token;
}

describe('subscribeMessage.send', () => {
  it("posts WeChat's body: touser, template_id, page, data {key: {value}}, miniprogram_state, lang", async () => {
    const outcome = await sendSubscribeMessage(
      message({
        touser: 'o-shape',
        data: {
          thing1: '沪上茶点静安寺店送您一张生日八折券，本月有效',
          date2: '2025年3月8日',
          amount3: '¥ 25',
          character_string4: 'TK-0001',
          phrase5: '已发放',
        },
      }),
      fast,
    );
    expect(outcome).toEqual({ status: 'sent', msgid: expect.stringMatching(/^\d+$/) });
    expect(stack.wechat.sent().map((s) => s.body)).toEqual([
      {
        touser: 'o-shape',
        template_id: 'tpl-birthday',
        page: 'pages/coupons/index?from=birthday',
        data: {
          thing1: { value: '沪上茶点静安寺店送您一张生日八折券，本…' },
          date2: { value: '2025年3月8日' },
          amount3: { value: '¥25' },
          character_string4: { value: 'TK-0001' },
          phrase5: { value: '已发放' },
        },
        miniprogram_state: 'formal',
        lang: 'zh_CN',
      },
    ]);
  });

  it('sends miniprogram_state from WECHAT_MINIPROGRAM_STATE', async () => {
    process.env.WECHAT_MINIPROGRAM_STATE = 'trial';
    try {
      expect((await sendSubscribeMessage(message(), fast)).status).toBe('sent');
    } finally {
      delete process.env.WECHAT_MINIPROGRAM_STATE;
    }
    expect(stack.wechat.sent()[0]?.body).toMatchObject({ miniprogram_state: 'trial' });
  });

  it('reports 43101 (no acceptance left, or unsubscribed) as refused, without retrying', async () => {
    await warm();
    stack.wechat.fail({ path: SEND, errcode: 43101, errmsg: 'user refuse to accept the msg', times: 1, touser: 'o-refuser' });
    expect(await sendSubscribeMessage(message({ touser: 'o-refuser' }), fast)).toEqual({ status: 'refused', errcode: 43101 });
    expect(calls(SEND)).toBe(1);
  });

  it('reports data WeChat rejects (47003) as invalid, without retrying', async () => {
    await warm();
    const outcome = await sendSubscribeMessage(message({ data: { number1: 'twelve' } }), fast);
    expect(outcome).toEqual({ status: 'invalid', errcode: 47003, errmsg: expect.stringContaining('data format error') });
    expect(calls(SEND)).toBe(1);
    expect(stack.wechat.sent()).toHaveLength(0);
  });

  it('reports a bad template id (40037) as invalid, without retrying', async () => {
    await warm();
    stack.wechat.fail({ path: SEND, errcode: 40037, errmsg: 'invalid template_id', times: 1 });
    expect(await sendSubscribeMessage(message({ templateId: 'tpl-gone' }), fast)).toEqual({
      status: 'invalid',
      errcode: 40037,
      errmsg: expect.stringContaining('invalid template_id'),
    });
    expect(calls(SEND)).toBe(1);
  });

  it('answers invalid for a member without an openid, without calling WeChat', async () => {
    expect(await sendSubscribeMessage(message({ touser: '' }), fast)).toEqual({ status: 'invalid', errcode: 40003, errmsg: expect.any(String) });
    expect(stack.wechat.calls()).toHaveLength(0);
  });

  it.each([45009, 45011])('reports quota errcode %i as rate_limited, without retrying', async (errcode) => {
    await warm();
    stack.wechat.fail({ path: SEND, errcode, errmsg: 'reach max api daily quota limit', times: 1 });
    expect(await sendSubscribeMessage(message(), fast)).toEqual({ status: 'rate_limited', errcode });
    expect(calls(SEND)).toBe(1);
  });

  it('retries HTTP 500 with backoff and sends on the third attempt', async () => {
    await warm();
    stack.wechat.fail({ path: SEND, httpStatus: 500, times: 2 });
    expect(await sendSubscribeMessage(message(), fast)).toEqual({ status: 'sent', msgid: expect.any(String) });
    expect(calls(SEND)).toBe(3);
    expect(stack.wechat.sent()).toHaveLength(1);
  });

  it('retries "system busy" (errcode -1)', async () => {
    await warm();
    stack.wechat.fail({ path: SEND, errcode: -1, errmsg: 'system error', times: 1 });
    expect((await sendSubscribeMessage(message(), fast)).status).toBe('sent');
    expect(calls(SEND)).toBe(2);
  });

  it('gives up after 3 attempts when WeChat keeps answering HTTP 500, and resolves instead of throwing', async () => {
    await warm();
    stack.wechat.fail({ path: SEND, httpStatus: 500, times: 10 });
    await expect(sendSubscribeMessage(message(), fast)).resolves.toEqual({ status: 'failed', reason: expect.stringContaining('HTTP 500') });
    expect(calls(SEND)).toBe(3);
  });

  it('times out a request WeChat never answers, and fails after 3 attempts', async () => {
    await warm(); // the token is cached, so only the send goes to the silent server
    const silent = createServer(() => undefined);
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const realBase = process.env.WECHAT_API_BASE;
    process.env.WECHAT_API_BASE = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      expect(await sendSubscribeMessage(message(), { ...fast, timeoutMs: 100 })).toEqual({
        status: 'failed',
        reason: expect.stringContaining('timed out'),
      });
    } finally {
      process.env.WECHAT_API_BASE = realBase;
      silent.closeAllConnections();
      await new Promise<void>((done) => silent.close(() => done()));
    }
  });
});

describe('the access token', () => {
  it('is fetched once and shared by many sends and by another container', async () => {
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => sendSubscribeMessage(message({ touser: `o-many-${i}` }), fast)));
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    expect(calls(TOKEN)).toBe(1);

    const stored = await getWechatAccessToken();
    expect(stored?.token).toEqual(expect.any(String));
    expect(stored!.expiresAt - Date.now()).toBeGreaterThan(7000_000);

    forgetCachedToken(); // another Lambda container: reads the table, not WeChat
    for (let i = 0; i < 3; i += 1) expect((await sendSubscribeMessage(message({ touser: `o-other-${i}` }), fast)).status).toBe('sent');
    expect(calls(TOKEN)).toBe(1);
    expect(calls(SEND)).toBe(11);
  });

  it('is refreshed once when WeChat says it expired (42001/40001), and the send is retried', async () => {
    const old = await warm();
    stack.wechat.expireTokens();
    expect((await sendSubscribeMessage(message(), fast)).status).toBe('sent');
    expect(calls(TOKEN)).toBe(1);
    expect(calls(SEND)).toBe(2);

    const stored = await getWechatAccessToken();
    expect(stored?.token).not.toBe(old);
    forgetCachedToken(); // the refreshed token was stored for every container
    expect((await sendSubscribeMessage(message(), fast)).status).toBe('sent');
    expect(calls(TOKEN)).toBe(1);
  });

  it('is refreshed once for many sends rejected at the same time', async () => {
    await warm();
    stack.wechat.expireTokens();
    const outcomes = await Promise.all(Array.from({ length: 6 }, (_, i) => sendSubscribeMessage(message({ touser: `o-burst-${i}` }), fast)));
    expect(outcomes.map((o) => o.status)).toEqual(Array(6).fill('sent'));
    expect(calls(TOKEN)).toBe(1);
  });

  it('forces a refresh only when WeChat still hands out the rejected token, and only once', async () => {
    const old = await warm();
    stack.wechat.fail({ path: SEND, errcode: 40001, errmsg: 'invalid credential', times: 1 });
    expect((await sendSubscribeMessage(message(), fast)).status).toBe('sent');
    expect(calls(TOKEN)).toBe(2); // normal mode (same token), then one forced refresh
    expect((await getWechatAccessToken())?.token).not.toBe(old);
  });

  it('never loops: a token rejected again after the refresh fails the send', async () => {
    await warm();
    stack.wechat.fail({ path: SEND, errcode: 40001, errmsg: 'invalid credential', times: 5 });
    expect(await sendSubscribeMessage(message(), fast)).toEqual({ status: 'failed', reason: expect.stringContaining('rejected again') });
    expect(calls(TOKEN)).toBe(2);
    expect(calls(SEND)).toBe(2);
  });

  it('retries a stable_token failure as part of the send', async () => {
    stack.wechat.fail({ path: TOKEN, httpStatus: 502, times: 1 });
    expect((await sendSubscribeMessage(message(), fast)).status).toBe('sent');
    expect(calls(TOKEN)).toBe(2);
  });

  it('stops the run when stable_token is over its quota (45009)', async () => {
    stack.wechat.fail({ path: TOKEN, errcode: 45009, errmsg: 'reach max api daily quota limit', times: 1 });
    expect(await sendSubscribeMessage(message(), fast)).toEqual({ status: 'rate_limited', errcode: 45009 });
  });

  it('keeps a newer stored token over an older one a slow refresher brings back', async () => {
    const now = Date.now();
    expect(await putWechatAccessToken({ token: 'newer', expiresAt: now + 7200_000 })).toBe(true);
    expect(await putWechatAccessToken({ token: 'older', expiresAt: now + 3600_000 })).toBe(false);
    expect(await putWechatAccessToken({ token: 'newer', expiresAt: now + 7100_000 })).toBe(true);
    expect(await putWechatAccessToken({ token: 'replacement', expiresAt: now + 3600_000 }, { rejected: 'newer' })).toBe(true);
    expect((await getWechatAccessToken())?.token).toBe('replacement');
  });
});

describe('getPhoneNumber (phoneNumberOf)', () => {
  /** What phoneNumberOf threw, as the API would answer it. */
  async function failure(code: string, options?: { timeoutMs?: number }) {
    const error = await phoneNumberOf(code, options).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeDefined();
    const { code: errorCode, statusCode, retryAfterSeconds, details } = error as Record<string, unknown>;
    return { code: errorCode, statusCode, retryAfterSeconds, details };
  }

  it("returns the mainland number for a good code, sending WeChat's body with the access token", async () => {
    expect(await phoneNumberOf('phone-13800001234-a1b2')).toBe('13800001234');
    expect(await phoneNumberOf('phone-13900005678')).toBe('13900005678');
    expect(await phoneNumberOf(`phone-13700009999-n1-${Date.now() - 60_000}`)).toBe('13700009999');
    expect(calls(TOKEN)).toBe(1);
    expect(calls(PHONE)).toBe(3);
  });

  it('answers invalid_phone_code (400, field code) for a code used before, without logging the number', async () => {
    expect(await phoneNumberOf('phone-13800001234-once')).toBe('13800001234');
    expect(await failure('phone-13800001234-once')).toEqual({
      code: 'invalid_phone_code',
      statusCode: 400,
      retryAfterSeconds: undefined,
      details: [{ field: 'code', message: expect.any(String) }],
    });
    const logged = [console.error, console.warn].flatMap((fn) => (fn as jest.Mock).mock.calls.flat().map(String));
    expect(logged.filter((line) => line.includes('13800001234'))).toEqual([]);
  });

  it.each([
    ['unknown', () => 'nonsense'],
    ['10 digits', () => 'phone-1380000123'],
    ['not a mobile', () => 'phone-23800001234'],
    ['issued 6 minutes ago', () => `phone-13800001234-late-${Date.now() - 6 * 60_000}`],
  ])('answers invalid_phone_code for a code WeChat does not accept (%s)', async (_label, code) => {
    expect((await failure(code())).code).toBe('invalid_phone_code');
  });

  it('answers invalid_phone_code for an empty code without asking WeChat', async () => {
    expect((await failure('')).code).toBe('invalid_phone_code');
    expect(calls(PHONE)).toBe(0);
  });

  it('answers phone_not_mainland (422) for a number outside mainland China', async () => {
    expect(await failure('phone+852-51234567-hk')).toMatchObject({ code: 'phone_not_mainland', statusCode: 422 });
  });

  it('answers wechat_unavailable (503, Retry-After) for "system busy" (-1), without retrying', async () => {
    await warm();
    stack.wechat.fail({ path: PHONE, errcode: -1, errmsg: 'system error', times: 1 });
    expect(await failure('phone-13800001234-busy')).toMatchObject({ code: 'wechat_unavailable', statusCode: 503, retryAfterSeconds: 1 });
    expect(calls(PHONE)).toBe(1);
  });

  it('answers wechat_unavailable (503, Retry-After) for HTTP 500', async () => {
    await warm();
    stack.wechat.fail({ path: PHONE, httpStatus: 500, times: 1 });
    expect(await failure('phone-13800001234-http')).toMatchObject({ code: 'wechat_unavailable', statusCode: 503, retryAfterSeconds: 1 });
  });

  it('answers wechat_rate_limited with Retry-After 60 for the minute quota (45011)', async () => {
    await warm();
    stack.wechat.fail({ path: PHONE, errcode: 45011, errmsg: 'api minute-quota reach limit, must slower, retry next minute', times: 1 });
    expect(await failure('phone-13800001234-quota')).toMatchObject({ code: 'wechat_rate_limited', statusCode: 503, retryAfterSeconds: 60 });
  });

  it('answers wechat_unavailable for any other errcode, and logs it', async () => {
    await warm();
    stack.wechat.fail({ path: PHONE, errcode: 40013, errmsg: 'invalid appid', times: 1 });
    expect((await failure('phone-13800001234-appid')).code).toBe('wechat_unavailable');
    const logged = (console.error as jest.Mock).mock.calls.map((args) => String(args[0]));
    expect(logged.some((line) => line.includes('"errcode":40013'))).toBe(true);
  });

  it('answers wechat_unavailable when WeChat never answers', async () => {
    await warm(); // the token is cached, so only the exchange goes to the silent server
    const silent = createServer(() => undefined);
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const realBase = process.env.WECHAT_API_BASE;
    process.env.WECHAT_API_BASE = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      expect((await failure('phone-13800001234-slow', { timeoutMs: 100 })).code).toBe('wechat_unavailable');
    } finally {
      process.env.WECHAT_API_BASE = realBase;
      silent.closeAllConnections();
      await new Promise<void>((done) => silent.close(() => done()));
    }
  });

  it('refreshes an expired access token once and exchanges the same code', async () => {
    const old = await warm();
    stack.wechat.expireTokens();
    expect(await phoneNumberOf('phone-13800001234-token')).toBe('13800001234');
    expect(calls(TOKEN)).toBe(1);
    expect(calls(PHONE)).toBe(2);
    expect((await getWechatAccessToken())?.token).not.toBe(old);
  });

  it('never loops: a token rejected again after the refresh answers wechat_unavailable', async () => {
    await warm();
    stack.wechat.fail({ path: PHONE, errcode: 40001, errmsg: 'invalid credential', times: 5 });
    expect((await failure('phone-13800001234-loop')).code).toBe('wechat_unavailable');
    expect(calls(TOKEN)).toBe(2); // normal mode (same token), then one forced refresh
    expect(calls(PHONE)).toBe(2);
  });
});
