import { routes } from '../../shared/contract/routes';
import { reverseCheckout } from '../domain/checkout';
import { handle } from './route';

/** A manager refunds a bill, exactly once. (routes.staffReverse) */
export const handler = handle(routes.staffReverse, ({ caller, params, idempotencyKey }) => reverseCheckout(caller, { checkoutId: params.checkoutId, idempotencyKey }));
