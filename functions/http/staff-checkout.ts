import { counterRoutes } from '../../shared/contract/routes/counter';
import { checkout } from '../domain/checkout';
import { handleStaffAlongside } from './route';

/**
 * Spend and earn points on a bill, exactly once. The visit and the cross-store rules are read
 * beside the caller's staff record (counterRoutes.staffCheckout)
 */
export const handler = handleStaffAlongside(counterRoutes.staffCheckout, ({ caller, params, body, idempotencyKey }) =>
  checkout(caller, { visitId: params.visitId, ...body, idempotencyKey }),
);
