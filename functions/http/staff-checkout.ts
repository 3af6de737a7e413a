import { routes } from '../../shared/contract/routes';
import { checkout } from '../domain/checkout';
import { handle } from './route';

/** Spend and earn points on a bill, exactly once. (routes.staffCheckout) */
export const handler = handle(routes.staffCheckout, ({ caller, params, body, idempotencyKey }) => checkout(caller, { visitId: params.visitId, ...body, idempotencyKey }));
