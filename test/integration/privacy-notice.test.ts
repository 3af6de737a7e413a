import { randomUUID } from 'node:crypto';
import { routes } from '../../shared/contract/routes';
import { PERSONAL_FIELDS } from '../../shared/privacy/fields';
import { PRIVACY_NOTICE_VERSION } from '../../shared/privacy/notice';
import { requireConsent } from '../../functions/domain/consent';
import { keys } from '../../functions/store/keys';
import { memberIdByOpenid, getMember } from '../../functions/store/members';
import { partitionItems } from '../../functions/store/query';
import { checkout, login, receipt, scan, useStack } from './fixtures';

const { client, staff } = useStack('clerkA');

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
    const { token } = await login(client, openid, { agree: false });
    const visit = await scan(client, token, staff.clerkA);
    expect((await checkout(client, staff.clerkA, visit.visitId, { receiptNo: receipt('PRV'), amountFen: 3_000 })).status).toBe(200);
    const items = await partitionItems<{ at: string; ttl?: number }>(keys.memberPartition((await memberIdByOpenid(openid))!), 'VISIT#');
    expect(items).toHaveLength(1);
    const years = (items[0]!.ttl! - Date.parse(items[0]!.at) / 1000) / (366 * 24 * 3600);
    expect(years).toBeCloseTo(3, 5);
  });
});
