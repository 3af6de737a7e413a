import { auditRoutes } from '../../shared/contract/routes/audit';
import { auditLog } from '../domain/audit';
import { handle } from './route';

/** The audit log of a day, filtered and paged. (auditRoutes.adminAudit) */
export const handler = handle(auditRoutes.adminAudit, ({ caller, query }) => auditLog(caller, query));
