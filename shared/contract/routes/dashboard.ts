/** 数据看板 for managers and HQ. One declaration per route (README § API). */
import { DashboardQuery, DashboardResponse } from '../../schemas/dashboard';
import { MANAGERS } from './common';
import { defineRoute } from '../define';

export const dashboardRoutes = {
  adminDashboard: defineRoute({
    method: 'GET',
    path: '/v1/admin/dashboard',
    tag: 'admin',
    summary: '数据看板: a store’s (or the chain’s and each store’s) figures and daily trend for a day, week or month',
    description:
      'Read from pre-aggregated items per store and Shanghai day (and week and month for distinct members), never from members or bills: the cost is days × stores. A manager reads their own store; HQ the chain and every store side by side, or one store.',
    access: 'staff',
    roles: MANAGERS,
    query: DashboardQuery,
    response: DashboardResponse,
    errors: ['other_store', 'unknown_store'],
  }),
};
