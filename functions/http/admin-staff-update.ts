import { staffAdminRoutes } from '../../shared/contract/routes/staff-admin';
import { assignStaff } from '../domain/staff-admin';
import { handle } from './route';

/** HQ changes a staff member's role and store. (staffAdminRoutes.adminStaffUpdate) */
export const handler = handle(staffAdminRoutes.adminStaffUpdate, ({ caller, params, body }) => assignStaff(caller, params.staffId, body));
