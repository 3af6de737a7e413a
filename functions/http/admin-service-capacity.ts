import { adminRoutes } from '../../shared/contract/routes/admin';
import { changeCapacity } from '../domain/booking-admin';
import { handle } from './route';

/** A store offers a service with a capacity, or stops offering it. (adminRoutes.adminServiceCapacity) */
export const handler = handle(adminRoutes.adminServiceCapacity, ({ caller, params, body }) => changeCapacity(caller, params.serviceId, params.storeId, body.capacity));
