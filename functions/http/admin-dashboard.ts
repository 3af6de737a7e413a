import { dashboardRoutes } from '../../shared/contract/routes/dashboard';
import { dashboard } from '../domain/dashboard';
import { handle } from './route';

/** 数据看板: a store's, or the chain's and each store's, figures for a day, week or month. (dashboardRoutes.adminDashboard) */
export const handler = handle(dashboardRoutes.adminDashboard, ({ caller, query }) => dashboard(caller, query));
