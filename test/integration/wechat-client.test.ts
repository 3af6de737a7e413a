/**
 * The WeChat client for pushes, over the fake WeChat server and DynamoDB Local: the access token
 * shared through the table, and subscribeMessage.send with every WeChat answer the jobs act on.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../../functions/store/client';
import { keys } from '../../functions/store/keys';
import { getWechatAccessToken, putWechatAccessToken } from '../../functions/store/wechat-token';
import { accessToken, forgetCachedToken } from '../../functions/wechat/access-token';
import { sendSubscribeMessage, type SubscribeMessage } from '../../functions/wechat/subscribe';
import { startTestStack, type TestStack } from '../support/stack';

const SEND = '/cgi-bin/message/subscribe/send';
const TOKEN = '/cgi-bin/stable_token';
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
