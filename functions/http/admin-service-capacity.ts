import { routes } from '../../shared/contract/routes';
import { changeCapacity } from '../domain/booking-admin';
import { handle } from './route';

/** A store offers a service with a capacity, or stops offering it. (routes.adminServiceCapacity) */
export const handler = handle(routes.adminServiceCapacity, ({ caller, params, body }) => changeCapacity(caller, params.serviceId, params.storeId, body.capacity));
