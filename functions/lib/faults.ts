/**
 * Failures that are not the request's fault and pass if retried (README § Failing safely): the
 * handler running out of time, DynamoDB throttling, transactions still conflicting after our own
 * retries, DynamoDB (or KMS, or WeChat) unreachable or not answering. They answer 503 with
 * Retry-After — never 500 — and a retry with the same Idempotency-Key completes exactly once,
 * because a write either committed with its idempotency record or did not commit at all.
 */
import { RetryableError } from './errors';

/** DynamoDB's and KMS's "slow down" errors. */
const THROTTLED = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'KMSInternalException',
  'InternalServerError',
  'ServiceUnavailable',
]);
/** A write raced another past our retries: the same request, tried again, goes through. */
const CONFLICT = new Set(['TransactionConflictException', 'TransactionInProgressException']);
/** No answer in time: the SDK's request timeout, an aborted call, middy's early timeout. */
const TIMED_OUT = new Set(['TimeoutError', 'AbortError', 'RequestTimeout', 'RequestTimeoutException']);
/** The connection itself failed. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
  CancellationReasons?: Array<{ Code?: string }>;
}

/** Why the failure is worth retrying, or undefined if it is a bug (a 500). */
export function transientCause(error: unknown): 'timeout' | 'throttled' | 'conflict' | 'unreachable' | undefined {
  for (let current = error as ErrorLike | undefined, depth = 0; current && depth < 4; current = current.cause as ErrorLike | undefined, depth++) {
    const { name = '', code = '', message = '' } = current;
    if (TIMED_OUT.has(name) || /timed? ?out/i.test(message)) return 'timeout';
    if (THROTTLED.has(name)) return 'throttled';
    if (CONFLICT.has(name)) return 'conflict';
    if (name === 'TransactionCanceledException' && current.CancellationReasons?.some((r) => r.Code === 'ThrottlingError' || r.Code === 'TransactionConflict'))
      return 'conflict';
    if (UNREACHABLE.has(code) || UNREACHABLE.has(name) || /socket hang up|connect ECONNREFUSED|other side closed/i.test(message)) return 'unreachable';
    const status = current.$metadata?.httpStatusCode;
    if (status !== undefined && status >= 500) return 'unreachable';
  }
  return undefined;
}

/** The 503 a transient failure answers (undefined: not transient). */
export function asRetryable(error: unknown): RetryableError | undefined {
  const cause = transientCause(error);
  if (!cause) return undefined;
  const seconds = cause === 'conflict' ? 1 : 2;
  return new RetryableError('unavailable', `The service is busy (${cause}); retry with the same Idempotency-Key`, seconds);
}
