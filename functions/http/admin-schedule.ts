import { adminRoutes } from '../../shared/contract/routes/admin';
import { changeSchedule } from '../domain/booking-admin';
import { handle } from './route';

/** Opening hours, closed days and slot grid (the store's manager, HQ). (adminRoutes.adminSchedule) */
export const handler = handle(adminRoutes.adminSchedule, ({ caller, params, body }) => changeSchedule(caller, params.storeId, body));
