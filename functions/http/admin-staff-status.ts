import { staffAdminRoutes } from '../../shared/contract/routes/staff-admin';
import { setStaffStatus } from '../domain/staff-admin';
import { handle } from './route';

/** Disable (离职) or re-enable a staff member. (staffAdminRoutes.adminStaffStatus) */
export const handler = handle(staffAdminRoutes.adminStaffStatus, ({ caller, params, body }) => setStaffStatus(caller, params.staffId, body.status));
