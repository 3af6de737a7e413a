import { adminRoutes } from '../../shared/contract/routes/admin';
import { templatesFor } from '../domain/coupon-admin';
import { handle } from './route';

/** Templates with issued and redeemed counts (managers, HQ). (adminRoutes.adminTemplatesList) */
export const handler = handle(adminRoutes.adminTemplatesList, async ({ caller }) => ({ items: await templatesFor(caller) }));
