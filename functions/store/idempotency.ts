import { keys } from './keys';
import { deleteItem, getItem, putItem } from './query';
import { putItemTx, type LabeledItem } from './transactions';

/** How long a key is remembered: far longer than any retry of a counter bill. */
const KEEP_SECONDS = 24 * 3600;

export interface IdempotencyRecord {
  requestHash: string;
  /** 202: a lease, the request is still being worked on (`leasedAt`). */
  statusCode: number;
  leasedAt?: number;
  /** The JSON response the first request answered, replayed verbatim. */
  response: string;
}

export const getIdempotencyRecord = (scope: string, key: string) => getItem<IdempotencyRecord>(keys.idempotency(scope, key));

/**
 * The idempotency record is written in the same transaction as the change it guards, so a key is
 * either unused or bound to a finished change and its response — there is no half-done state.
 */
export function idempotencyPutItem(scope: string, key: string, record: IdempotencyRecord, now: number): LabeledItem {
  return putItemTx('idempotency', { ...keys.idempotency(scope, key), ...record, ttl: Math.floor(now / 1000) + KEEP_SECONDS }, 'new');
}

/**
 * A key's record while one request works on it (a single call to WeChat with a one-time code):
 * taken only while absent, or while the last holder's lease is older than `staleBefore` (it died).
 */
export function idempotencyLeaseItem(scope: string, key: string, requestHash: string, leasedAt: number, staleBefore: number): LabeledItem {
  return putItemTx(
    'lease',
    { ...keys.idempotency(scope, key), requestHash, statusCode: 202, response: JSON.stringify({ pending: true }), leasedAt, ttl: Math.floor(leasedAt / 1000) + KEEP_SECONDS },
    {
      ConditionExpression: 'attribute_not_exists(pk) OR (statusCode = :pending AND leasedAt < :stale)',
      ExpressionAttributeValues: { ':pending': 202, ':stale': staleBefore },
    },
  );
}

/** The work's outcome replaces the lease: its answer, or (if it failed) nothing, so the key can be tried again. */
export async function settleLease(scope: string, key: string, record: IdempotencyRecord | null, now: number): Promise<void> {
  if (record) await putItem(keys.idempotency(scope, key), { ...record, ttl: Math.floor(now / 1000) + KEEP_SECONDS });
  else await deleteItem(keys.idempotency(scope, key));
}
