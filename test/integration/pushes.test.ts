import { randomUUID } from 'node:crypto';
import { addDays, shanghaiDate } from '../../shared/dates';
import { runBirthdayJob, runReactivationJob, runReminderJob } from '../../functions/domain/campaigns/jobs';
import { checkout as checkoutDomain } from '../../functions/domain/checkout';
import { issueMemberCode } from '../../functions/domain/member-code';
import { verifyToken } from '../../functions/domain/sessions';
import { openVisit } from '../../functions/domain/visits';
import { getMember } from '../../functions/store/members';
import { getStaffByOpenid } from '../../functions/store/staff';
import { config } from '../../functions/lib/config';
import { card, scan, tokenOf, useStack } from './fixtures';

process.env.WECHAT_RETRY_BASE_MS = '5';

const ctx = useStack('hq');
const { client, staff } = ctx;
const today = () => shanghaiDate(Date.now());
const DAY = 86_400_000;

beforeEach(() => ctx.stack.wechat.reset());

interface TestMember {
  token: string;
  memberId: string;
  openid: string;
}

async function member(options: { birthdayToday?: boolean; credits?: Array<'birthday' | 'reactivation'>; marketingOptOut?: boolean } = {}): Promise<TestMember> {
  const openid = `push-${randomUUID()}`;
  const token = await tokenOf(client, openid);
  const { memberId } = await verifyToken(token);
  if (options.birthdayToday) expect((await client.put('/v1/me/profile', { token, body: { birthday: `2000-${today().slice(5)}` } })).status).toBe(200);
  const templates = config.messageTemplates;
  const results = Object.fromEntries((options.credits ?? []).map((k) => [templates[k], 'accept']));
  if (options.credits?.length) expect((await client.post('/v1/me/subscriptions', { token, body: { results } })).status).toBe(200);
  if (options.marketingOptOut) expect((await client.put('/v1/me/preferences', { token, body: { marketingOptOut: true } })).status).toBe(200);
  return { token, memberId, openid };
}

const sentTo = (openid: string) => ctx.stack.wechat.sent().filter((s) => (s.body as { touser: string }).touser === openid);
/** Every coupon of that source, whatever its state (jobs run in the simulated past issue coupons that have expired since). */
async function couponsOf(token: string, source: string) {
  const lists = await Promise.all(['available', 'used', 'expired'].map((status) => client.get(`/v1/me/coupons?status=${status}`, { token })));
  return lists.flatMap((res) => res.body.items as Array<{ source: string; name: string }>).filter((c) => c.source === source);
}

/** A purchase at a store at a given instant, through the real checkout (as the seed does). */
async function purchase(memberId: string, at: number, storeId = 'jingan', amountFen = 5_000): Promise<void> {
  const clerk = (await getStaffByOpenid(`demo-clerk-${storeId}`))!;
  const m = (await getMember(memberId))!;
  const visit = await openVisit(clerk, issueMemberCode(m.memberNo, at).qr, at);
  await checkoutDomain(
    clerk,
    { visitId: visit.visitId, receiptNo: `P-${randomUUID().slice(0, 12)}`, amountFen, redeemPoints: 0, couponIds: [], idempotencyKey: randomUUID() },
    () => at,
  );
}

describe('the birthday job', () => {
  it('issues one coupon and sends one message per member, run twice or concurrently, with WeChat’s exact body', async () => {
    const members = await Promise.all(Array.from({ length: 5 }, () => member({ birthdayToday: true, credits: ['birthday'] })));
    await Promise.all([runBirthdayJob(), runBirthdayJob(), runBirthdayJob()]);
    await runBirthdayJob();
    for (const m of members) {
      expect(await couponsOf(m.token, 'birthday')).toHaveLength(1);
      const sends = sentTo(m.openid);
      expect(sends).toHaveLength(1);
      expect(sends[0]!.body).toEqual({
        touser: m.openid,
        template_id: config.messageTemplates.birthday,
        page: 'pages/card/index',
        data: {
          thing1: { value: expect.any(String) },
          thing2: { value: '生日礼·满100减30' },
          date3: { value: addDays(today(), 29) },
          thing4: { value: expect.any(String) },
        },
        miniprogram_state: 'formal',
        lang: 'zh_CN',
      });
      for (const field of Object.values((sends[0]!.body as { data: Record<string, { value: string }> }).data)) expect([...field.value].length).toBeLessThanOrEqual(20);
    }
    expect((await client.get('/v1/me/profile', { token: members[0]!.token })).body.subscriptions.birthday).toBe(0);
  });

  it('finishes the rest after being killed halfway, doubling nothing', async () => {
    const members = await Promise.all(Array.from({ length: 8 }, () => member({ birthdayToday: true, credits: ['birthday'] })));
    const tomorrow = Date.now() + DAY;
    for (const m of members) {
      await client.put('/v1/me/profile', { token: m.token, body: { birthday: `2000-${addDays(today(), 1).slice(5)}` } });
    }
    await runBirthdayJob({ now: tomorrow, stopAfter: 3, pageSize: 2 });
    const halfway = members.filter((m) => sentTo(m.openid).length === 1).length;
    expect(halfway).toBe(3);
    const rest = await runBirthdayJob({ now: tomorrow, pageSize: 2 });
    for (const m of members) {
      expect(sentTo(m.openid)).toHaveLength(1);
      expect(await couponsOf(m.token, 'birthday')).toHaveLength(1);
    }
    expect(rest.birthday!.messagesSent).toBe(5);
  });

  it('gives the coupon but no message to a member without a credit or with marketing off', async () => {
    const noCredit = await member({ birthdayToday: true });
    const optedOut = await member({ birthdayToday: true, credits: ['birthday'], marketingOptOut: true });
    await runBirthdayJob();
    for (const m of [noCredit, optedOut]) {
      expect(await couponsOf(m.token, 'birthday')).toHaveLength(1);
      expect(sentTo(m.openid)).toHaveLength(0);
    }
    expect((await client.get('/v1/me/profile', { token: optedOut.token })).body.subscriptions.birthday).toBe(1);
  });

  it('zeroes the credit on 43101, refreshes an expired token once, and records WeChat 5xx as failed without stopping', async () => {
    const refused = await member({ birthdayToday: true, credits: ['birthday', 'birthday'] as never });
    await client.post('/v1/me/subscriptions', { token: refused.token, body: { results: { [config.messageTemplates.birthday]: 'accept' } } });
    const broken = await member({ birthdayToday: true, credits: ['birthday'] });
    const fine = await member({ birthdayToday: true, credits: ['birthday'] });
    ctx.stack.wechat.fail({ path: '/cgi-bin/message/subscribe/send', errcode: 43101, errmsg: 'user refuse to accept the msg', touser: refused.openid, times: 1 });
    ctx.stack.wechat.fail({ path: '/cgi-bin/message/subscribe/send', httpStatus: 502, touser: broken.openid, times: 10 });
    ctx.stack.wechat.expireTokens();

    await runBirthdayJob();
    expect((await client.get('/v1/me/profile', { token: refused.token })).body.subscriptions.birthday).toBe(0);
    expect(sentTo(refused.openid)).toHaveLength(0);
    expect(sentTo(broken.openid)).toHaveLength(0);
    expect(await couponsOf(broken.token, 'birthday')).toHaveLength(1);
    expect(sentTo(fine.openid)).toHaveLength(1);
    const tokenCalls = ctx.stack.wechat.calls().filter((c) => c.path === '/cgi-bin/stable_token');
    expect(tokenCalls.length).toBeLessThanOrEqual(2);
    const brokenAttempts = ctx.stack.wechat.calls().filter((c) => c.path === '/cgi-bin/message/subscribe/send').length;
    expect(brokenAttempts).toBeGreaterThanOrEqual(3);

    const campaigns = (await client.get('/v1/admin/campaigns', { token: staff.hq })).body.items;
    const run = campaigns.find((c: { id: string }) => c.id === 'birthday').runs.find((r: { date: string }) => r.date === today());
    expect(run.failed).toBeGreaterThanOrEqual(1);
    expect(run.status).toBe('done');
  });

  it('celebrates Feb 29 birthdays on Feb 28 in other years', async () => {
    const leapling = await member({ credits: ['birthday'] });
    await client.put('/v1/me/profile', { token: leapling.token, body: { birthday: '2000-02-29' } });
    await runBirthdayJob({ now: Date.parse('2027-02-28T02:00:00Z') });
    expect(sentTo(leapling.openid)).toHaveLength(1);
  });
});

describe('reactivation, once per dormant spell, capped chain-wide', () => {
  it('reaches a member at risk and later dormant once each; a new visit starts another spell', async () => {
    const m = await member({ credits: ['reactivation', 'reactivation', 'reactivation'] as never });
    await client.post('/v1/me/subscriptions', { token: m.token, body: { results: { [config.messageTemplates.reactivation]: 'accept' } } });
    await client.post('/v1/me/subscriptions', { token: m.token, body: { results: { [config.messageTemplates.reactivation]: 'accept' } } });
    const lastVisit = Date.now() - 400 * DAY;
    await purchase(m.memberId, lastVisit);
    const day = (n: number) => Date.parse(`${addDays(shanghaiDate(lastVisit), n)}T09:00:00+08:00`);

    await runReactivationJob({ now: day(90) });
    await runReactivationJob({ now: day(90) });
    expect(await couponsOf(m.token, 'reactivation_at_risk')).toHaveLength(1);
    expect(sentTo(m.openid)).toHaveLength(1);
    expect((await getMember(m.memberId))!.segment).toBe('at_risk');

    await runReactivationJob({ now: day(180) });
    expect(await couponsOf(m.token, 'reactivation_dormant')).toHaveLength(1);
    expect(sentTo(m.openid)).toHaveLength(2);
    expect((await getMember(m.memberId))!).toMatchObject({ segment: 'dormant' });
    expect((await getMember(m.memberId))!.lapseStage).toBeUndefined();

    // Back at the counter: a new spell, which reaches them again when it lapses.
    await purchase(m.memberId, day(200), 'xuhui');
    await runReactivationJob({ now: day(290) });
    expect(await couponsOf(m.token, 'reactivation_at_risk')).toHaveLength(2);
  });

  it('holds the 7-day cap across campaigns and stores: the coupon still comes, the message does not', async () => {
    const m = await member({ birthdayToday: true, credits: ['birthday', 'reactivation'] });
    await runBirthdayJob();
    expect(sentTo(m.openid)).toHaveLength(1);
    // The same member lapses into at-risk the same day (their last visit was 90 days ago).
    await purchase(m.memberId, Date.now() - 90 * DAY, 'pudong');
    await runReactivationJob();
    expect(await couponsOf(m.token, 'reactivation_at_risk')).toHaveLength(1);
    expect(sentTo(m.openid)).toHaveLength(1);
    expect((await client.get('/v1/me/profile', { token: m.token })).body.subscriptions.reactivation).toBe(1);
  });

  it('leaves out members who switched segment-based targeting off, and hides their segment from staff', async () => {
    const m = await member({ credits: ['reactivation'] });
    await client.put('/v1/me/preferences', { token: m.token, body: { targetingOptOut: true } });
    await purchase(m.memberId, Date.now() - 90 * DAY, 'xuhui');
    await runReactivationJob();
    expect(await couponsOf(m.token, 'reactivation_at_risk')).toHaveLength(0);
    expect(sentTo(m.openid)).toHaveLength(0);
    const clerk = await tokenOf(client, 'demo-clerk-xuhui');
    expect((await scan(client, m.token, clerk)).member).toMatchObject({ segment: null, tags: [] });
  });
});

describe('segments kept current as things happen', () => {
  it('moves the segment, RFM and tags in the visit’s own write, and shows them to staff', async () => {
    const m = await member();
    await purchase(m.memberId, Date.now() - 40 * DAY, 'jingan', 120_000);
    await purchase(m.memberId, Date.now() - 10 * DAY, 'xuhui', 80_000);
    const record = (await getMember(m.memberId))!;
    expect(record).toMatchObject({ segment: 'active', storesVisited: ['jingan', 'xuhui'], rfm: { recency: 5, frequency: 2, monetary: 3 } });
    expect(record.tags).toContain('multi_store');
    const clerk = await tokenOf(client, 'demo-clerk-pudong');
    expect((await scan(client, m.token, clerk)).member).toMatchObject({ segment: 'active', tags: expect.arrayContaining(['multi_store']) });
    expect((await card(client, m.token)).tier).toBe('silver');
  });
});

describe('booking reminders', () => {
  it('reminds once, a configurable time before, only members who accepted', async () => {
    const svc = (await client.post('/v1/admin/services', { token: staff.hq, body: { name: '提醒测试', durationMinutes: 60, priceFen: 100, capacityByStore: { jingan: 5 } } }))
      .body.id;
    const start = `${addDays(today(), 2)}T15:00:00+08:00`;
    const accepted = await member();
    const declined = await member();
    for (const [m, reminderAccepted] of [
      [accepted, true],
      [declined, false],
    ] as const) {
      const res = await client.post('/v1/bookings', {
        token: m.token,
        headers: { 'Idempotency-Key': randomUUID() },
        body: { storeId: 'jingan', serviceId: svc, start, reminderAccepted },
      });
      expect(res.status).toBe(201);
    }
    const remindAt = Date.parse(start) - config.reminderLeadMinutes * 60_000;
    await runReminderJob({ now: remindAt - 20 * 60_000 });
    expect(sentTo(accepted.openid)).toHaveLength(0);
    await Promise.all([runReminderJob({ now: remindAt + 60_000 }), runReminderJob({ now: remindAt + 60_000 })]);
    await runReminderJob({ now: remindAt + 16 * 60_000 });
    expect(sentTo(accepted.openid)).toHaveLength(1);
    expect(sentTo(declined.openid)).toHaveLength(0);
    expect(sentTo(accepted.openid)[0]!.body as { template_id: string; data: { time2: { value: string } } }).toMatchObject({
      template_id: config.messageTemplates.bookingReminder,
      data: { time2: { value: `${addDays(today(), 2)} 15:00` } },
    });
  });
});

describe('bad input on the push routes → 400 naming the field', () => {
  it('refuses bad birthdays, preferences, subscription results and campaign changes', async () => {
    const m = await member();
    const bad = (res: { status: number; body: any }, field: string) => {
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    };
    bad(await client.put('/v1/me/profile', { token: m.token, body: { birthday: '02-30' } }), 'birthday');
    bad(await client.put('/v1/me/profile', { token: m.token, body: { birthday: '1990/01/01' } }), 'birthday');
    bad(await client.put('/v1/me/profile', { token: m.token, body: { birthday: '1990-02-29' } }), 'birthday');
    expect((await client.get('/v1/me/profile', { token: m.token })).body.birthday).toBeNull();
    bad(await client.put('/v1/me/preferences', { token: m.token, body: { marketingOptOut: 'yes' } }), 'marketingOptOut');
    bad(await client.post('/v1/me/subscriptions', { token: m.token, body: { results: { 'tmpl-x': 'maybe' } } }), 'results.tmpl-x');
    bad(await client.post('/v1/me/subscriptions', { token: m.token, body: { results: { 'tmpl-unknown': 'accept' } } }), 'results.tmpl-unknown');
    bad(await client.put('/v1/admin/campaigns/birthday', { token: staff.hq, body: { enabled: 'on' } }), 'enabled');
    bad(await client.put('/v1/admin/campaigns/anniversary', { token: staff.hq, body: { enabled: true } }), 'campaignId');
    expect((await client.get('/v1/admin/campaigns', { token: m.token })).status).toBe(403);
  });
});
