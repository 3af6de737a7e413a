import { couponsRoutes } from '../../../shared/contract/routes/coupons';
import { memberRoutes } from '../../../shared/contract/routes/member';
import { busyDelayMs, callRoute } from './client';
import { ApiError } from './errors';

/** Taro's storage and request, in memory: a signed-in member, and the API's answers in turn. */
const storage = new Map<string, unknown>([['tongka.session', { token: 'tok', expiresAt: new Date(Date.now() + 3600_000).toISOString(), staff: null }]]);
const answers: Array<{ statusCode: number; data: unknown; header: Record<string, string> }> = [];
const sent: Array<{ header: Record<string, string> }> = [];
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => storage.set(key, value),
    removeStorageSync: (key: string) => storage.delete(key),
    reLaunch: jest.fn(),
    request: jest.fn(async (options: { header: Record<string, string> }) => {
      sent.push({ header: options.header });
      return answers.shift() ?? { statusCode: 500, data: {}, header: {} };
    }),
  },
}));

const busy = { statusCode: 503, data: { error: { code: 'unavailable', message: 'busy' } }, header: { 'retry-after': '1' } };
const claimed = { statusCode: 201, data: { id: 'cpn_1', templateId: 't1' }, header: {} };

beforeEach(() => {
  answers.length = 0;
  sent.length = 0;
  jest.useFakeTimers();
});
afterEach(() => jest.useRealTimers());

/** Runs the call while moving the fake clock past each Retry-After. */
async function settle<T>(call: Promise<T>): Promise<T | unknown> {
  const outcome = call.then(
    (value) => value,
    (error: unknown) => error,
  );
  for (let i = 0; i < 10; i++) await jest.advanceTimersByTimeAsync(10_000);
  return outcome;
}

describe('a 503 is asked again with the same Idempotency-Key, a bounded number of times', () => {
  it('retries a write after Retry-After with the same key, and succeeds', async () => {
    answers.push(busy, claimed);
    const result = await settle(callRoute(couponsRoutes.couponsClaim, { params: { templateId: 't1' }, idempotencyKey: 'key-0001' }));
    // The second answer is the one used (this stub's body is not a whole coupon: the client says so, not 网络繁忙).
    expect((result as ApiError).status).toBe(201);
    expect(sent.map((s) => s.header['idempotency-key'])).toEqual(['key-0001', 'key-0001']);
  });

  it('gives up after two retries with the 503 (网络繁忙), retryable by 重试', async () => {
    answers.push(busy, busy, busy, claimed);
    const error = await settle(callRoute(couponsRoutes.couponsClaim, { params: { templateId: 't1' }, idempotencyKey: 'key-0002' }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect((error as ApiError).retryable).toBe(true);
    expect((error as ApiError).message).toBe('网络繁忙，请稍后重试');
    expect(sent).toHaveLength(3);
  });

  it('retries reads too, but not a 429 (the limit says when, the user decides)', async () => {
    answers.push(busy, { statusCode: 200, data: {}, header: {} });
    await settle(callRoute(memberRoutes.meCard));
    expect(sent).toHaveLength(2);
    answers.length = 0;
    sent.length = 0;
    answers.push({ statusCode: 429, data: { error: { code: 'rate_limited', message: 'slow' } }, header: { 'retry-after': '30' } });
    expect(await settle(callRoute(memberRoutes.meCard))).toBeInstanceOf(ApiError);
    expect(sent).toHaveLength(1);
  });

  it('waits Retry-After (1–4 s), doubling per retry, with jitter', () => {
    for (let i = 0; i < 50; i++) {
      expect(busyDelayMs(1, 0)).toBeGreaterThanOrEqual(750);
      expect(busyDelayMs(1, 0)).toBeLessThanOrEqual(1250);
      expect(busyDelayMs(30, 1)).toBeLessThanOrEqual(8000 * 1.25);
      expect(busyDelayMs(NaN, 0)).toBeLessThanOrEqual(1250);
    }
  });
});
