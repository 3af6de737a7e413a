/**
 * Idempotency keys for one-tap writes (claim, exchange, create a template): each tap makes a key;
 * 重试 after a lost answer or a "busy" sends the very same key, so a write that did reach the
 * server answers with its first result instead of happening twice. A definite answer (success or
 * a business rule) settles the action, and the next tap is a new one.
 */
import { newIdempotencyKey } from './checkout-attempts';

export class TapKeys {
  private readonly pending = new Map<string, string>();

  /** A new tap on `action`: a fresh key, kept until the action settles. */
  tap(action: string): string {
    const key = newIdempotencyKey();
    this.pending.set(action, key);
    return key;
  }

  /** 重试 of `action`: the key of the tap that got no definite answer (a fresh one if none). */
  retry(action: string): string {
    return this.pending.get(action) ?? this.tap(action);
  }

  /** Whether `action` is waiting for a retry (its key is kept). */
  has(action: string): boolean {
    return this.pending.has(action);
  }

  settle(action: string): void {
    this.pending.delete(action);
  }
}
