/**
 * The API, one declaration per route, gathered from the route groups beside this file. Each key is
 * also the function's name in serverless.yml (test/unit/contract.test.ts keeps the two the same
 * set), and the OpenAPI document and docs/API.md are generated from it (`npm run openapi`).
 * Handlers import their own group, so a function's bundle holds only its group's schemas.
 */
import { adminRoutes } from './routes/admin';
import { auditRoutes } from './routes/audit';
import { bookingRoutes } from './routes/booking';
import { counterRoutes } from './routes/counter';
import { dashboardRoutes } from './routes/dashboard';
import { couponsRoutes } from './routes/coupons';
import { identityRoutes } from './routes/identity';
import { memberRoutes } from './routes/member';
import { privacyNoticeRoutes } from './routes/privacy-notice';
import { privacyExportRoutes } from './routes/privacy-export';
import { privacyDeletionRoutes } from './routes/privacy-deletion';
import { pushesRoutes } from './routes/pushes';
import { ratingsRoutes } from './routes/ratings';
import { staffAdminRoutes } from './routes/staff-admin';

export const routes = {
  ...memberRoutes,
  ...counterRoutes,
  ...couponsRoutes,
  ...bookingRoutes,
  ...pushesRoutes,
  ...adminRoutes,
  ...staffAdminRoutes,
  ...auditRoutes,
  ...identityRoutes,
  ...privacyDeletionRoutes,
  ...privacyExportRoutes,
  ...privacyNoticeRoutes,
  ...ratingsRoutes,
  ...dashboardRoutes,
};

export type Routes = typeof routes;
export type RouteName = keyof Routes;

/** Every unknown method and path answers this (serverless.yml's catch-all function). */
export const NOT_FOUND_FUNCTION = 'notFound';
