/** The audit trail: HQ's and a manager's log of staff reads and changes, and the member's own 访问记录. One declaration per route (README § API). */
import { AccessLogQuery, AccessLogResponse, AuditLogQuery, AuditLogResponse } from '../../schemas/audit';
import { MANAGERS } from './common';
import { defineRoute } from '../define';

export const auditRoutes = {
  adminAudit: defineRoute({
    method: 'GET',
    path: '/v1/admin/audit',
    tag: 'admin',
    summary: 'The audit log of a day: every staff read or change of a member, staff, coupons and campaigns (HQ the chain or one store; a manager their own)',
    description:
      'Filtered by staff member, member number and action, paged by an opaque cursor. A filtered page may hold fewer than `limit` entries and still have a `nextCursor`: follow it to the end. Without `storeId` HQ reads the whole chain, store by store, newest first within each; `HQ` names the chain-level entries.',
    access: 'staff',
    roles: MANAGERS,
    query: AuditLogQuery,
    response: AuditLogResponse,
    errors: ['other_store', 'unknown_store'],
  }),
  meAccessLog: defineRoute({
    method: 'GET',
    path: '/v1/me/access-log',
    tag: 'member',
    summary: '访问记录: which store and which role looked at or changed the member’s record, and when (never who), newest first',
    access: 'member',
    query: AccessLogQuery,
    response: AccessLogResponse,
  }),
};
