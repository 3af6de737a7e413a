/**
 * Business and error metrics as CloudWatch EMF (README § Seeing it in production): namespace
 * `Tongka`, dimensions `service` + `stage`; flushed once per invocation by `logMetrics` in `api()`
 * and `scheduled()`. Locally and in tests POWERTOOLS_METRICS_DISABLED keeps them quiet.
 *
 * Dimensions stay low-cardinality: never a member, store or template id — only the stage and, for
 * `Errors`, the error code (a closed set, functions/lib/errors.ts and the routes' declarations).
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger } from './log';

export const metrics = new Metrics({
  namespace: 'Tongka',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'tongka',
  defaultDimensions: { stage: process.env.STAGE ?? 'dev' },
  // Most invocations (reads) record nothing: that is normal, not worth a warning per request.
  logger: {
    debug: (...args: unknown[]) => logger.debug(String(args[0])),
    info: (...args: unknown[]) => logger.info(String(args[0])),
    error: (...args: unknown[]) => logger.error(String(args[0])),
    warn: (...args: unknown[]) => (String(args[0]).startsWith('No application metrics') ? undefined : logger.warn(String(args[0]))),
  },
});

/** The counted events; each is recorded once, after the change committed. */
export type Counted = 'Checkouts' | 'PointsEarned' | 'PointsSpent' | 'Claims' | 'Redemptions' | 'Bookings' | 'PushesSent';

export function count(name: Counted, value = 1): void {
  if (value > 0) metrics.addMetric(name, MetricUnit.Count, value);
}

/** A checkout committed: the points it earned and spent, and the coupons it redeemed. */
export function countCheckout(done: { pointsEarned: number; pointsSpent: number; couponsRedeemed: number }): void {
  count('Checkouts');
  count('PointsEarned', done.pointsEarned);
  count('PointsSpent', done.pointsSpent);
  count('Redemptions', done.couponsRedeemed);
}

/** 积分兑换 committed: a coupon claimed with points. */
export function countExchange(pointsCost: number): void {
  count('Claims');
  count('PointsSpent', pointsCost);
}

/**
 * One answered error: `Errors` by `code` (e.g. `insufficient_points`, `internal`, `unavailable`).
 * A single-metric object so the code dimension does not attach to the invocation's other metrics.
 */
export function countError(code: string, statusCode: number): void {
  const single = metrics.singleMetric();
  single.addDimension('code', code);
  single.addDimension('status', statusCode >= 500 ? '5xx' : '4xx');
  single.addMetric('Errors', MetricUnit.Count, 1);
}
