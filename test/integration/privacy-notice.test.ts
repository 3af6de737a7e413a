import { randomUUID } from 'node:crypto';
import { routes } from '../../shared/contract/routes';
import { PERSONAL_FIELDS } from '../../shared/privacy/fields';
import { PRIVACY_NOTICE_VERSION } from '../../shared/privacy/notice';
import { requireConsent } from '../../functions/domain/consent';
import { keys } from '../../functions/store/keys';
import { memberIdByOpenid, getMember, memberIdByMemberNo, memberIdByPhone } from '../../functions/store/members';
import { PENDING_MEMBER_SECONDS } from '../../functions/store/pending-members';
import { getItem, partitionItems, updateItem } from '../../functions/store/query';
import type { DashboardResponse } from '../../shared/schemas/dashboard';
import { checkout, login, receipt, scan, useStack } from './fixtures';

const { client, staff } = useStack('clerkA', 'hq');

const newOpenid = () => `privacy-${randomUUID()}`;
const consent = (token: string, body: unknown) => client.call(routes.meConsent, { token, body: body as { version: string } });

afterEach(() => {
  delete process.env.TONGKA_PRIVACY_NOTICE_VERSION;
});

describe('the privacy notice', () => {
  it('is served to anyone, generated from the registry: version, Chinese sections and every personal field', async () => {
    const notice = await client.ok(routes.privacyNotice);
    expect(notice.version).toBe(PRIVACY_NOTICE_VERSION);
    expect(notice.sections.length).toBeGreaterThan(5);
    expect(notice.sections[0]!.title).toBe('引言');
    expect(notice.fields.map((f) => f.id)).toEqual(PERSONAL_FIELDS.map((f) => f.id));
    const phone = notice.fields.find((f) => f.id === 'phone')!;
    expect(phone).toMatchObject({ name: '手机号', seenBy: ['本人', '店员（脱敏）', '店长', '总部'], retention: '会员存续期间；注销会员后删除' });
  });

  it('says what deletion keeps of the ledger, the member number and the rating follow-ups: pseudonymized, not deleted', async () => {
    const { fields } = await client.ok(routes.privacyNotice);
    const kept = '会员存续期间；注销会员后去标识化保留（供门店对账，不再与您本人关联）';
    for (const id of ['ledger', 'member_identity', 'ratings']) expect(`${id}: ${fields.find((f) => f.id === id)!.retention}`).toBe(`${id}: ${kept}`);
    expect(fields.find((f) => f.id === 'wechat_openid')!.purpose).toContain('不同意');
  });
});

describe('consent', () => {
  it('is asked of a new member at first login: nothing agreed yet', async () => {
    const first = await login(client, newOpenid(), { agree: false });
    expect(first.privacy).toEqual({ noticeVersion: PRIVACY_NOTICE_VERSION, agreedVersion: null });
  });

  it('records the version and the time on the member’s profile, and the next login reports it agreed', async () => {
    const openid = newOpenid();
    const { token } = await login(client, openid, { agree: false });
    const before = Date.now();
    const res = await consent(token, { version: PRIVACY_NOTICE_VERSION });
    expect(res.status).toBe(200);
    expect(res.body.agreedVersion).toBe(PRIVACY_NOTICE_VERSION);
    expect(res.body.agreedAt).toMatch(/\+08:00$/);
    expect(Date.parse(res.body.agreedAt)).toBeGreaterThanOrEqual(before - 1000);

    const stored = (await getMember((await memberIdByOpenid(openid))!)) as unknown as Record<string, unknown>;
    expect(stored).toMatchObject({ privacyVersion: PRIVACY_NOTICE_VERSION, privacyAgreedAt: res.body.agreedAt });
    expect((await login(client, openid, { agree: false })).privacy).toEqual({ noticeVersion: PRIVACY_NOTICE_VERSION, agreedVersion: PRIVACY_NOTICE_VERSION });
  });

  it('refuses a version that is not the one in force (409 privacy_notice_outdated) and records nothing', async () => {
    const openid = newOpenid();
    const { token } = await login(client, openid, { agree: false });
    const res = await consent(token, { version: '2020-01-01' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('privacy_notice_outdated');
    expect((await login(client, openid, { agree: false })).privacy.agreedVersion).toBeNull();
  });

  it('is asked again after the notice’s version changes, and only the new version is then accepted', async () => {
    const openid = newOpenid();
    const { token } = await login(client, openid, { agree: false });
    await client.ok(routes.meConsent, { token, body: { version: PRIVACY_NOTICE_VERSION } });

    process.env.TONGKA_PRIVACY_NOTICE_VERSION = `${PRIVACY_NOTICE_VERSION}.2`;
    const again = await login(client, openid, { agree: false });
    expect(again.privacy).toEqual({ noticeVersion: `${PRIVACY_NOTICE_VERSION}.2`, agreedVersion: PRIVACY_NOTICE_VERSION });
    expect((await client.ok(routes.privacyNotice)).version).toBe(`${PRIVACY_NOTICE_VERSION}.2`);

    const stale = await consent(again.token, { version: PRIVACY_NOTICE_VERSION });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('privacy_notice_outdated');
    await client.ok(routes.meConsent, { token: again.token, body: { version: `${PRIVACY_NOTICE_VERSION}.2` } });
    expect((await login(client, openid, { agree: false })).privacy.agreedVersion).toBe(`${PRIVACY_NOTICE_VERSION}.2`);
  });

  it.each([
    ['a missing version', {}],
    ['an empty version', { version: '' }],
    ['a version that is not a string', { version: 20261130 }],
  ])('answers %s with 400 naming the field', async (_, body) => {
    const { token } = await login(client, newOpenid(), { agree: false });
    const res = await consent(token, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_error');
    expect(res.body.error.details?.map((d) => d.field)).toContain('version');
  });

  it('is what requireConsent checks before a write that collects personal data: 403 consent_required until agreed', async () => {
    const openid = newOpenid();
    const { token } = await login(client, openid, { agree: false });
    const memberId = (await memberIdByOpenid(openid))!;
    const before = (await getMember(memberId))!;
    expect(() => requireConsent(before)).toThrow(expect.objectContaining({ code: 'consent_required', statusCode: 403 }));
    await client.ok(routes.meConsent, { token, body: { version: PRIVACY_NOTICE_VERSION } });
    const after = (await getMember(memberId))!;
    expect(() => requireConsent(after)).not.toThrow();
  });

  it('needs a signed-in member', async () => {
    const res = await client.call(routes.meConsent, { body: { version: PRIVACY_NOTICE_VERSION } });
    expect(res.status).toBe(401);
  });
});

describe('retention', () => {
  it('gives a purchase in the member’s visit history a TTL of three years', async () => {
    const openid = newOpenid();
    const { token } = await login(client, openid);
    const visit = await scan(client, token, staff.clerkA);
    expect((await checkout(client, staff.clerkA, visit.visitId, { receiptNo: receipt('PRV'), amountFen: 3_000 })).status).toBe(200);
    const items = await partitionItems<{ at: string; ttl?: number }>(keys.memberPartition((await memberIdByOpenid(openid))!), 'VISIT#');
    expect(items).toHaveLength(1);
    const years = (items[0]!.ttl! - Date.parse(items[0]!.at) / 1000) / (366 * 24 * 3600);
    expect(years).toBeCloseTo(3, 5);
  });
});

const decline = (token: string | undefined) => client.call(routes.meConsentDecline, { token });
const newMembersToday = async () => {
  const view: DashboardResponse = await client.ok(routes.adminDashboard, { token: staff.hq, query: { period: 'day' } });
  return view.scopes.find((s) => s.storeId === null)!.figures.newMembers;
};

describe('a first login the member declines (不同意)', () => {
  it('leaves no member behind: no profile, no openid mapping, no member number, and its session stops working', async () => {
    const openid = newOpenid();
    const first = await login(client, openid, { agree: false });
    const memberId = (await memberIdByOpenid(openid))!;
    const memberNo = first.member.memberNo;

    const res = await decline(first.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ deleted: true });

    expect(await getMember(memberId)).toBeUndefined();
    expect(await memberIdByOpenid(openid)).toBeUndefined();
    expect(await memberIdByMemberNo(memberNo)).toBeUndefined();
    expect(await partitionItems(keys.memberPartition(memberId))).toEqual([]);
    expect((await client.call(routes.meCard, { token: first.token })).status).toBe(404);
    // Declining again with the old session: nothing left to delete, the same answer of no account.
    expect((await decline(first.token)).body).toEqual({ deleted: false });
  });

  it('is followed, at the next login, by a fresh member with a new number who is shown the notice again', async () => {
    const openid = newOpenid();
    const first = await login(client, openid, { agree: false });
    const firstId = (await memberIdByOpenid(openid))!;
    await client.ok(routes.meConsentDecline, { token: first.token });

    const again = await login(client, openid, { agree: false });
    expect(again.privacy).toEqual({ noticeVersion: PRIVACY_NOTICE_VERSION, agreedVersion: null });
    expect(again.member.memberNo).not.toBe(first.member.memberNo);
    expect(await memberIdByOpenid(openid)).not.toBe(firstId);
    await client.ok(routes.meConsent, { token: again.token, body: { version: PRIVACY_NOTICE_VERSION } });
    expect((await client.ok(routes.meCard, { token: again.token })).memberNo).toBe(again.member.memberNo);
  });

  it('never deletes a member who agreed (409 privacy_agreed), even when a newer notice is declined', async () => {
    const openid = newOpenid();
    const { token } = await login(client, openid);
    const memberId = (await memberIdByOpenid(openid))!;
    const res = await decline(token);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('privacy_agreed');

    process.env.TONGKA_PRIVACY_NOTICE_VERSION = `${PRIVACY_NOTICE_VERSION}.2`;
    const newer = await decline(token);
    expect(newer.status).toBe(409);
    expect(await memberIdByOpenid(openid)).toBe(memberId);
    expect(await getMember(memberId)).toMatchObject({ privacyVersion: PRIVACY_NOTICE_VERSION });
  });

  it('does not touch a walk-in registered at the counter (no TTL)', async () => {
    const phone = `139${String(Date.now()).slice(-8)}`;
    const res = await client.call(routes.staffPhoneVisit, { token: staff.clerkA, body: { phone } });
    expect(res.status).toBe(201);
    const walkIn = (await getMember((await memberIdByPhone(phone))!))! as unknown as Record<string, unknown>;
    expect(walkIn.ttl).toBeUndefined();
  });

  it('needs a signed-in member', async () => {
    expect((await decline(undefined)).status).toBe(401);
  });
});

describe('a first login not yet agreed to', () => {
  it('expires by itself: its profile and claims carry a 24-hour TTL, which agreeing removes', async () => {
    const openid = newOpenid();
    const before = Math.floor(Date.now() / 1000);
    const { token, member } = await login(client, openid, { agree: false });
    const memberId = (await memberIdByOpenid(openid))!;
    const ttls = async () =>
      Promise.all([keys.member(memberId), keys.wechatIdentity(openid), keys.memberNo(member.memberNo)].map(async (key) => (await getItem<{ ttl?: number }>(key))?.ttl));
    for (const ttl of await ttls()) expect(ttl! - before).toBeGreaterThanOrEqual(PENDING_MEMBER_SECONDS - 5);
    for (const ttl of await ttls()) expect(ttl! - before).toBeLessThanOrEqual(PENDING_MEMBER_SECONDS + 5);

    await client.ok(routes.meConsent, { token, body: { version: PRIVACY_NOTICE_VERSION } });
    expect(await ttls()).toEqual([undefined, undefined, undefined]);
  });

  it('is replaced by a fresh member when its TTL has passed and DynamoDB has not removed it yet', async () => {
    const openid = newOpenid();
    const first = await login(client, openid, { agree: false });
    const firstId = (await memberIdByOpenid(openid))!;
    await updateItem({
      Key: keys.member(firstId),
      UpdateExpression: 'SET #ttl = :past',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 1 },
    });

    const again = await login(client, openid, { agree: false });
    expect(again.member.memberNo).not.toBe(first.member.memberNo);
    expect(again.privacy.agreedVersion).toBeNull();
    expect(await getMember(firstId)).toBeUndefined();
    expect(await memberIdByMemberNo(first.member.memberNo)).toBeUndefined();
  });

  it('is replaced by a fresh member when the TTL took its profile before its openid claim', async () => {
    const openid = newOpenid();
    await login(client, openid, { agree: false });
    const firstId = (await memberIdByOpenid(openid))!;
    const { deleteItem } = await import('../../functions/store/query');
    await deleteItem(keys.member(firstId));

    const again = await login(client, openid, { agree: false });
    expect(await memberIdByOpenid(openid)).not.toBe(firstId);
    expect(again.privacy.agreedVersion).toBeNull();
  });

  it('cannot agree once the TTL took a claim before the profile: 401 token_expired, nothing welcomed, the profile left to expire', async () => {
    const openid = newOpenid();
    const first = await login(client, openid, { agree: false });
    const memberId = (await memberIdByOpenid(openid))!;
    const { deleteItem } = await import('../../functions/store/query');
    await deleteItem(keys.wechatIdentity(openid));

    const res = await consent(first.token, { version: PRIVACY_NOTICE_VERSION });
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('token_expired');
    const member = (await getMember(memberId))! as unknown as Record<string, unknown>;
    expect(member.ttl).toBeDefined();
    expect(member.privacyVersion).toBeUndefined();
    expect((await partitionItems<{ sk: string }>(keys.memberPartition(memberId))).filter((i) => i.sk.startsWith('COUPON#'))).toEqual([]);
  });

  it('is counted among the chain’s new members and welcomed only when it agrees; a declined one never is', async () => {
    const start = await newMembersToday();
    const declined = await login(client, newOpenid(), { agree: false });
    const pending = await login(client, newOpenid(), { agree: false });
    expect(await newMembersToday()).toBe(start);
    expect((await client.call(routes.meCode, { token: pending.token })).body.error?.code).toBe('consent_required');

    await client.ok(routes.meConsentDecline, { token: declined.token });
    await client.ok(routes.meConsent, { token: pending.token, body: { version: PRIVACY_NOTICE_VERSION } });
    expect(await newMembersToday()).toBe(start + 1);
    const coupons = await client.ok(routes.meCoupons, { token: pending.token, query: { status: 'available' } });
    expect(coupons.items.filter((c) => c.source === 'welcome').length).toBeGreaterThan(0);
    expect((await client.call(routes.meCode, { token: pending.token })).status).toBe(200);
  });

  it('claims no coupon before agreeing (403 consent_required, no stock taken), so declining still leaves nothing; after agreeing the claim works', async () => {
    const openid = newOpenid();
    const pending = await login(client, openid, { agree: false });
    const free = (await client.ok(routes.couponsClaimable, { token: pending.token })).items.find(
      (t) => t.blockedBy === null && t.pointsCost === null && t.remaining !== null,
    )!;
    const claim = (idempotencyKey: string) => client.call(routes.couponsClaim, { token: pending.token, params: { templateId: free.id }, idempotencyKey });

    const refused = await claim(randomUUID());
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('consent_required');
    const after = (await client.ok(routes.couponsClaimable, { token: pending.token })).items.find((t) => t.id === free.id)!;
    expect(after.remaining).toBe(free.remaining);
    const memberId = (await memberIdByOpenid(openid))!;
    expect((await partitionItems<{ sk: string }>(keys.memberPartition(memberId))).filter((i) => i.sk.startsWith('COUPON#'))).toEqual([]);

    await client.ok(routes.meConsent, { token: pending.token, body: { version: PRIVACY_NOTICE_VERSION } });
    expect((await claim(randomUUID())).status).toBe(201);
  });
});
