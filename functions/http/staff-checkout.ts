import { counterRoutes } from '../../shared/contract/routes/counter';
import { checkout } from '../domain/checkout';
import { handle } from './route';

/** Spend and earn points on a bill, exactly once. (counterRoutes.staffCheckout) */
export const handler = handle(counterRoutes.staffCheckout, ({ caller, params, body, idempotencyKey }) =>
  checkout(caller, { visitId: params.visitId, ...body, idempotencyKey }),
);
