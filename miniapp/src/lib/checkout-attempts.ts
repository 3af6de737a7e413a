/**
 * Idempotency keys for bills at the counter. A key is made once per bill attempt and kept until
 * the server answers; tapping 重试 after a network failure sends the very same key and body, so a
 * bill that did reach the server is answered with its first result instead of being applied twice.
 * Changing the bill (amount, receipt, points, coupons) makes it another attempt with a new key; the
 * server's per-store receipt claim still stops the same receipt from earning twice.
 */
import type { CheckoutRequest } from '../../../shared/api';

interface Attempt {
  signature: string;
  key: string;
}

const attempts = new Map<string, Attempt>();

function signatureOf(bill: CheckoutRequest): string {
  return JSON.stringify([bill.receiptNo, bill.amountFen, bill.redeemPoints ?? 0, bill.couponIds ?? []]);
}

function randomPart(): string {
  return Math.floor(Math.random() * 0x100000000)
    .toString(36)
    .padStart(7, '0');
}

export function newIdempotencyKey(): string {
  return `tk-${Date.now().toString(36)}-${randomPart()}${randomPart()}`;
}

/** The key for this bill at this visit: the pending attempt's key if the bill is unchanged. */
export function keyForBill(visitId: string, bill: CheckoutRequest): string {
  const signature = signatureOf(bill);
  const pending = attempts.get(visitId);
  if (pending && pending.signature === signature) return pending.key;
  const attempt = { signature, key: newIdempotencyKey() };
  attempts.set(visitId, attempt);
  return attempt.key;
}

/** The server gave a definite answer (success or a business rule): the next bill is a new attempt. */
export function settleAttempt(visitId: string): void {
  attempts.delete(visitId);
}
