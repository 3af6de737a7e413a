import { adminRoutes } from '../../shared/contract/routes/admin';
import { changeTemplateStatus } from '../domain/coupon-admin';
import { handle } from './route';

/** Pause, resume or end (final) a coupon template. (adminRoutes.adminTemplateStatus) */
export const handler = handle(adminRoutes.adminTemplateStatus, ({ caller, params, body }) => changeTemplateStatus(caller, params.templateId, body.status));
