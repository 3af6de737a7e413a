import { staffAdminRoutes } from '../../shared/contract/routes/staff-admin';
import { openInvites } from '../domain/staff-admin';
import { handle } from './route';

/** The open invites the caller may see. (staffAdminRoutes.adminStaffInvitesList) */
export const handler = handle(staffAdminRoutes.adminStaffInvitesList, ({ caller }) => openInvites(caller));
