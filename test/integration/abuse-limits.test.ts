/**
 * Abuse limits (README § Abuse limits): sign-ins and member codes per member, scans and invalid
 * codes per staff member. Past a limit: 429 rate_limited with Retry-After, and nothing happens.
 */
import { randomUUID } from 'node:crypto';
import { routes } from '../../shared/contract/routes';
import { tokenOf, useStack } from './fixtures';

const { client, staff } = useStack('clerkA', 'clerkB', 'managerB');

function withLimit(name: string, value: number): () => void {
  process.env[name] = String(value);
  return () => delete process.env[name];
}

function expectLimited(res: { status: number; body: { error?: { code: string } }; headers: Headers }, maxSeconds: number): void {
  expect(res.status).toBe(429);
  expect(res.body.error?.code).toBe('rate_limited');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
}

it('limits sign-ins per WeChat user per hour; another user signs in', async () => {
  const restore = withLimit('TONGKA_LOGINS_PER_HOUR', 3);
  try {
    const openid = `abuse-login-${randomUUID()}`;
    for (let i = 0; i < 3; i++) expect((await client.call(routes.authWechat, { body: { code: `dev-${openid}` } })).status).toBe(200);
    expectLimited(await client.call(routes.authWechat, { body: { code: `dev-${openid}` } }), 3600);
    expect((await client.call(routes.authWechat, { body: { code: `dev-abuse-other-${randomUUID()}` } })).status).toBe(200);
  } finally {
    restore();
  }
});

it('limits member codes per member per minute', async () => {
  const member = await tokenOf(client, `abuse-code-${randomUUID()}`);
  const restore = withLimit('TONGKA_CODES_PER_MINUTE', 2);
  try {
    // The window is the minute: if this one is about to end, start in the next, so the three fall in one.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
    for (let i = 0; i < 2; i++) expect((await client.call(routes.meCode, { token: member })).status).toBe(200);
    expectLimited(await client.call(routes.meCode, { token: member }), 60);
  } finally {
    restore();
  }
}, 90_000);

it('limits scans per staff member per hour: past it no visit opens', async () => {
  const restore = withLimit('TONGKA_SCANS_PER_HOUR', 2);
  try {
    const scanOnce = async () => {
      const member = await tokenOf(client, `abuse-scan-${randomUUID()}`);
      const code = await client.ok(routes.meCode, { token: member });
      return client.call(routes.staffOpenVisit, { token: staff.clerkA, body: { code: code.digits } });
    };
    for (let i = 0; i < 2; i++) expect((await scanOnce()).status).toBe(201);
    expectLimited(await scanOnce(), 3600);
  } finally {
    restore();
  }
});

it('pauses a staff member’s scanning for the hour after too many invalid codes — a valid code included, which stops guessing', async () => {
  const restore = withLimit('TONGKA_INVALID_SCANS_PER_HOUR', 3);
  try {
    const member = await tokenOf(client, `abuse-guess-${randomUUID()}`);
    const code = await client.ok(routes.meCode, { token: member });
    const guess = `${code.digits.slice(0, 8)}${String((Number(code.digits.slice(8)) + 1) % 100_000_000).padStart(8, '0')}`;
    for (let i = 0; i < 3; i++) {
      const wrong = await client.call(routes.staffOpenVisit, { token: staff.clerkB, body: { code: guess } });
      expect([wrong.status, wrong.body.error.code]).toEqual([422, 'member_code_invalid']);
    }
    expectLimited(await client.call(routes.staffOpenVisit, { token: staff.clerkB, body: { code: guess } }), 3600);
    expectLimited(await client.call(routes.staffOpenVisit, { token: staff.clerkB, body: { code: code.digits } }), 3600);
    // Another staff member is not affected.
    expect((await client.call(routes.staffOpenVisit, { token: staff.managerB, body: { code: code.digits } })).status).toBe(201);
  } finally {
    restore();
  }
});
