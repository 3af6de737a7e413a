import { routes } from '../../shared/contract/routes';
import { templatesFor } from '../domain/coupon-admin';
import { handle } from './route';

/** Templates with issued and redeemed counts (managers, HQ). (routes.adminTemplatesList) */
export const handler = handle(routes.adminTemplatesList, async ({ caller }) => ({ items: await templatesFor(caller) }));
