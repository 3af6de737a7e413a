import { randomUUID } from 'node:crypto';
import type { AuditLogEntry, InviteRequest } from '../../shared/api';
import { shanghaiDate } from '../../shared/dates';
import { routes } from '../../shared/contract/routes';
import { demoInvite } from '../../infra/seed/demo-data';
import { putInvite } from '../../functions/store/staff';
import { card, checkout, receipt, scan, tokenOf, useStack, type Client } from './fixtures';

const { client, staff } = useStack('hq', 'managerA', 'managerB', 'clerkA');

const newAccount = () => tokenOf(client, `it-staff-${randomUUID()}`);

function invite(token: string, body: InviteRequest, key = randomUUID()) {
  return client.call(routes.adminStaffInvitesCreate, { token, body, idempotencyKey: key });
}

async function invited(token: string, body: InviteRequest): Promise<string> {
  const res = await invite(token, body);
  expect(res.status).toBe(201);
  return res.body.code;
}

const redeem = (c: Client, token: string, code: string) => c.call(routes.staffInviteRedeem, { token, body: { code } });

/** A fresh clerk of 静安寺, joined through an invite: its session token and staff id. */
async function newClerk(): Promise<{ token: string; staffId: string }> {
  const code = await invited(staff.hq, { name: '测试店员', role: 'clerk', storeId: 'jingan' });
  const token = await newAccount();
  const joined = await client.ok(routes.staffInviteRedeem, { token, body: { code } });
  return { token, staffId: joined.staffId };
}

const openInviteCodes = async (token: string) => (await client.ok(routes.adminStaffInvitesList, { token })).items.map((i) => i.code);
const staffList = async (token: string, storeId?: string) => (await client.ok(routes.adminStaffList, { token, query: { storeId } })).items;
const setStatus = (token: string, staffId: string, status: 'active' | 'disabled') => client.call(routes.adminStaffStatus, { token, params: { staffId }, body: { status } });

describe('invites', () => {
  it('lets HQ invite any role at any store, and the invited WeChat account join with the typed code or the QR text', async () => {
    const res = await invite(staff.hq, { name: '王店长', role: 'manager', storeId: 'xuhui' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '王店长', role: 'manager', storeId: 'xuhui', storeName: expect.any(String), status: 'open' });
    expect(res.body.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
    expect(res.body.qrText).toBe(`tongka:invite:${res.body.code}`);
    expect(Date.parse(res.body.expiresAt) - Date.parse(res.body.createdAt)).toBe(24 * 3600_000);
    expect(await openInviteCodes(staff.hq)).toContain(res.body.code);
    expect(await openInviteCodes(staff.managerB)).toContain(res.body.code);
    expect(await openInviteCodes(staff.managerA)).not.toContain(res.body.code);

    const account = await newAccount();
    const joined = await client.ok(routes.staffInviteRedeem, { token: account, body: { code: res.body.qrText } });
    expect(joined).toMatchObject({ name: '王店长', role: 'manager', storeId: 'xuhui' });
    // The same account signing in again is now that staff member, and keeps its member card.
    expect((await client.ok(routes.authWechat, { body: { code: `dev-${await openidOf(account)}` } })).staff).toMatchObject({ staffId: joined.staffId, role: 'manager' });
    expect((await card(client, account)).points).toBe(0);
    expect(await openInviteCodes(staff.hq)).not.toContain(res.body.code);
    expect((await staffList(staff.managerB, 'xuhui')).find((s) => s.staffId === joined.staffId)).toMatchObject({ status: 'active', role: 'manager' });

    // HQ admins have no store.
    const hqCode = await invited(staff.hq, { name: '总部新人', role: 'hq', storeId: null });
    expect((await client.ok(routes.staffInviteRedeem, { token: await newAccount(), body: { code: hqCode.toLowerCase().replace(/(.{4})/, '$1-') } })).storeId).toBeNull();
  });

  it('lets exactly one of 10 WeChat accounts redeeming one invite at once win; the others are told it is used', async () => {
    const code = await invited(staff.hq, { name: '抢码测试', role: 'clerk', storeId: 'jingan' });
    const accounts = await Promise.all(Array.from({ length: 10 }, newAccount));
    const answers = await Promise.all(accounts.map((token) => redeem(client, token, code)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.error.code)).toEqual(Array(9).fill('invite_used'));
    const winner = answers.find((a) => a.status === 200)!.body.staffId;
    expect((await staffList(staff.managerA)).filter((s) => s.name === '抢码测试').map((s) => s.staffId)).toEqual([winner]);
  });

  it('answers used, expired, revoked and unknown codes with their own errors, and refuses an account that is already staff', async () => {
    const used = await invited(staff.managerA, { name: '用过', role: 'clerk', storeId: 'jingan' });
    const first = await newAccount();
    expect((await redeem(client, first, used)).status).toBe(200);
    // A retry by the account that used it answers the same.
    expect((await redeem(client, first, used)).status).toBe(200);
    expect((await redeem(client, await newAccount(), used)).body.error.code).toBe('invite_used');

    const revoked = await invited(staff.managerA, { name: '撤销', role: 'clerk', storeId: 'jingan' });
    const revokedRes = await client.call(routes.adminStaffInviteRevoke, { token: staff.managerA, params: { code: revoked } });
    expect(revokedRes.status).toBe(200);
    expect(revokedRes.body.status).toBe('revoked');
    expect(await openInviteCodes(staff.managerA)).not.toContain(revoked);
    const revokedRedeem = await redeem(client, await newAccount(), revoked);
    expect([revokedRedeem.status, revokedRedeem.body.error.code]).toEqual([409, 'invite_revoked']);
    expect((await client.call(routes.adminStaffInviteRevoke, { token: staff.hq, params: { code: used } })).body.error.code).toBe('invite_used');

    await putInvite({
      code: 'XPRD2345',
      name: '过期',
      role: 'clerk',
      storeId: 'jingan',
      createdBy: 'stf-demo-hq-admin',
      createdAt: '2024-01-01T00:00:00.000Z',
      expiresAt: '2024-01-02T00:00:00.000Z',
      status: 'open',
    });
    const expired = await redeem(client, await newAccount(), 'XPRD2345');
    expect([expired.status, expired.body.error.code]).toEqual([422, 'invite_expired']);
    expect(await openInviteCodes(staff.hq)).not.toContain('XPRD2345');

    const unknown = await redeem(client, await newAccount(), 'ZZZZ2222');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'invite_not_found']);

    const again = await invited(staff.hq, { name: '重复', role: 'clerk', storeId: 'xuhui' });
    const already = await redeem(client, staff.clerkA, again);
    expect([already.status, already.body.error.code]).toEqual([409, 'already_staff']);
    expect(await openInviteCodes(staff.hq)).toContain(again);
  });

  it('replays an invite sent twice with one Idempotency-Key', async () => {
    const key = randomUUID();
    const body = { name: '重试', role: 'clerk', storeId: 'jingan' } as const;
    const [a, b] = await Promise.all([invite(staff.managerA, body, key), invite(staff.managerA, body, key)]);
    expect(a.body).toEqual(b.body);
    expect((await openInviteCodes(staff.managerA)).filter((c) => c === a.body.code)).toHaveLength(1);
  });

  it('seeds one open demo invite', async () => {
    expect(await openInviteCodes(staff.hq)).toContain(demoInvite.code);
  });
});

describe('who manages whom', () => {
  it('refuses a manager inviting a manager, HQ or another store’s clerk, and a clerk inviting at all', async () => {
    const asManager = await invite(staff.managerA, { name: 'x', role: 'manager', storeId: 'jingan' });
    expect([asManager.status, asManager.body.error.code]).toEqual([403, 'staff_role_not_allowed']);
    expect((await invite(staff.managerA, { name: 'x', role: 'hq', storeId: null })).status).toBe(403);
    const otherStore = await invite(staff.managerA, { name: 'x', role: 'clerk', storeId: 'xuhui' });
    expect([otherStore.status, otherStore.body.error.code]).toEqual([403, 'other_store']);
    const byClerk = await invite(staff.clerkA, { name: 'x', role: 'clerk', storeId: 'jingan' });
    expect([byClerk.status, byClerk.body.error.code]).toEqual([403, 'not_manager']);
    expect((await client.call(routes.adminStaffList, { token: staff.clerkA })).status).toBe(403);
  });

  it('refuses a manager touching another store’s staff, their own store’s manager, or a role', async () => {
    const { staffId } = await newClerk();
    const other = await setStatus(staff.managerB, staffId, 'disabled');
    expect([other.status, other.body.error.code]).toEqual([403, 'other_store']);
    expect((await client.call(routes.adminStaffList, { token: staff.managerB, query: { storeId: 'jingan' } })).body.error.code).toBe('other_store');
    const revokeOther = await client.call(routes.adminStaffInviteRevoke, { token: staff.managerB, params: { code: demoInvite.code } });
    expect([revokeOther.status, revokeOther.body.error.code]).toEqual([403, 'other_store']);

    const peerCode = await invited(staff.hq, { name: '副店长', role: 'manager', storeId: 'jingan' });
    const peerId = (await client.ok(routes.staffInviteRedeem, { token: await newAccount(), body: { code: peerCode } })).staffId;
    const peer = await setStatus(staff.managerA, peerId, 'disabled');
    expect([peer.status, peer.body.error.code]).toEqual([403, 'staff_role_not_allowed']);
    const role = await client.call(routes.adminStaffUpdate, { token: staff.managerA, params: { staffId }, body: { role: 'manager', storeId: 'jingan' } });
    expect([role.status, role.body.error.code]).toEqual([403, 'not_hq']);
    expect((await staffList(staff.hq, 'jingan')).find((s) => s.staffId === staffId)).toMatchObject({ role: 'clerk', status: 'active' });
  });

  it('lets HQ change a role and a store, which closes the account’s open visits', async () => {
    const clerk = await newClerk();
    const member = await newAccount();
    const visit = await scan(client, member, clerk.token);
    const moved = await client.ok(routes.adminStaffUpdate, { token: staff.hq, params: { staffId: clerk.staffId }, body: { role: 'manager', storeId: 'xuhui' } });
    expect(moved).toMatchObject({ role: 'manager', storeId: 'xuhui', status: 'active' });
    expect((await staffList(staff.managerB)).map((s) => s.staffId)).toContain(clerk.staffId);
    expect((await staffList(staff.managerA)).map((s) => s.staffId)).not.toContain(clerk.staffId);
    const res = await checkout(client, clerk.token, visit.visitId, { receiptNo: receipt(), amountFen: 1_000 });
    expect(res.status).toBe(403); // the visit was opened at 静安寺; they now work at 徐家汇
    expect((await card(client, member)).points).toBe(0);
  });
});

describe('disabling (离职) and re-enabling', () => {
  it('refuses a disabled clerk’s next scan, closes their open visit for their manager too, keeps their member card, and re-enabling works', async () => {
    const clerk = await newClerk();
    const member = await newAccount();
    const visit = await scan(client, member, clerk.token);
    const cardBefore = await card(client, clerk.token);

    const disabled = await setStatus(staff.managerA, clerk.staffId, 'disabled');
    expect(disabled.status).toBe(200);
    expect(disabled.body.status).toBe('disabled');
    expect((await staffList(staff.managerA)).find((s) => s.staffId === clerk.staffId)?.status).toBe('disabled');

    const code = await client.ok(routes.meCode, { token: member });
    const nextScan = await client.call(routes.staffOpenVisit, { token: clerk.token, body: { code: code.digits } });
    expect([nextScan.status, nextScan.body.error.code]).toEqual([403, 'not_staff']);
    const own = await checkout(client, clerk.token, visit.visitId, { receiptNo: receipt(), amountFen: 5_000 });
    expect([own.status, own.body.error.code]).toEqual([403, 'not_staff']);
    // Nor can their manager take over the visit: a visit is bound to the staff member who opened it.
    const takeover = await checkout(client, staff.managerA, visit.visitId, { receiptNo: receipt(), amountFen: 5_000 });
    expect([takeover.status, takeover.body.error.code]).toEqual([403, 'other_staff_visit']);
    expect((await card(client, member)).points).toBe(0);
    // The member card stays.
    expect(await card(client, clerk.token)).toEqual(cardBefore);
    expect((await client.ok(routes.authWechat, { body: { code: `dev-${await openidOf(clerk.token)}` } })).staff).toBeNull();

    // Disabling again changes nothing.
    expect((await setStatus(staff.managerA, clerk.staffId, 'disabled')).body.status).toBe('disabled');

    const enabled = await setStatus(staff.hq, clerk.staffId, 'active');
    expect(enabled.body.status).toBe('active');
    // The visit opened before stays closed; a new scan works.
    expect((await checkout(client, clerk.token, visit.visitId, { receiptNo: receipt(), amountFen: 5_000 })).body.error.code).toBe('visit_closed');
    const fresh = await scan(client, member, clerk.token);
    expect((await checkout(client, clerk.token, fresh.visitId, { receiptNo: receipt(), amountFen: 5_000 })).status).toBe(200);
    expect((await staffList(staff.managerA)).find((s) => s.staffId === clerk.staffId)?.lastActiveAt).toEqual(expect.any(String));
  });

  it('does not let anyone change their own account', async () => {
    const hqId = (await staffList(staff.hq)).find((s) => s.role === 'hq' && s.name.includes('陈总'))!.staffId;
    const res = await setStatus(staff.hq, hqId, 'disabled');
    expect([res.status, res.body.error.code]).toEqual([422, 'own_staff_account']);
  });
});

async function openidOf(token: string): Promise<string> {
  const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { oid: string };
  return payload.oid;
}

describe('bad input gets a 400 naming the field and writes nothing', () => {
  it.each([
    ['a malformed code', { code: 'ab' }, 'code'],
    ['a code with look-alike letters', { code: 'OOII1100' }, 'code'],
    ['an oversized code', { code: 'A'.repeat(65) }, 'code'],
    ['a numeric code', { code: 12345678 }, 'code'],
    ['no code', {}, 'code'],
  ])('redeeming %s', async (_name, body, field) => {
    const account = await newAccount();
    const res = await client.call(routes.staffInviteRedeem, { token: account, body: body as never });
    expect(res.status).toBe(400);
    expect(res.body.error.details!.map((d: { field: string }) => d.field)).toContain(field);
    expect((await client.ok(routes.authWechat, { body: { code: `dev-${await openidOf(account)}` } })).staff).toBeNull();
  });

  it.each([
    ['an unknown role', { name: 'x', role: 'boss', storeId: 'jingan' }, 'role'],
    ['a clerk without a store', { name: 'x', role: 'clerk', storeId: null }, 'storeId'],
    ['HQ with a store', { name: 'x', role: 'hq', storeId: 'jingan' }, 'storeId'],
    ['a malformed store id', { name: 'x', role: 'clerk', storeId: 'Jing An!' }, 'storeId'],
    ['an empty name', { name: '  ', role: 'clerk', storeId: 'jingan' }, 'name'],
    ['an oversized name', { name: '名'.repeat(33), role: 'clerk', storeId: 'jingan' }, 'name'],
  ])('inviting with %s', async (_name, body, field) => {
    const before = await openInviteCodes(staff.hq);
    const res = await invite(staff.hq, body as never);
    expect(res.status).toBe(400);
    expect(res.body.error.details!.map((d: { field: string }) => d.field)).toContain(field);
    expect(await openInviteCodes(staff.hq)).toEqual(before);
  });

  it('refuses malformed staff ids and statuses, and an unknown store', async () => {
    const before = await staffList(staff.hq);
    const badId = await client.post('/v1/admin/staff/bad%20id%3B/status', { token: staff.hq, body: { status: 'disabled' } });
    expect(badId.status).toBe(400);
    expect(badId.body.error.details.map((d: { field: string }) => d.field)).toContain('staffId');
    const { staffId } = await newClerk();
    const badStatus = await setStatus(staff.hq, staffId, 'fired' as never);
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.details!.map((d: { field: string }) => d.field)).toContain('status');
    const badCode = await client.post('/v1/admin/staff-invites/nope/revoke', { token: staff.hq });
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.details.map((d: { field: string }) => d.field)).toContain('code');
    const unknownStore = await invite(staff.hq, { name: 'x', role: 'clerk', storeId: 'nowhere' });
    expect([unknownStore.status, unknownStore.body.error.code]).toEqual([422, 'unknown_store']);
    const unknownStaff = await setStatus(staff.hq, 'stf_nobody', 'disabled');
    expect([unknownStaff.status, unknownStaff.body.error.code]).toEqual([404, 'staff_not_found']);
    const after = await staffList(staff.hq);
    const shape = (s: { staffId: string; role: string; storeId: string | null; status: string }) => [s.staffId, s.role, s.storeId, s.status];
    expect(after.filter((s) => s.staffId !== staffId).map(shape)).toEqual(before.map(shape));
  });
});

describe('every staff-management change is audited once, in its store’s log', () => {
  type StaffAction = 'staff_invite_revoke' | 'staff_join' | 'staff_assign' | 'staff_disable' | 'staff_enable';

  /** A day's entries of one action the reader may see (following the cursor), about `ref`: a staff id or an invite code. */
  async function entries(token: string, action: StaffAction, ref: string, storeId?: string): Promise<AuditLogEntry[]> {
    const items: AuditLogEntry[] = [];
    let cursor: string | undefined;
    do {
      const res = await client.ok(routes.adminAudit, { token, query: { date: shanghaiDate(Date.now()), action, limit: 100, ...(storeId ? { storeId } : {}), cursor } });
      items.push(...res.items);
      cursor = res.nextCursor ?? undefined;
    } while (cursor);
    return items.filter((e) => e.ref === ref);
  }

  it('writes one staff_invite_revoke for a revoked invite, however often it is revoked, and none for a refused revoke', async () => {
    const code = await invited(staff.managerA, { name: '审计撤销', role: 'clerk', storeId: 'jingan' });
    const refused = await client.call(routes.adminStaffInviteRevoke, { token: staff.managerB, params: { code } });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'other_store']);
    expect(await entries(staff.hq, 'staff_invite_revoke', code)).toEqual([]);

    for (let i = 0; i < 2; i++) expect((await client.call(routes.adminStaffInviteRevoke, { token: staff.managerA, params: { code } })).status).toBe(200);
    expect(await entries(staff.managerA, 'staff_invite_revoke', code)).toEqual([
      expect.objectContaining({
        storeId: 'jingan',
        staffRole: 'manager',
        staffName: expect.any(String),
        details: expect.objectContaining({ inviteCode: code, role: 'clerk' }),
      }),
    ]);
    expect(await entries(staff.hq, 'staff_invite_revoke', code)).toHaveLength(1);
    expect(await entries(staff.managerB, 'staff_invite_revoke', code)).toEqual([]);
  });

  it('writes one staff_join, by the new staff member themself, when an invite is redeemed (a retry by the same account adds none)', async () => {
    const code = await invited(staff.hq, { name: '审计加入', role: 'clerk', storeId: 'jingan' });
    const account = await newAccount();
    const joined = await client.ok(routes.staffInviteRedeem, { token: account, body: { code } });
    expect((await redeem(client, account, code)).status).toBe(200);
    expect((await redeem(client, await newAccount(), code)).status).toBe(409);
    expect(await entries(staff.managerA, 'staff_join', joined.staffId)).toEqual([
      expect.objectContaining({ storeId: 'jingan', staffId: joined.staffId, staffRole: 'clerk', details: expect.objectContaining({ inviteCode: code }) }),
    ]);
  });

  it('writes one staff_assign under each store when HQ moves an account to another store, one when only the role changes, and none when nothing changes or a manager tries', async () => {
    const clerk = await newClerk();
    const byManager = await client.call(routes.adminStaffUpdate, { token: staff.managerA, params: { staffId: clerk.staffId }, body: { role: 'manager', storeId: 'jingan' } });
    expect([byManager.status, byManager.body.error.code]).toEqual([403, 'not_hq']);
    expect(await entries(staff.hq, 'staff_assign', clerk.staffId)).toEqual([]);

    const move = { role: 'manager', storeId: 'xuhui' } as const;
    expect((await client.call(routes.adminStaffUpdate, { token: staff.hq, params: { staffId: clerk.staffId }, body: move })).status).toBe(200);
    // The same assignment again changes nothing, and writes nothing.
    expect((await client.call(routes.adminStaffUpdate, { token: staff.hq, params: { staffId: clerk.staffId }, body: move })).status).toBe(200);
    const details = { fromRole: 'clerk', fromStoreId: 'jingan', toRole: 'manager', toStoreId: 'xuhui' };
    expect(await entries(staff.managerA, 'staff_assign', clerk.staffId)).toEqual([
      expect.objectContaining({ storeId: 'jingan', staffRole: 'hq', details: expect.objectContaining(details) }),
    ]);
    expect(await entries(staff.managerB, 'staff_assign', clerk.staffId)).toEqual([
      expect.objectContaining({ storeId: 'xuhui', staffRole: 'hq', details: expect.objectContaining(details) }),
    ]);
    expect((await entries(staff.hq, 'staff_assign', clerk.staffId)).map((e) => e.storeId).sort()).toEqual(['jingan', 'xuhui']);

    // A role change within one store is filed once, under that store.
    expect((await client.call(routes.adminStaffUpdate, { token: staff.hq, params: { staffId: clerk.staffId }, body: { role: 'clerk', storeId: 'xuhui' } })).status).toBe(200);
    const inXuhui = await entries(staff.hq, 'staff_assign', clerk.staffId, 'xuhui');
    expect(inXuhui.map((e) => [e.details?.fromRole, e.details?.toRole])).toEqual([
      ['manager', 'clerk'],
      ['clerk', 'manager'],
    ]);
    expect(await entries(staff.hq, 'staff_assign', clerk.staffId, 'jingan')).toHaveLength(1);
  });

  it('writes one staff_disable and one staff_enable, none for a repeat, and none when a manager touches another store’s staff', async () => {
    const clerk = await newClerk();
    const refused = await setStatus(staff.managerB, clerk.staffId, 'disabled');
    expect([refused.status, refused.body.error.code]).toEqual([403, 'other_store']);
    expect(await entries(staff.hq, 'staff_disable', clerk.staffId)).toEqual([]);

    for (let i = 0; i < 2; i++) expect((await setStatus(staff.managerA, clerk.staffId, 'disabled')).status).toBe(200);
    const disabled = await entries(staff.managerA, 'staff_disable', clerk.staffId);
    expect(disabled).toEqual([expect.objectContaining({ storeId: 'jingan', staffRole: 'manager', details: expect.objectContaining({ role: 'clerk' }) })]);

    expect((await setStatus(staff.managerB, clerk.staffId, 'active')).status).toBe(403);
    expect(await entries(staff.hq, 'staff_enable', clerk.staffId)).toEqual([]);
    for (let i = 0; i < 2; i++) expect((await setStatus(staff.hq, clerk.staffId, 'active')).status).toBe(200);
    expect(await entries(staff.managerA, 'staff_enable', clerk.staffId)).toEqual([expect.objectContaining({ storeId: 'jingan', staffRole: 'hq' })]);
    expect(await entries(staff.hq, 'staff_disable', clerk.staffId)).toEqual(disabled);
    expect(await entries(staff.managerB, 'staff_disable', clerk.staffId)).toEqual([]);
  });
});
