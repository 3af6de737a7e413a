import { asRetryable, transientCause } from '../../functions/lib/faults';

const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });

describe('failures that pass if retried answer 503, bugs do not', () => {
  it.each([
    ['DynamoDB throttling', named('ThrottlingException'), 'throttled'],
    ['provisioned throughput', named('ProvisionedThroughputExceededException'), 'throttled'],
    ['request limit', named('RequestLimitExceeded'), 'throttled'],
    ['a transaction conflict', named('TransactionConflictException'), 'conflict'],
    ['a transaction cancelled by a conflict', named('TransactionCanceledException', { CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] }), 'conflict'],
    ['the SDK timing out', named('TimeoutError'), 'timeout'],
    ['middy’s early timeout', named('TimeoutError', { message: '[AbortError]: The operation was aborted.' }), 'timeout'],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' }), 'unreachable'],
    ['a reset connection, wrapped', new Error('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }), 'unreachable'],
    ['a 500 from the service', Object.assign(new Error('internal'), { name: 'InternalFailure', $metadata: { httpStatusCode: 500 } }), 'unreachable'],
  ])('%s', (_, error, cause) => {
    expect(transientCause(error)).toBe(cause);
    const retryable = asRetryable(error)!;
    expect(retryable.statusCode).toBe(503);
    expect(retryable.code).toBe('unavailable');
    expect(retryable.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['a TypeError', new TypeError('cannot read properties of undefined')],
    ['a failed condition', named('ConditionalCheckFailedException')],
    ['a validation error from DynamoDB', Object.assign(named('ValidationException'), { $metadata: { httpStatusCode: 400 } })],
  ])('not %s', (_, error) => {
    expect(asRetryable(error)).toBeUndefined();
  });
});
