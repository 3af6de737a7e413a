/**
 * A page's write: one at a time, with an Idempotency-Key per intent (lib/idempotency-keys.ts), a
 * busy state and the failure as Chinese text, with 重试 when the write may be sent again.
 *
 *   const claim = useSubmit('claim', (key, templateId: string) => claimCoupon(templateId, key));
 *   const outcome = await claim.submit(offer.id);          // a tap
 *   if (outcome.ok) …; else if (!outcome.busy) …           // a refusal: outcome.code
 *   claim.running?.[0] === offer.id  → '领取中…'
 *   claim.error?.retryable → <Button onClick={claim.retry}>重试</Button>   (the same key again)
 */
import { useCallback, useRef, useState } from 'react';
import { ApiError, messageOf } from '../api/errors';
import { keyFor, settle } from './idempotency-keys';

export interface SubmitError<A> {
  /** Chinese text for the user. */
  message: string;
  /** The API's error code ('sold_out', 'slot_full'…), null for a failure without one. */
  code: string | null;
  /** No definite answer (network, timeout, 503, busy): `retry` sends the same key and body. */
  retryable: boolean;
  /** The arguments of the write that failed (which offer, which booking). */
  args: A;
}

export type Outcome<R> =
  | { ok: true; value: R }
  /** `busy`: not sent, another write of this hook is in flight. */
  | { ok: false; busy: boolean; code: string | null; retryable: boolean; message: string };

export interface Submit<A extends unknown[], R> {
  /** A new tap: sends the write; the key is the intent's kept one if it has no definite answer yet. */
  submit: (...args: A) => Promise<Outcome<R>>;
  /** 重试 of the last failure: the same arguments, so the same key. */
  retry: () => Promise<Outcome<R>>;
  /** The arguments of the write in flight, or null. */
  running: A | null;
  busy: boolean;
  error: SubmitError<A> | null;
  clearError: () => void;
}

/**
 * `name` names the write across the app ('claim', 'cancel-booking'): with the arguments it makes
 * the intent whose key is kept. `send` gets the key first, then the arguments; they must be JSON.
 */
export function useSubmit<A extends unknown[], R>(name: string, send: (idempotencyKey: string, ...args: A) => Promise<R>): Submit<A, R> {
  const [running, setRunning] = useState<A | null>(null);
  const [error, setError] = useState<SubmitError<A> | null>(null);
  const inFlight = useRef(false);
  const latest = useRef(send);
  latest.current = send;
  const lastFailure = useRef<SubmitError<A> | null>(null);

  const submit = useCallback(
    async (...args: A): Promise<Outcome<R>> => {
      if (inFlight.current) return { ok: false, busy: true, code: null, retryable: false, message: '' };
      inFlight.current = true;
      const intent = `${name}:${JSON.stringify(args)}`;
      setRunning(args);
      setError(null);
      lastFailure.current = null;
      try {
        const value = await latest.current(keyFor(intent), ...args);
        settle(intent);
        return { ok: true, value };
      } catch (err) {
        const apiError = err instanceof ApiError ? err : null;
        const retryable = apiError?.retryable ?? false;
        // A definite refusal settles the intent; a lost answer keeps its key for 重试.
        if (!retryable) settle(intent);
        const failure: SubmitError<A> = { message: messageOf(err), code: apiError?.code ?? null, retryable, args };
        lastFailure.current = failure;
        setError(failure);
        return { ok: false, busy: false, code: failure.code, retryable, message: failure.message };
      } finally {
        inFlight.current = false;
        setRunning(null);
      }
    },
    [name],
  );

  const retry = useCallback(async (): Promise<Outcome<R>> => {
    const failed = lastFailure.current;
    if (!failed) return { ok: false, busy: false, code: null, retryable: false, message: '' };
    return submit(...failed.args);
  }, [submit]);

  const clearError = useCallback(() => {
    lastFailure.current = null;
    setError(null);
  }, []);

  return { submit, retry, running, busy: running !== null, error, clearError };
}
