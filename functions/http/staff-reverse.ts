import { counterRoutes } from '../../shared/contract/routes/counter';
import { reverseCheckout } from '../domain/checkout';
import { handle } from './route';

/** A manager refunds a bill, exactly once. (counterRoutes.staffReverse) */
export const handler = handle(counterRoutes.staffReverse, ({ caller, params, idempotencyKey }) => reverseCheckout(caller, { checkoutId: params.checkoutId, idempotencyKey }));
