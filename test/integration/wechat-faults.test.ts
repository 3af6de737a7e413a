/**
 * WeChat failing during login and during the jobs' sends (README § Failing safely, § Segments and
 * pushes): timeouts, 5xx, WeChat's -1 and slow answers, injected into the fake WeChat server.
 *   - login answers 503 `wechat_unavailable` with Retry-After, and a slow answer within the
 *     client's 5 s still logs in;
 *   - a job retries a send that timed out or got a 5xx (with backoff), records one that still
 *     fails as failed without stopping, and a re-run or a resumed run sends nobody a second message.
 */
import { randomUUID } from 'node:crypto';
import { runBirthdayJob, runReminderJob } from '../../functions/domain/campaigns/jobs';
import { verifyToken } from '../../functions/domain/sessions';
import { config } from '../../functions/lib/config';
import { keys } from '../../functions/store/keys';
import { partitionItems } from '../../functions/store/query';
import { addDays, shanghaiDate } from '../../shared/dates';
import { routes } from '../../shared/contract/routes';
import { tokenOf, useStack } from './fixtures';

process.env.WECHAT_RETRY_BASE_MS = '5';

const ctx = useStack('hq');
const { client, staff } = ctx;
const LOGIN = '/sns/jscode2session';
const SEND = '/cgi-bin/message/subscribe/send';
const TOKEN = '/cgi-bin/stable_token';

beforeEach(() => ctx.stack.wechat.reset());

describe('login while WeChat fails', () => {
  const login = (openid = `wxf-${randomUUID()}`) => client.call(routes.authWechat, { body: { code: `dev-${openid}` } });

  async function expectUnavailable(res: Awaited<ReturnType<typeof login>>): Promise<void> {
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 503, code: 'wechat_unavailable' });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The app's retry (a new wx.login code) goes through once WeChat answers.
    expect((await login()).status).toBe(200);
  }

  it('answers 503 wechat_unavailable with Retry-After when WeChat does not answer within 5 s', async () => {
    ctx.stack.wechat.fail({ path: LOGIN, times: 1, delayMs: 6_000 });
    const started = Date.now();
    const res = await login();
    expect(Date.now() - started).toBeLessThan(6_000);
    await expectUnavailable(res);
  });

  it.each([500, 502, 503])('answers 503 wechat_unavailable with Retry-After on HTTP %i', async (httpStatus) => {
    ctx.stack.wechat.fail({ path: LOGIN, times: 1, httpStatus });
    await expectUnavailable(await login());
  });

  it('answers 503 wechat_unavailable with Retry-After on WeChat’s -1 (system busy)', async () => {
    ctx.stack.wechat.fail({ path: LOGIN, times: 1, errcode: -1, errmsg: 'system error' });
    await expectUnavailable(await login());
  });

  it('logs in on a slow answer that still comes within the client’s timeout', async () => {
    ctx.stack.wechat.fail({ path: LOGIN, times: 1, delayMs: 2_000 });
    const openid = `wxf-slow-${randomUUID()}`;
    const res = await login(openid);
    expect(res.status).toBe(200);
    expect((await verifyToken(res.body.token)).openid).toBe(openid);
  });
});

describe('the jobs’ sends while WeChat fails', () => {
  const today = () => shanghaiDate(Date.now());
  const sentTo = (openid: string) => ctx.stack.wechat.sent().filter((s) => (s.body as { touser: string }).touser === openid);
  const sendCalls = () => ctx.stack.wechat.calls().filter((c) => c.path === SEND).length;

  /** A member whose birthday is today and who accepted the birthday message once. */
  async function birthdayMember(): Promise<{ token: string; memberId: string; openid: string }> {
    const openid = `wxf-bday-${randomUUID()}`;
    const token = await tokenOf(client, openid);
    const { memberId } = await verifyToken(token);
    expect((await client.put('/v1/me/profile', { token, body: { birthday: `2000-${today().slice(5)}` } })).status).toBe(200);
    expect((await client.post('/v1/me/subscriptions', { token, body: { results: { [config.messageTemplates.birthday]: 'accept' } } })).status).toBe(200);
    return { token, memberId, openid };
  }

  const markers = (memberId: string) => partitionItems<{ state: string; reason: string | null; couponId: string | null }>(keys.memberPartition(memberId), 'PUSH#birthday#');
  const birthdayCoupons = async (token: string) =>
    ((await client.get('/v1/me/coupons?status=available', { token })).body.items as Array<{ source: string }>).filter((c) => c.source === 'birthday');

  it('retries a send that timed out, and one that got a 5xx, and sends each member exactly once', async () => {
    const [timedOut, fiveHundred, slow] = await Promise.all([birthdayMember(), birthdayMember(), birthdayMember()]);
    ctx.stack.wechat.fail({ path: SEND, times: 1, delayMs: 6_000, touser: timedOut.openid });
    ctx.stack.wechat.fail({ path: SEND, times: 2, httpStatus: 503, touser: fiveHundred.openid });
    ctx.stack.wechat.fail({ path: SEND, times: 1, delayMs: 1_000, touser: slow.openid });

    const summary = await runBirthdayJob();
    for (const m of [timedOut, fiveHundred, slow]) {
      expect(sentTo(m.openid)).toHaveLength(1);
      expect(await birthdayCoupons(m.token)).toHaveLength(1);
      expect(await markers(m.memberId)).toEqual([expect.objectContaining({ state: 'sent' })]);
    }
    expect(summary.birthday!.failed).toBe(0);
    // Run again: everyone is already marked; nothing is issued or sent twice.
    await runBirthdayJob();
    for (const m of [timedOut, fiveHundred, slow]) expect(sentTo(m.openid)).toHaveLength(1);
  });

  it('records a send that fails every attempt as failed, goes on with the others, and never sends it later (at most once)', async () => {
    const [broken, fine] = await Promise.all([birthdayMember(), birthdayMember()]);
    ctx.stack.wechat.fail({ path: SEND, times: 10, httpStatus: 502, touser: broken.openid });

    const summary = await runBirthdayJob();
    expect(sentTo(broken.openid)).toHaveLength(0);
    expect(sendCalls()).toBeGreaterThanOrEqual(3 + 1); // three attempts for the broken one, one for the fine one
    expect(sentTo(fine.openid)).toHaveLength(1);
    expect(summary.birthday!.failed).toBeGreaterThanOrEqual(1);
    expect(await birthdayCoupons(broken.token)).toHaveLength(1);
    expect(await markers(broken.memberId)).toEqual([expect.objectContaining({ state: 'failed', reason: expect.stringContaining('HTTP 502') })]);
    const runs = (await client.get('/v1/admin/campaigns', { token: staff.hq })).body.items.find((c: { id: string }) => c.id === 'birthday').runs;
    expect(runs.find((r: { date: string }) => r.date === today())).toMatchObject({ status: 'done', failed: expect.any(Number) });

    // WeChat is back: a re-run counts the broken one as already reached and sends nobody again.
    ctx.stack.wechat.reset();
    await runBirthdayJob();
    expect(sentTo(broken.openid)).toHaveLength(0);
    expect(sentTo(fine.openid)).toHaveLength(0);
    expect(await birthdayCoupons(broken.token)).toHaveLength(1);
  });

  it('sends through a stable_token that timed out once (fetched again), and resumes a run stopped halfway without doubling', async () => {
    const members = await Promise.all(Array.from({ length: 4 }, () => birthdayMember()));
    const tomorrow = Date.now() + 86_400_000;
    for (const m of members) {
      expect((await client.put('/v1/me/profile', { token: m.token, body: { birthday: `2000-${addDays(today(), 1).slice(5)}` } })).status).toBe(200);
    }
    ctx.stack.wechat.expireTokens();
    ctx.stack.wechat.fail({ path: TOKEN, times: 1, delayMs: 6_000 });
    ctx.stack.wechat.fail({ path: SEND, times: 1, httpStatus: 500 });
    // Stopped (as if the Lambda timed out) after two members; the next run picks up from its saved place.
    await runBirthdayJob({ now: tomorrow, stopAfter: 2, pageSize: 1 });
    expect(members.filter((m) => sentTo(m.openid).length === 1)).toHaveLength(2);
    await runBirthdayJob({ now: tomorrow, pageSize: 1 });
    await runBirthdayJob({ now: tomorrow, pageSize: 1 });
    for (const m of members) expect(sentTo(m.openid)).toHaveLength(1);
  });

  it('records a reminder whose send failed as failed, and does not remind that booking twice', async () => {
    const svc = (await client.post('/v1/admin/services', { token: staff.hq, body: { name: '故障提醒', durationMinutes: 60, priceFen: 100, capacityByStore: { jingan: 5 } } }))
      .body.id;
    const start = `${addDays(today(), 2)}T15:00:00+08:00`;
    const [failing, fine] = await Promise.all(
      ['rem-fail', 'rem-ok'].map(async (name) => {
        const openid = `wxf-${name}-${randomUUID()}`;
        const token = await tokenOf(client, openid);
        const res = await client.post('/v1/bookings', {
          token,
          headers: { 'Idempotency-Key': randomUUID() },
          body: { storeId: 'jingan', serviceId: svc, start, reminderAccepted: true },
        });
        expect(res.status).toBe(201);
        return { openid };
      }),
    );
    ctx.stack.wechat.fail({ path: SEND, times: 10, httpStatus: 502, touser: failing!.openid });
    const remindAt = Date.parse(start) - config.reminderLeadMinutes * 60_000;
    const first = await runReminderJob({ now: remindAt + 60_000 });
    expect(first.booking_reminder).toMatchObject({ messagesSent: 1, failed: 1 });
    expect(sentTo(fine!.openid)).toHaveLength(1);
    expect(sentTo(failing!.openid)).toHaveLength(0);
    ctx.stack.wechat.reset();
    const again = await runReminderJob({ now: remindAt + 16 * 60_000 });
    expect(again.booking_reminder).toMatchObject({ messagesSent: 0, failed: 0 });
    expect(sentTo(fine!.openid)).toHaveLength(0);
    expect(sentTo(failing!.openid)).toHaveLength(0);
  });
});
