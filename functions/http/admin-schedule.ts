import { routes } from '../../shared/contract/routes';
import { changeSchedule } from '../domain/booking-admin';
import { handle } from './route';

/** Opening hours, closed days and slot grid (the store's manager, HQ). (routes.adminSchedule) */
export const handler = handle(routes.adminSchedule, ({ caller, params, body }) => changeSchedule(caller, params.storeId, body));
