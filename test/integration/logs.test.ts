/**
 * No personal data in the logs (README § Seeing it in production): every line the functions print
 * during a run of the flows that handle it — first login, binding a phone, a profile with nickname
 * and birthday, a scan and checkout, a claim, a walk-in by phone, a booking, WeChat failing at login
 * and at the phone exchange, a refused checkout, a scheduled job — is captured and scanned for the
 * phone numbers, nicknames, birthday, WeChat openids and raw member and staff ids used. The lines
 * are JSON with the request id as correlation id, and hashed ids where an id is logged. EMF
 * metrics are switched on here so their lines are scanned too.
 */
import './metrics-on';
import { randomInt, randomUUID } from 'node:crypto';
import { routes } from '../../shared/contract/routes';
import { addDays, shanghaiDate } from '../../shared/dates';
import { hashId } from '../../functions/lib/log';
import { memberIdByMemberNo } from '../../functions/store/members';
import { getStaffByOpenid } from '../../functions/store/staff';
import { checkout, DEMO_STAFF, receipt, scan, tokenOf, useStack } from './fixtures';

const ctx = useStack('clerkA', 'hq');
const { client, staff } = ctx;

const uniq = () => randomUUID().slice(0, 6);
const newPhone = (prefix: string) => `${prefix}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

/** Everything printed while the flows run: console (the local logger) and raw stdout/stderr (EMF). */
const lines: string[] = [];
const capture = () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as never);
  }
};

describe('logs of an integration run', () => {
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    capture();
    const today = shanghaiDate(Date.now());

    // A first login, a phone bound, a profile with nickname and today's birthday.
    const openid = `logs-${uniq()}`;
    const token = await tokenOf(client, openid);
    const phone = newPhone('139');
    const nickname = `日志${uniq()}`;
    const birthday = `1990-${today.slice(5)}`;
    Object.assign(secrets, { openid, phone, nickname, birthday });
    expect((await client.call(routes.mePhoneBind, { token, body: { code: `phone-${phone}-${uniq()}` }, idempotencyKey: randomUUID() })).status).toBe(200);
    expect((await client.call(routes.meProfileUpdate, { token, body: { nickname, birthday } })).status).toBe(200);
    const memberNo = (await client.ok(routes.meCard, { token })).memberNo;
    secrets.memberId = (await memberIdByMemberNo(memberNo))!;
    secrets.staffId = (await getStaffByOpenid(DEMO_STAFF.clerkA))!.staffId;

    // A scan and a checkout, then one refused (more points than the member has).
    const visit = await scan(client, token, staff.clerkA);
    expect((await checkout(client, staff.clerkA, visit.visitId, { receiptNo: receipt('LOG'), amountFen: 8_800 })).status).toBe(200);
    const again = await scan(client, token, staff.clerkA);
    expect((await checkout(client, staff.clerkA, again.visitId, { receiptNo: receipt('LOG'), amountFen: 100, redeemPoints: 1_000_000 })).status).toBe(422);

    // A claim and a booking.
    const free = (await client.ok(routes.couponsClaimable, { token })).items.find((t) => t.blockedBy === null && t.pointsCost === null);
    if (free) expect((await client.call(routes.couponsClaim, { token, params: { templateId: free.id }, idempotencyKey: randomUUID() })).status).toBeLessThan(300);
    const service = await client.ok(routes.adminServicesCreate, {
      token: staff.hq,
      body: { name: `日志服务${uniq()}`, durationMinutes: 30, priceFen: 1_000, capacityByStore: { jingan: 3 } },
    });
    const date = addDays(today, 5);
    const slot = (await client.ok(routes.storeSlots, { params: { storeId: 'jingan' }, query: { serviceId: service.id, date } })).items.find((s) => s.remaining > 0);
    if (slot) {
      const booked = await client.call(routes.bookingsCreate, { token, body: { storeId: 'jingan', serviceId: service.id, start: slot.start }, idempotencyKey: randomUUID() });
      expect(booked.status).toBe(201);
    }

    // A walk-in by phone, with a name (a new openid for the failing login below, too).
    const walkInPhone = newPhone('166');
    const walkInName = `走入${uniq()}`;
    Object.assign(secrets, { walkInPhone, walkInName });
    expect((await client.call(routes.staffPhoneVisit, { token: staff.clerkA, body: { phone: walkInPhone, nickname: walkInName } })).status).toBe(201);

    // WeChat failing: at login (logged with its errcode), and at the phone exchange.
    ctx.stack.wechat.fail({ path: '/sns/jscode2session', errcode: 40013, errmsg: 'invalid appid', times: 1 });
    const failedLogin = await client.call(routes.authWechat, { body: { code: `dev-logs-failing-${uniq()}` } });
    expect(failedLogin.status).toBeGreaterThanOrEqual(400);
    ctx.stack.wechat.fail({ path: '/wxa/business/getuserphonenumber', errcode: 40013, errmsg: 'invalid appid', times: 1 });
    const otherPhone = newPhone('138');
    secrets.otherPhone = otherPhone;
    const failedBind = await client.call(routes.mePhoneBind, { token, body: { code: `phone-${otherPhone}-${uniq()}` }, idempotencyKey: randomUUID() });
    expect(failedBind.status).toBe(503);

    // A scheduled job (today is the member's birthday).
    const { handler: birthdayJob } = await import('../../functions/jobs/birthday');
    await birthdayJob({ id: `evt-${uniq()}`, 'detail-type': 'Scheduled Event' } as never, { awsRequestId: `job-${uniq()}`, functionName: 'jobBirthday' } as never);
  });

  afterAll(() => jest.restoreAllMocks());

  it('prints JSON lines with the request id as correlation id, and hashes the ids it logs', () => {
    const json = lines.flatMap((line) => line.split('\n')).filter((line) => line.trim().startsWith('{'));
    const logged = json.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.level);
    expect(logged.some((entry) => entry.message === 'code2Session failed' && entry.errcode === 40013 && typeof entry.correlation_id === 'string')).toBe(true);
    expect(logged.some((entry) => entry.message === 'job done' && entry.job === 'birthday')).toBe(true);
    for (const entry of logged) expect(entry).toMatchObject({ service: 'tongka', stage: 'local' });
    // The metrics went out as EMF, one line per invocation that counted something.
    const emf = json.filter((line) => line.includes('"_aws"'));
    expect(emf.some((line) => line.includes('"Checkouts"'))).toBe(true);
    expect(emf.some((line) => line.includes('"Errors"') && line.includes('"insufficient_points"'))).toBe(true);
    expect(hashId(secrets.memberId)).toMatch(/^h:[0-9a-f]{16}$/);
  });

  it.each(['phone', 'walkInPhone', 'otherPhone', 'nickname', 'walkInName', 'birthday', 'openid', 'memberId', 'staffId'])('never prints the %s', (name) => {
    const value = secrets[name]!;
    expect(value).toBeTruthy();
    expect(lines.filter((line) => line.includes(value))).toEqual([]);
  });
});
