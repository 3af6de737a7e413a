import { routes } from '../../shared/contract/routes';
import { createService } from '../domain/booking-admin';
import { handle } from './route';

/** HQ defines a service and the stores offering it. (routes.adminServicesCreate) */
export const handler = handle(routes.adminServicesCreate, ({ caller, body }) => createService(caller, body));
