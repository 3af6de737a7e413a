import { auditRoutes } from '../../shared/contract/routes/audit';
import { accessLog } from '../domain/audit';
import { handle } from './route';

/** The member's 访问记录: which store and role looked at their record, newest first. (auditRoutes.meAccessLog) */
export const handler = handle(auditRoutes.meAccessLog, ({ caller, query }) => accessLog(caller.memberId, query.limit, query.cursor));
