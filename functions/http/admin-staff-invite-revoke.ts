import { staffAdminRoutes } from '../../shared/contract/routes/staff-admin';
import { revokeInvite } from '../domain/staff-admin';
import { handle } from './route';

/** Revoke an open invite. (staffAdminRoutes.adminStaffInviteRevoke) */
export const handler = handle(staffAdminRoutes.adminStaffInviteRevoke, ({ caller, params }) => revokeInvite(caller, params.code));
