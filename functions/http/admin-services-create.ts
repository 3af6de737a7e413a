import { adminRoutes } from '../../shared/contract/routes/admin';
import { createService } from '../domain/booking-admin';
import { handle } from './route';

/** HQ defines a service and the stores offering it. (adminRoutes.adminServicesCreate) */
export const handler = handle(adminRoutes.adminServicesCreate, ({ caller, body }) => createService(caller, body));
