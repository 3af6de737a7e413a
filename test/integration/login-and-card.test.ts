import { randomUUID } from 'node:crypto';
import { PRIVACY_NOTICE_VERSION } from '../../shared/privacy/notice';
import { login, useStack } from './fixtures';

const { client } = useStack();

describe('signing in with WeChat', () => {
  it('makes a new WeChat user a member on first login, and the same member afterwards', async () => {
    const openid = `first-${randomUUID()}`;
    const first = await login(client, openid);
    expect(first).toEqual({
      token: expect.any(String),
      expiresAt: expect.stringMatching(/\+08:00$/),
      member: { memberNo: expect.stringMatching(/^\d{8}$/), nickname: expect.any(String), tier: 'regular', points: 0 },
      staff: null,
      // No 注销会员 pending (README § Deletion).
      deletion: null,
      // Not agreed to the privacy notice yet: the app shows it before the card (README § Privacy: notice and consent).
      privacy: { noticeVersion: PRIVACY_NOTICE_VERSION, agreedVersion: null },
    });
    const again = await login(client, openid);
    expect(again.member.memberNo).toBe(first.member.memberNo);
    // WeChat's session_key never reaches the client.
    expect(JSON.stringify(first)).not.toMatch(/session_key/);
  });

  it('creates exactly one member when the first login arrives many times at once', async () => {
    const openid = `burst-${randomUUID()}`;
    const logins = await Promise.all(Array.from({ length: 8 }, () => login(client, openid)));
    expect(new Set(logins.map((l) => l.member.memberNo)).size).toBe(1);
  });

  it('returns staff rights for staff accounts', async () => {
    const clerk = await login(client, 'demo-clerk-jingan');
    expect(clerk.staff).toEqual({ staffId: expect.any(String), name: expect.any(String), role: 'clerk', storeId: 'jingan', storeName: '沪上茶点·静安寺店' });
    const hq = await login(client, 'demo-hq-admin');
    expect(hq.staff).toMatchObject({ role: 'hq', storeId: null });
  });
});

describe('the card', () => {
  it('shows tier, points and progress for a seeded member with history across stores', async () => {
    const { token } = await login(client, 'demo-member-wang');
    const res = await client.get('/v1/me/card', { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ nickname: '王小美', tier: 'silver', nextTier: { tier: 'gold', remainingFen: expect.any(Number) } });
    expect(res.body.points).toBeGreaterThan(0);
    expect(res.body.spend365Fen + res.body.nextTier.remainingFen).toBe(300_000);
  });

  it('gives a rotating code that refreshes before it expires', async () => {
    const { token } = await login(client, 'demo-member-wang');
    const res = await client.get('/v1/me/code', { token });
    expect(res.body).toEqual({ qr: expect.stringMatching(/^TK1\./), digits: expect.stringMatching(/^\d{16}$/), expiresAt: expect.any(String), refreshAt: expect.any(String) });
    const ttl = Date.parse(res.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(120_000);
    expect(Date.parse(res.body.refreshAt)).toBeLessThan(Date.parse(res.body.expiresAt));
  });

  it('lists the chain’s stores with opening hours, and the demo accounts on the local stage', async () => {
    const stores = await client.get('/v1/stores');
    expect(stores.body.items.length).toBeGreaterThanOrEqual(3);
    expect(stores.body.items[0]).toMatchObject({ city: '上海市', openingHours: expect.arrayContaining([expect.objectContaining({ weekday: 1 })]) });
    const accounts = await client.get('/v1/dev/accounts');
    const roles = accounts.body.items.map((a: { role: string }) => a.role);
    expect(roles.filter((r: string) => r === 'clerk')).toHaveLength(3);
    expect(roles.filter((r: string) => r === 'manager')).toHaveLength(3);
    expect(roles).toContain('hq');
    expect(roles).toContain('member');
    expect(accounts.body.items[0].code).toMatch(/^dev-/);
  });

  it('refuses the card without a token', async () => {
    const res = await client.get('/v1/me/card');
    expect(res.status).toBe(401);
  });
});
