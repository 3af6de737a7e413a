/**
 * 审计日志's model: the filters (store for HQ, day, staff member, member number, action) and the
 * day's log read page by page with its opaque cursor. The page holds only layout.
 */
import { useMemo, useState } from 'react';
import type { StaffSummary } from '../../../../shared/api';
import { auditRoutes } from '../../../../shared/contract/routes/audit';
import { staffAdminRoutes } from '../../../../shared/contract/routes/staff-admin';
import { routes } from '../../../../shared/contract/routes';
import type { AuditAction, AuditLogEntry, AuditLogResponse } from '../../../../shared/schemas/audit';
import { shanghaiDate } from '../../../../shared/dates';
import { callRoute } from '../../api/client';
import { useLoad } from '../../lib/use-load';
import { usePages } from '../../lib/use-pages';
import { auditDays, memberNoFilter, sanitizeMemberNo } from './audit-text';

const PAGE_SIZE = 30;
/** A filtered page may come back short, even empty, before the day's end: ask on this many times at most. */
const MAX_HOPS = 4;

/** HQ's scope: the whole chain, one store, or the chain-level (总部) entries. A manager always reads their own store. */
export type AuditScope = 'all' | 'HQ' | string;

export interface AuditFilters {
  date: string;
  scope: AuditScope;
  staffId: string | null;
  memberNoText: string;
  action: AuditAction | null;
}

/**
 * One page of the filtered log: the server reads the day in order and keeps what matches, so a page
 * may hold few entries and still go on; it is followed until enough arrived or the day ends.
 */
async function readPage(query: Omit<AuditFilters, 'memberNoText'> & { memberNo: string | undefined; isHq: boolean }, cursor: string | null): Promise<AuditLogResponse> {
  const items: AuditLogEntry[] = [];
  let next: string | null = cursor;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const page = await callRoute(auditRoutes.adminAudit, {
      query: {
        date: query.date,
        storeId: query.isHq && query.scope !== 'all' ? query.scope : undefined,
        staffId: query.staffId ?? undefined,
        memberNo: query.memberNo,
        action: query.action ?? undefined,
        cursor: next ?? undefined,
        limit: PAGE_SIZE,
      },
    });
    items.push(...page.items);
    next = page.nextCursor;
    if (!next || items.length >= PAGE_SIZE / 2) break;
  }
  return { items, nextCursor: next };
}

export function useAuditLog(staff: StaffSummary) {
  const isHq = staff.role === 'hq';
  const [days] = useState(() => auditDays());
  const [filters, setFilters] = useState<AuditFilters>(() => ({ date: shanghaiDate(), scope: 'all', staffId: null, memberNoText: '', action: null }));
  const { memberNo, problem: memberNoProblem } = memberNoFilter(filters.memberNoText);

  // HQ's stores to pick among; the staff to filter by (HQ: the chain, a manager: their store).
  const stores = useLoad(() => callRoute(routes.storesList), [], { enabled: isHq, reloadOnShow: false });
  const staffList = useLoad(() => callRoute(staffAdminRoutes.adminStaffList), [], { reloadOnShow: false });

  const { date, scope, staffId, action } = filters;
  const log = usePages((cursor) => readPage({ date, scope, staffId, action, memberNo, isHq }, cursor), [date, scope, staffId, action, memberNo, isHq]);

  /** The staff chips: those of the store HQ picked (总部: HQ accounts), everyone for the whole chain. */
  const staffChoices = useMemo(() => {
    const all = staffList.data?.items ?? [];
    if (!isHq || scope === 'all') return all;
    return all.filter((s) => (scope === 'HQ' ? s.storeId === null : s.storeId === scope));
  }, [staffList.data, isHq, scope]);

  const set = <K extends keyof AuditFilters>(key: K, value: AuditFilters[K]) =>
    setFilters((now) => ({
      ...now,
      [key]: value,
      // Another store: a staff member of the old one would filter everything out.
      ...(key === 'scope' && value !== now.scope ? { staffId: null } : {}),
    }));

  return {
    isHq,
    days,
    filters,
    stores: stores.data?.items ?? [],
    staffChoices,
    memberNoProblem,
    log,
    setDate: (d: string) => set('date', d),
    setScope: (s: AuditScope) => set('scope', s),
    setStaffId: (id: string | null) => set('staffId', id),
    setMemberNo: (text: string) => set('memberNoText', sanitizeMemberNo(text)),
    setAction: (a: AuditAction | null) => set('action', a),
    /** Everything back to the day's whole log. */
    clear: () => setFilters((now) => ({ ...now, staffId: null, memberNoText: '', action: null })),
  };
}

export type AuditLog = ReturnType<typeof useAuditLog>;
