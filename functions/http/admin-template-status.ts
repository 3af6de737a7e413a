import { routes } from '../../shared/contract/routes';
import { changeTemplateStatus } from '../domain/coupon-admin';
import { handle } from './route';

/** Pause, resume or end (final) a coupon template. (routes.adminTemplateStatus) */
export const handler = handle(routes.adminTemplateStatus, ({ caller, params, body }) => changeTemplateStatus(caller, params.templateId, body.status));
