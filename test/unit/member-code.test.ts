process.env.TONGKA_MEMBER_CODE_SECRET = 'unit-test-member-code-secret-0123456789';

import { issueMemberCode, readMemberCode, WINDOW_MS } from '../../functions/domain/member-code';

const T = Date.parse('2026-11-23T08:00:10Z');

describe('the rotating member code', () => {
  it('reads back the member number from the QR text and from the 16 digits', () => {
    const code = issueMemberCode('10000042', T);
    expect(code.digits).toMatch(/^10000042\d{8}$/);
    expect(readMemberCode(code.qr, T)).toBe('10000042');
    expect(readMemberCode(code.digits, T)).toBe('10000042');
    expect(readMemberCode(code.digits.replace(/(\d{4})/g, '$1 '), T)).toBe('10000042');
  });

  it('refreshes a window before it expires, and lives at most 2 minutes', () => {
    const code = issueMemberCode('10000042', T);
    expect(code.refreshAt).toBeGreaterThan(T);
    expect(code.refreshAt).toBeLessThan(code.expiresAt);
    expect(code.expiresAt - T).toBeLessThanOrEqual(2 * WINDOW_MS);
    expect(code.expiresAt - T).toBeGreaterThan(WINDOW_MS);
  });

  it('is still accepted a minute later, and refused once expired', () => {
    const code = issueMemberCode('10000042', T);
    expect(readMemberCode(code.qr, T + WINDOW_MS)).toBe('10000042');
    expect(() => readMemberCode(code.qr, code.expiresAt)).toThrow(/invalid or has expired/);
    expect(() => readMemberCode(code.digits, code.expiresAt)).toThrow(/invalid or has expired/);
  });

  it('refuses a forged signature or another member number under the same signature', () => {
    const code = issueMemberCode('10000042', T);
    const forgedDigits = `10000043${code.digits.slice(8)}`;
    expect(() => readMemberCode(forgedDigits, T)).toThrow();
    const forgedQr = code.qr.replace('10000042', '10000043');
    expect(() => readMemberCode(forgedQr, T)).toThrow();
    expect(() => readMemberCode('TK1.10000042.1.AAAAAAAAAAAAAAAAAAAAAA', T)).toThrow();
    expect(() => readMemberCode('hello', T)).toThrow();
  });
});
