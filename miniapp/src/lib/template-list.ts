/**
 * 券模板管理's list: filtered by status and by store, newest first, shown a page at a time (the API
 * answers every template the caller may see; paging is done here). And the redemption rate in words.
 */
import type { CouponTemplate, TemplateStatus } from '../../../shared/api';

export type StatusFilter = TemplateStatus | 'all';
/** The store filter's "no filter" value. */
export const ANY_STORE = '__any__';
export const PAGE_SIZE = 10;

export const STATUS_FILTERS: Array<{ value: StatusFilter; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'active', label: '进行中' },
  { value: 'paused', label: '已暂停' },
  { value: 'ended', label: '已结束' },
];

export interface TemplateFilter {
  status: StatusFilter;
  /** A store id (templates usable there, chain-wide ones included), or ANY_STORE. */
  storeId: string;
}

export const NO_FILTER: TemplateFilter = { status: 'all', storeId: ANY_STORE };

type Listed = Pick<CouponTemplate, 'status' | 'storeIds' | 'createdAt'>;

/** Usable at the store: a chain-wide template (storeIds null) or one that names it. */
export const usableAt = (template: Pick<CouponTemplate, 'storeIds'>, storeId: string): boolean => template.storeIds === null || template.storeIds.includes(storeId);

export function filterTemplates<T extends Listed>(templates: T[], filter: TemplateFilter): T[] {
  return templates
    .filter((t) => filter.status === 'all' || t.status === filter.status)
    .filter((t) => filter.storeId === ANY_STORE || usableAt(t, filter.storeId))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** How many templates each status filter would show, for the chips ('进行中 5'). */
export function statusCounts(templates: Array<Pick<CouponTemplate, 'status'>>): Record<StatusFilter, number> {
  const counts: Record<StatusFilter, number> = { all: templates.length, active: 0, paused: 0, ended: 0 };
  for (const t of templates) counts[t.status]++;
  return counts;
}

export interface Page<T> {
  items: T[];
  /** 1-based, clamped to the pages there are (a filter may have left fewer). */
  page: number;
  pages: number;
  total: number;
}

export function pageOf<T>(items: T[], page: number, size = PAGE_SIZE): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, Math.floor(page)), pages);
  return { items: items.slice((current - 1) * size, current * size), page: current, pages, total: items.length };
}

/**
 * '核销率 33%': redeemed over issued, rounded; '核销率 —' before any coupon is issued (no division by
 * zero), '<1%' rather than a misleading 0% once something was redeemed, never above 100%.
 */
export function redemptionRateText(template: Pick<CouponTemplate, 'issuedCount' | 'redeemedCount'>): string {
  const { issuedCount: issued, redeemedCount: redeemed } = template;
  if (issued <= 0) return '核销率 —';
  const percent = Math.min(100, Math.round((redeemed * 100) / issued));
  return `核销率 ${percent === 0 && redeemed > 0 ? '<1' : percent}%`;
}

/** '已发 12 · 已核销 4 · 核销率 33%'. */
export function redemptionText(template: Pick<CouponTemplate, 'issuedCount' | 'redeemedCount'>): string {
  return `已发 ${template.issuedCount} · 已核销 ${template.redeemedCount} · ${redemptionRateText(template)}`;
}
