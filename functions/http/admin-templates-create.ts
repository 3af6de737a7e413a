import { adminRoutes } from '../../shared/contract/routes/admin';
import { createTemplate } from '../domain/coupon-admin';
import { handle } from './route';

/** HQ for the chain, a manager for their own store; a retry makes one template. (adminRoutes.adminTemplatesCreate) */
export const handler = handle(adminRoutes.adminTemplatesCreate, ({ caller, body, idempotencyKey }) => createTemplate(caller, body, idempotencyKey));
