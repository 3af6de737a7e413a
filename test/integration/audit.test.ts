import { randomUUID } from 'node:crypto';
import type { AccessLogEntry, AuditLogEntry, AuditLogQuery } from '../../shared/api';
import { routes } from '../../shared/contract/routes';
import { addDays, shanghaiDate } from '../../shared/dates';
import { checkout, DEMO_STAFF, login, receipt, scan, useStack } from './fixtures';

const { client, staff } = useStack('hq', 'managerA', 'managerB', 'clerkA', 'clerkB');

const today = () => shanghaiDate(Date.now());
const newMember = async () => {
  const { token, member } = await login(client, `aud-${randomUUID()}`);
  return { token, memberNo: member.memberNo };
};
const staffIdOf = async (openid: string) => (await login(client, openid)).staff!.staffId;

type LogQuery = Partial<Omit<AuditLogQuery, 'limit'>> & { limit?: number };
const page = (token: string, query: LogQuery) => client.call(routes.adminAudit, { token, query: { date: today(), ...query } });

/** Every entry of a day's log the query selects, following the cursor to the end. */
async function wholeLog(token: string, query: LogQuery): Promise<AuditLogEntry[]> {
  const items: AuditLogEntry[] = [];
  let cursor: string | undefined;
  do {
    const res = await client.ok(routes.adminAudit, { token, query: { date: today(), limit: 100, ...query, cursor } });
    items.push(...res.items);
    cursor = res.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

async function wholeAccessLog(token: string, limit = 100): Promise<AccessLogEntry[]> {
  const items: AccessLogEntry[] = [];
  let cursor: string | undefined;
  do {
    const res = await client.ok(routes.meAccessLog, { token, query: { limit, cursor } });
    items.push(...res.items);
    cursor = res.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

const chainEntries = async (action: AuditLogEntry['action'], ref: string) => (await wholeLog(staff.hq, { action })).filter((e) => e.ref === ref);

describe('the audit log', () => {
  it('files a clerk’s scan and checkout in their store’s day, and in the chain’s day for HQ', async () => {
    const member = await newMember();
    const clerkA = await staffIdOf(DEMO_STAFF.clerkA);
    const visit = await scan(client, member.token, staff.clerkA);
    const bill = await checkout(client, staff.clerkA, visit.visitId, { receiptNo: receipt('AUD'), amountFen: 5_000 });
    expect(bill.status).toBe(200);

    const store = await wholeLog(staff.managerA, { memberNo: member.memberNo });
    expect(store.map((e) => [e.action, e.ref])).toEqual([
      ['checkout', bill.body.checkoutId],
      ['open_visit', visit.visitId],
    ]);
    for (const entry of store) {
      expect(entry).toMatchObject({
        storeId: 'jingan',
        storeName: expect.any(String),
        staffId: clerkA,
        staffRole: 'clerk',
        staffName: expect.any(String),
        memberNo: member.memberNo,
      });
      expect(entry.at).toMatch(/\+08:00$/);
    }
    expect(await wholeLog(staff.hq, { memberNo: member.memberNo })).toEqual(store);
    expect(await wholeLog(staff.hq, { storeId: 'jingan', memberNo: member.memberNo })).toEqual(store);
    expect(await wholeLog(staff.managerB, { memberNo: member.memberNo })).toEqual([]);
    expect(await wholeLog(staff.hq, { storeId: 'xuhui', memberNo: member.memberNo })).toEqual([]);
  });

  it('filters by staff member, member number and action, and pages the day with an opaque cursor', async () => {
    const member = await newMember();
    const [clerkA, clerkB] = await Promise.all([staffIdOf(DEMO_STAFF.clerkA), staffIdOf(DEMO_STAFF.clerkB)]);
    const visits = [];
    for (let i = 0; i < 3; i++) visits.push(await scan(client, member.token, staff.clerkA));
    await checkout(client, staff.clerkA, visits[2]!.visitId, { receiptNo: receipt('AUD'), amountFen: 1_000 });
    await scan(client, member.token, staff.clerkB);

    const scans = await wholeLog(staff.managerA, { memberNo: member.memberNo, action: 'open_visit' });
    expect(scans.map((e) => e.ref)).toEqual(visits.map((v) => v.visitId).reverse());
    expect(await wholeLog(staff.managerA, { memberNo: member.memberNo, staffId: clerkB })).toEqual([]);
    const atB = await wholeLog(staff.hq, { memberNo: member.memberNo, staffId: clerkB });
    expect(atB).toEqual([expect.objectContaining({ action: 'open_visit', storeId: 'xuhui', staffId: clerkB })]);
    expect((await wholeLog(staff.hq, { staffId: clerkA, memberNo: member.memberNo })).map((e) => e.action)).toEqual(['checkout', 'open_visit', 'open_visit', 'open_visit']);

    // Pages of one entry, of two: the same entries, each once, in the same order as one page.
    const whole = await wholeLog(staff.hq, { memberNo: member.memberNo });
    expect(whole).toHaveLength(5);
    for (const limit of [1, 2]) {
      const paged: AuditLogEntry[] = [];
      let cursor: string | undefined;
      do {
        const res = await page(staff.hq, { memberNo: member.memberNo, limit, cursor });
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        paged.push(...res.body.items);
        cursor = res.body.nextCursor ?? undefined;
      } while (cursor);
      expect(paged).toEqual(whole);
    }
    // The chain's day unfiltered pages too: no entry twice.
    const chain = await wholeLog(staff.hq, {});
    expect(new Set(chain.map((e) => e.id)).size).toBe(chain.length);
    expect(chain.filter((e) => e.memberNo === member.memberNo)).toHaveLength(5);
  });

  it('lets a manager read their own store only, and no clerk any log', async () => {
    const other = await page(staff.managerA, { storeId: 'xuhui' });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('other_store');
    expect((await page(staff.managerA, { storeId: 'HQ' })).status).toBe(403);
    const clerk = await page(staff.clerkA, {});
    expect(clerk.status).toBe(403);
    expect(clerk.body.error.code).toBe('not_manager');
    expect((await page(staff.hq, { storeId: 'nowhere' })).body.error.code).toBe('unknown_store');
    expect((await client.call(routes.adminAudit, { query: { date: today() } })).status).toBe(401);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ date: '2026/01/01' }, 'date'],
      [{ date: today(), action: 'peek' }, 'action'],
      [{ date: today(), memberNo: '12ab' }, 'memberNo'],
      [{ date: today(), staffId: 'a b' }, 'staffId'],
      [{ date: today(), cursor: 'not-a-cursor' }, 'cursor'],
      [{ date: today(), limit: '0' }, 'limit'],
    ];
    for (const [query, field] of cases) {
      const res = await client.get(`/v1/admin/audit?${new URLSearchParams(query)}`, { token: staff.hq });
      expect([res.status, res.body.error.code]).toEqual([400, 'validation_error']);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await client.get('/v1/admin/audit', { token: staff.hq })).body.error.details[0].field).toBe('date');

    // A cursor of another store's log, or of another day, is not one of this log's.
    const member = await newMember();
    await scan(client, member.token, staff.clerkB);
    await scan(client, member.token, staff.clerkB);
    const xuhui = await client.ok(routes.adminAudit, { token: staff.hq, query: { date: today(), storeId: 'xuhui', limit: 1 } });
    expect(xuhui.nextCursor).not.toBeNull();
    const stolen = await page(staff.managerA, { cursor: xuhui.nextCursor! });
    expect([stolen.status, stolen.body.error.details?.[0]?.field]).toEqual([400, 'cursor']);
    const otherDay = await page(staff.hq, { storeId: 'xuhui', date: '2020-01-01', cursor: xuhui.nextCursor! });
    expect([otherDay.status, otherDay.body.error.details?.[0]?.field]).toEqual([400, 'cursor']);

    const access = await client.call(routes.meAccessLog, { token: member.token, query: { cursor: 'AUDIT' } });
    expect([access.status, access.body.error.details?.[0]?.field]).toEqual([400, 'cursor']);
    expect((await client.get('/v1/me/access-log?limit=500', { token: member.token })).body.error.details[0].field).toBe('limit');
  });
});

describe('the member’s 访问记录', () => {
  it('shows which store and which role looked at or changed the record, and when — never who', async () => {
    const member = await newMember();
    const [clerkA, managerB] = await Promise.all([login(client, DEMO_STAFF.clerkA), login(client, DEMO_STAFF.managerB)]);
    const visit = await scan(client, member.token, staff.clerkA);
    await checkout(client, staff.clerkA, visit.visitId, { receiptNo: receipt('AUD'), amountFen: 3_000 });
    await scan(client, member.token, staff.managerB);

    const seen = await wholeAccessLog(member.token);
    expect(seen.map((e) => [e.action, e.storeId, e.role])).toEqual([
      ['open_visit', 'xuhui', 'manager'],
      ['checkout', 'jingan', 'clerk'],
      ['open_visit', 'jingan', 'clerk'],
    ]);
    expect(seen[0]).toMatchObject({ roleText: '店长', storeName: expect.any(String), actionText: expect.any(String) });
    expect(seen[1]).toMatchObject({ roleText: '店员' });
    for (const entry of seen) expect(entry.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+08:00$/);
    const text = JSON.stringify(seen);
    for (const person of [clerkA.staff!, managerB.staff!]) {
      expect(text).not.toContain(person.name);
      expect(text).not.toContain(person.staffId);
    }
    // Paged one by one: the same entries in the same order.
    expect(await wholeAccessLog(member.token, 1)).toEqual(seen);
    // Another member sees none of it.
    expect(await wholeAccessLog((await newMember()).token)).toEqual([]);
  });
});

describe('changes audited in their own transaction', () => {
  const template = (token: string, body: Record<string, unknown>, key = randomUUID()) =>
    client.post('/v1/admin/coupon-templates', {
      token,
      headers: { 'Idempotency-Key': key },
      body: { name: '审计测试券', kind: 'amount_off', valueFen: 500, validity: { type: 'relative', days: 30 }, obtainedBy: 'claim', ...body },
    });

  it('writes one entry per coupon template created (retries included) or changed, and none when refused', async () => {
    const key = randomUUID();
    const created = await template(staff.hq, {}, key);
    expect(created.status).toBe(201);
    expect((await template(staff.hq, {}, key)).body.id).toBe(created.body.id);
    const id = created.body.id as string;
    expect(await chainEntries('template_create', id)).toEqual([
      expect.objectContaining({ storeId: null, staffRole: 'hq', details: expect.objectContaining({ name: '审计测试券' }) }),
    ]);

    const status = (token: string, s: string) => client.call(routes.adminTemplateStatus, { token, params: { templateId: id }, body: { status: s as 'paused' } });
    expect((await status(staff.hq, 'paused')).status).toBe(200);
    expect((await status(staff.managerA, 'active')).status).toBe(403);
    expect((await status(staff.hq, 'ended')).status).toBe(200);
    const refused = await status(staff.hq, 'active');
    expect([refused.status, refused.body.error.code]).toEqual([409, 'template_ended']);
    expect((await chainEntries('template_status', id)).map((e) => e.details?.to)).toEqual(['ended', 'paused']);

    // A manager's own template is filed under their store.
    const own = await template(staff.managerA, { storeIds: null });
    expect(own.status).toBe(201);
    expect((await wholeLog(staff.managerA, { action: 'template_create' })).filter((e) => e.ref === own.body.id)).toHaveLength(1);
    expect((await wholeLog(staff.managerB, { action: 'template_create' })).filter((e) => e.ref === own.body.id)).toHaveLength(0);
  });

  it('writes one entry per issuing rule created or switched, and none for an unknown rule', async () => {
    const forRules = await template(staff.hq, { obtainedBy: 'rule' });
    const rule = await client.call(routes.adminRulesCreate, { token: staff.hq, body: { kind: 'welcome', templateId: forRules.body.id }, idempotencyKey: randomUUID() });
    expect(rule.status).toBe(201);
    expect(await chainEntries('rule_create', rule.body.id)).toHaveLength(1);
    expect((await client.call(routes.adminRuleStatus, { token: staff.hq, params: { ruleId: rule.body.id }, body: { active: false } })).status).toBe(200);
    expect(await chainEntries('rule_status', rule.body.id)).toEqual([expect.objectContaining({ details: { active: 'false' } })]);

    const before = (await wholeLog(staff.hq, { action: 'rule_status' })).length;
    const missing = await client.call(routes.adminRuleStatus, { token: staff.hq, params: { ruleId: 'rul_missing' }, body: { active: true } });
    expect(missing.status).toBe(404);
    expect(await wholeLog(staff.hq, { action: 'rule_status' })).toHaveLength(before);
  });

  it('writes one entry per campaign change, and none when refused', async () => {
    const before = (await chainEntries('campaign_update', 'birthday')).length;
    expect((await client.call(routes.adminCampaignUpdate, { token: staff.hq, params: { campaignId: 'birthday' }, body: { enabled: false } })).status).toBe(200);
    expect((await client.call(routes.adminCampaignUpdate, { token: staff.managerA, params: { campaignId: 'birthday' }, body: { enabled: true } })).status).toBe(403);
    const bad = await client.call(routes.adminCampaignUpdate, { token: staff.hq, params: { campaignId: 'birthday' }, body: { couponTemplateId: 'tpl_missing' } });
    expect(bad.status).toBe(422);
    const entries = await chainEntries('campaign_update', 'birthday');
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({ storeId: null, staffRole: 'hq', details: { enabled: 'false', couponTemplateId: null } });
    await client.ok(routes.adminCampaignUpdate, { token: staff.hq, params: { campaignId: 'birthday' }, body: { enabled: true } });
  });

  it('files staff management in the store’s log', async () => {
    const invite = await client.call(routes.adminStaffInvitesCreate, {
      token: staff.managerA,
      body: { name: '审计新店员', role: 'clerk', storeId: 'jingan' },
      idempotencyKey: randomUUID(),
    });
    expect(invite.status).toBe(201);
    const entries = (await wholeLog(staff.managerA, { action: 'staff_invite' })).filter((e) => e.ref === invite.body.code);
    expect(entries).toEqual([expect.objectContaining({ storeId: 'jingan', staffRole: 'manager', staffName: expect.any(String) })]);
  });

  it('writes one entry for a reversal, and none when it is refused', async () => {
    const member = await newMember();
    const visit = await scan(client, member.token, staff.clerkA);
    const bill = await checkout(client, staff.clerkA, visit.visitId, { receiptNo: receipt('AUD'), amountFen: 2_000 });
    const reverse = (token: string) => client.call(routes.staffReverse, { token, params: { checkoutId: bill.body.checkoutId }, idempotencyKey: randomUUID() });
    expect((await reverse(staff.managerB)).status).toBe(403);
    expect((await reverse(staff.managerA)).status).toBe(200);
    expect((await reverse(staff.managerA)).status).toBeGreaterThanOrEqual(400); // already reversed (its points are gone)
    const entries = await wholeLog(staff.managerA, { memberNo: member.memberNo, action: 'reverse_checkout' });
    expect(entries).toEqual([expect.objectContaining({ ref: bill.body.checkoutId, staffRole: 'manager' })]);
    expect((await wholeAccessLog(member.token))[0]).toMatchObject({ action: 'reverse_checkout', storeId: 'jingan', role: 'manager', roleText: '店长' });
  });

  it('writes one entry per check-in and per no-show, filed under the booking’s store and the day it happened', async () => {
    const openingHours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '23:59' }));
    await client.ok(routes.adminSchedule, { token: staff.hq, params: { storeId: 'jingan' }, body: { openingHours, minNoticeMinutes: 0 } });
    const svc = await client.ok(routes.adminServicesCreate, {
      token: staff.hq,
      body: { name: `审计服务${randomUUID().slice(0, 4)}`, durationMinutes: 30, priceFen: 1_000, capacityByStore: { jingan: 5 } },
    });
    const member = await newMember();
    // Pinned, whatever the hour the test runs: tomorrow's first slot, checked in at 23:30 tonight (the
    // clock injected, as for the no-show below), half an hour before it starts.
    const tomorrow = addDays(today(), 1);
    const first = await client.call(routes.bookingsCreate, {
      token: member.token,
      body: { storeId: 'jingan', serviceId: svc.id, start: `${tomorrow}T00:00:00+08:00` },
      idempotencyKey: randomUUID(),
    });
    expect(first.status).toBe(201);
    const { checkIn, markNoShow } = await import('../../functions/domain/booking-staff');
    const { openVisit } = await import('../../functions/domain/visits');
    const { issueMemberCode } = await import('../../functions/domain/member-code');
    const { getStaffByOpenid } = await import('../../functions/store/staff');
    const clerk = (await getStaffByOpenid(DEMO_STAFF.clerkA))!;
    const tonight = Date.parse(`${today()}T23:30:00+08:00`);
    const visit = await openVisit(clerk, issueMemberCode(member.memberNo, tonight).digits, tonight);
    expect((await checkIn(clerk, visit.visitId, first.body.id, tonight)).status).toBe('checked_in');
    expect((await checkIn(clerk, visit.visitId, first.body.id, tonight + 60_000)).status).toBe('checked_in'); // answered again, written once
    // Filed under the day it happened (tonight), not the booking's day (tomorrow).
    expect((await wholeLog(staff.managerA, { memberNo: member.memberNo, action: 'check_in' })).map((e) => e.ref)).toEqual([first.body.id]);
    expect(await wholeLog(staff.managerA, { date: tomorrow, memberNo: member.memberNo, action: 'check_in' })).toEqual([]);

    // A no-show is recorded after the slot: marked by the domain at a later time, filed under that day.
    const later = await client.call(routes.bookingsCreate, {
      token: member.token,
      body: { storeId: 'jingan', serviceId: svc.id, start: `${addDays(today(), 2)}T10:00:00+08:00` },
      idempotencyKey: randomUUID(),
    });
    expect(later.status).toBe(201);
    const after = Date.parse(`${addDays(today(), 2)}T11:00:00+08:00`);
    await markNoShow(clerk, later.body.id, after);
    await markNoShow(clerk, later.body.id, after); // already a no-show: nothing written
    const noShows = await wholeLog(staff.hq, { date: addDays(today(), 2), memberNo: member.memberNo });
    expect(noShows).toEqual([expect.objectContaining({ action: 'no_show', ref: later.body.id, storeId: 'jingan', staffRole: 'clerk' })]);
  });

  it('writes no entry for a refused checkout', async () => {
    const member = await newMember();
    const visit = await scan(client, member.token, staff.clerkA);
    const no = receipt('AUD');
    expect((await checkout(client, staff.clerkA, visit.visitId, { receiptNo: no, amountFen: 1_000 })).status).toBe(200);
    const again = await scan(client, member.token, staff.clerkA);
    expect((await checkout(client, staff.clerkA, again.visitId, { receiptNo: no, amountFen: 1_000 })).status).toBe(409);
    expect((await checkout(client, staff.clerkB, again.visitId, { receiptNo: receipt('AUD'), amountFen: 1_000 })).status).toBe(403);
    expect((await checkout(client, staff.clerkA, again.visitId, { receiptNo: receipt('AUD'), amountFen: 1_000, redeemPoints: 10_000 })).status).toBe(422);
    expect((await wholeLog(staff.hq, { memberNo: member.memberNo, action: 'checkout' })).length).toBe(1);
    expect((await wholeAccessLog(member.token)).filter((e) => e.action === 'checkout')).toHaveLength(1);
  });
});
