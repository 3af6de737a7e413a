import { keys } from './keys';
import { getItem } from './query';
import { putItemTx, type LabeledItem } from './transactions';

/** How long a key is remembered: far longer than any retry of a counter bill. */
const KEEP_SECONDS = 24 * 3600;

export interface IdempotencyRecord {
  requestHash: string;
  statusCode: number;
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
