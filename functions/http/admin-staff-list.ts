import { staffAdminRoutes } from '../../shared/contract/routes/staff-admin';
import { staffAccounts } from '../domain/staff-admin';
import { handle } from './route';

/** 员工管理: staff by store with role, status and last active. (staffAdminRoutes.adminStaffList) */
export const handler = handle(staffAdminRoutes.adminStaffList, ({ caller, query }) => staffAccounts(caller, query.storeId));
