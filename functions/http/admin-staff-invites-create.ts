import { staffAdminRoutes } from '../../shared/contract/routes/staff-admin';
import { createInvite } from '../domain/staff-admin';
import { handle } from './route';

/** Invite a staff member with a one-time code, exactly once per key. (staffAdminRoutes.adminStaffInvitesCreate) */
export const handler = handle(staffAdminRoutes.adminStaffInvitesCreate, ({ caller, body, idempotencyKey }) => createInvite(caller, body, idempotencyKey));
