/** 访问记录's read: the member's own log, newest first, page by page with its opaque cursor. */
import { auditRoutes } from '../../../../shared/contract/routes/audit';
import { callRoute } from '../../api/client';
import { usePages } from '../../lib/use-pages';

const PAGE_SIZE = 20;

export function useAccessLog() {
  return usePages((cursor) => callRoute(auditRoutes.meAccessLog, { query: { cursor: cursor ?? undefined, limit: PAGE_SIZE } }), []);
}
