import { createHash } from 'node:crypto';
import { BusinessRuleError, RetryableError } from '../lib/errors';
import { getIdempotencyRecord, idempotencyLeaseItem, idempotencyPutItem, settleLease } from '../store/idempotency';
import { runTransaction, type LabeledItem } from '../store/transactions';

/** A prepared change: the items to write together and the response they produce. */
export interface PlannedChange<R> {
  items: LabeledItem[];
  response: R;
  /** Throws the business error a failed condition means (e.g. receipt taken); returns to retry. */
  onConditionFailed(failed: string[]): void;
  /** Runs once, after this request's own transaction committed — never on a replay (metrics). */
  onCommitted?(): void;
}

export interface IdempotentChange<R> {
  /** Namespaces the key, e.g. `checkout:<staffId>`: keys are the caller's own. */
  scope: string;
  key: string;
  /** What the request asked for; the same key with another request is refused. */
  request: unknown;
  /** Reads current state and plans the change; called again after contention. */
  plan(): Promise<PlannedChange<R>>;
}

const MAX_ATTEMPTS = 30;

function hashRequest(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('base64url');
}

/** A promise's outcome as a value, so that it can be awaited beside another without an unhandled rejection. */
async function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with full jitter, capped so a burst settles within a few seconds. */
function backoff(attempt: number): Promise<unknown> {
  return sleep(Math.random() * Math.min(250, 8 * 2 ** attempt));
}

/**
 * Applies a change once per idempotency key. The key's record is written in the same transaction
 * as the change, so retries (sequential or concurrent) either replay the stored response or find
 * the key unused; there is no in-flight state to wait on. Optimistic-lock contention retries with
 * backoff; if it does not settle, 503 tells the client to retry with the same key.
 */
export async function applyOnce<R>(change: IdempotentChange<R>, now = Date.now): Promise<R> {
  const requestHash = hashRequest(change.request);
  const replay = async (): Promise<R | undefined> => {
    const existing = await getIdempotencyRecord(change.scope, change.key);
    if (!existing) return undefined;
    if (existing.requestHash !== requestHash) {
      throw new BusinessRuleError('idempotency_key_reused', 'This Idempotency-Key was already used for a different request', [
        { field: 'Idempotency-Key', message: 'already used with another body' },
      ]);
    }
    return JSON.parse(existing.response) as R;
  };

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    // The key's record is read beside the plan's own reads, not before them: one round trip less
    // on every write (README § Sequential depth). A plan is reads only, so a wasted one is harmless.
    const [earlier, planning] = await Promise.all([replay(), settle(change.plan())]);
    if (earlier !== undefined) return earlier;

    if (!planning.ok) {
      // A duplicate that planned just after the first request committed sees the state that request
      // made ("already cancelled", "coupon used"): it must answer with the first response instead.
      const first = await replay();
      if (first !== undefined) return first;
      throw planning.error;
    }
    const planned = planning.value;
    const record = { requestHash, statusCode: 200, response: JSON.stringify(planned.response) };
    const outcome = await runTransaction([...planned.items, idempotencyPutItem(change.scope, change.key, record, now())]);
    if (outcome.ok) {
      planned.onCommitted?.();
      return planned.response;
    }

    const business = outcome.failed.filter((label) => label !== 'idempotency' && label !== 'member');
    if (business.length > 0 && !outcome.failed.includes('idempotency')) {
      // Another request with this key may have won the same claim: replay it if so.
      if (!(await getIdempotencyRecord(change.scope, change.key))) planned.onConditionFailed(business);
    }
    await backoff(attempt);
  }
  throw new RetryableError('busy', 'Too many simultaneous changes to this member; retry with the same Idempotency-Key');
}

/** A staff member's own change, once per their key: the scope is the action and who asks. */
export function applyStaffChangeOnce<R>(action: string, staffId: string, key: string, request: unknown, plan: () => Promise<PlannedChange<R>>): Promise<R> {
  return applyOnce<R>({ scope: `${action}:${staffId}`, key, request, plan });
}

/**
 * For a change made of several writes (a merge, a call to WeChat): the answer a key already has, if
 * any. The change itself must be safe to run twice; the record only makes a retry answer the same.
 */
export async function answerFor<R>(scope: string, key: string, request: unknown): Promise<R | undefined> {
  const existing = await getIdempotencyRecord(scope, key);
  if (!existing) return undefined;
  if (existing.requestHash !== hashRequest(request)) {
    throw new BusinessRuleError('idempotency_key_reused', 'This Idempotency-Key was already used for a different request', [
      { field: 'Idempotency-Key', message: 'already used with another body' },
    ]);
  }
  return JSON.parse(existing.response) as R;
}

/** Keeps the answer of such a change for its key; a concurrent duplicate that kept one first wins. */
export async function rememberAnswer<R>(scope: string, key: string, request: unknown, response: R, now = Date.now()): Promise<R> {
  const record = { requestHash: hashRequest(request), statusCode: 200, response: JSON.stringify(response) };
  const outcome = await runTransaction([idempotencyPutItem(scope, key, record, now)]);
  if (outcome.ok) return response;
  return (await answerFor<R>(scope, key, request)) ?? response;
}

/**
 * Runs `work` once per key even when duplicates arrive together (a WeChat code that works once):
 * the first takes a lease on the key and works; the others wait for its answer. If the work fails,
 * the lease is given up and the error thrown, so a retry with the key tries again; a lease whose
 * holder died is taken over after `LEASE_MS`.
 */
export async function singleFlight<R>(scope: string, key: string, request: unknown, work: () => Promise<R>, now = Date.now): Promise<R> {
  const requestHash = hashRequest(request);
  for (let waited = 0; waited < LEASE_MS; waited += 200) {
    const existing = await getIdempotencyRecord(scope, key);
    if (existing && existing.requestHash !== requestHash) {
      throw new BusinessRuleError('idempotency_key_reused', 'This Idempotency-Key was already used for a different request', [
        { field: 'Idempotency-Key', message: 'already used with another body' },
      ]);
    }
    if (existing && existing.statusCode !== 202) return JSON.parse(existing.response) as R;
    const fresh = existing && (existing.leasedAt ?? 0) >= now() - LEASE_MS;
    if (!fresh && (await runTransaction([idempotencyLeaseItem(scope, key, requestHash, now(), now() - LEASE_MS)])).ok) {
      try {
        const answer = await work();
        await settleLease(scope, key, { requestHash, statusCode: 200, response: JSON.stringify(answer) }, now());
        return answer;
      } catch (error) {
        await settleLease(scope, key, null, now());
        throw error;
      }
    }
    await sleep(200);
  }
  throw new RetryableError('busy', 'The same request is still being answered; retry with the same Idempotency-Key', 1);
}

/** How long a lease holds before another request may take it over (longer than a WeChat call's timeout). */
const LEASE_MS = 8000;
