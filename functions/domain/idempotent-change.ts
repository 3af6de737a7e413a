import { createHash } from 'node:crypto';
import { BusinessRuleError, RetryableError } from '../lib/errors';
import { getIdempotencyRecord, idempotencyPutItem } from '../store/idempotency';
import { runTransaction, type LabeledItem } from '../store/transactions';

/** A prepared change: the items to write together and the response they produce. */
export interface PlannedChange<R> {
  items: LabeledItem[];
  response: R;
  /** Throws the business error a failed condition means (e.g. receipt taken); returns to retry. */
  onConditionFailed(failed: string[]): void;
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
    const earlier = await replay();
    if (earlier !== undefined) return earlier;

    let planned: PlannedChange<R>;
    try {
      planned = await change.plan();
    } catch (refusal) {
      // A duplicate that planned just after the first request committed sees the state that request
      // made ("already cancelled", "coupon used"): it must answer with the first response instead.
      const first = await replay();
      if (first !== undefined) return first;
      throw refusal;
    }
    const record = { requestHash, statusCode: 200, response: JSON.stringify(planned.response) };
    const outcome = await runTransaction([...planned.items, idempotencyPutItem(change.scope, change.key, record, now())]);
    if (outcome.ok) return planned.response;

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
