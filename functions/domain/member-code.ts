import { createHmac, timingSafeEqual } from 'node:crypto';
import { config } from '../lib/config';
import { BusinessRuleError } from '../lib/errors';

/**
 * The rotating member code (README § Member code). The server signs (member number, minute
 * window); a code is accepted in its own window and the next, so it lives 60–120 s and a screenshot
 * cannot be replayed later. Two forms carry the same signature: the QR text and 16 digits
 * (8-digit member number + 8 signature digits) for typing at the counter.
 */
export const WINDOW_MS = 60_000;
const ACCEPTED_WINDOWS = 2;
const QR_PREFIX = 'TK1';

function signature(memberNo: string, window: number): Buffer {
  return createHmac('sha256', config.memberCodeSecret).update(`${memberNo}.${window}`).digest();
}

function signatureDigits(sig: Buffer): string {
  return String(sig.readUInt32BE(0) % 100_000_000).padStart(8, '0');
}

function qrSignature(sig: Buffer): string {
  return sig.subarray(0, 16).toString('base64url');
}

export interface IssuedMemberCode {
  qr: string;
  digits: string;
  /** The code stops working at this instant. */
  expiresAt: number;
  /** The app fetches a new code here, a full window before expiry. */
  refreshAt: number;
}

export function issueMemberCode(memberNo: string, now = Date.now()): IssuedMemberCode {
  const window = Math.floor(now / WINDOW_MS);
  const sig = signature(memberNo, window);
  return {
    qr: `${QR_PREFIX}.${memberNo}.${window}.${qrSignature(sig)}`,
    digits: `${memberNo}${signatureDigits(sig)}`,
    expiresAt: (window + ACCEPTED_WINDOWS) * WINDOW_MS,
    refreshAt: (window + 1) * WINDOW_MS,
  };
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const invalid = () =>
  new BusinessRuleError('member_code_invalid', 'The member code is invalid or has expired; ask the member to refresh it', [
    { field: 'code', message: 'invalid or expired member code' },
  ]);

/** The member number behind a scanned or typed code, if the code is genuine and current. */
export function readMemberCode(code: string, now = Date.now()): string {
  const current = Math.floor(now / WINDOW_MS);
  const windows = Array.from({ length: ACCEPTED_WINDOWS }, (_, i) => current - i);
  const trimmed = code.trim();

  const qr = trimmed.match(/^TK1\.(\d{8})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/);
  if (qr) {
    const [, memberNo, windowText, sig] = qr as unknown as [string, string, string, string];
    const window = Number(windowText);
    if (windows.includes(window) && same(sig, qrSignature(signature(memberNo, window)))) return memberNo;
    throw invalid();
  }

  const digits = trimmed.replace(/[\s-]/g, '');
  if (/^\d{16}$/.test(digits)) {
    const memberNo = digits.slice(0, 8);
    const typed = digits.slice(8);
    if (windows.some((w) => same(typed, signatureDigits(signature(memberNo, w))))) return memberNo;
    throw invalid();
  }
  throw invalid();
}
