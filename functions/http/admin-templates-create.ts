import { routes } from '../../shared/contract/routes';
import { createTemplate } from '../domain/coupon-admin';
import { handle } from './route';

/** HQ for the chain, a manager for their own store; a retry makes one template. (routes.adminTemplatesCreate) */
export const handler = handle(routes.adminTemplatesCreate, ({ caller, body, idempotencyKey }) => createTemplate(caller, body, idempotencyKey));
