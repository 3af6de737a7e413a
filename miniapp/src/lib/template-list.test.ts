import { ANY_STORE, NO_FILTER, filterTemplates, pageOf, redemptionRateText, redemptionText, statusCounts } from './template-list';

const t = (id: string, status: 'active' | 'paused' | 'ended', storeIds: string[] | null, day: number) => ({
  id,
  status,
  storeIds,
  createdAt: `2025-01-${String(day).padStart(2, '0')}T00:00:00.000Z`,
});

const templates = [t('a', 'active', null, 1), t('b', 'paused', ['xuhui'], 2), t('c', 'ended', ['jingan'], 3), t('d', 'active', ['jingan', 'xuhui'], 4)];

describe('券模板管理 list', () => {
  it('lists every template newest first without a filter', () => {
    expect(filterTemplates(templates, NO_FILTER).map((x) => x.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('filters by status', () => {
    expect(filterTemplates(templates, { status: 'active', storeId: ANY_STORE }).map((x) => x.id)).toEqual(['d', 'a']);
    expect(filterTemplates(templates, { status: 'ended', storeId: ANY_STORE }).map((x) => x.id)).toEqual(['c']);
  });

  it('filters by store: templates usable there, chain-wide ones included', () => {
    expect(filterTemplates(templates, { status: 'all', storeId: 'xuhui' }).map((x) => x.id)).toEqual(['d', 'b', 'a']);
    expect(filterTemplates(templates, { status: 'active', storeId: 'jingan' }).map((x) => x.id)).toEqual(['d', 'a']);
  });

  it('counts each status for the filter chips', () => {
    expect(statusCounts(templates)).toEqual({ all: 4, active: 2, paused: 1, ended: 1 });
  });

  it('pages ten at a time, and clamps a page a filter has emptied', () => {
    const many = Array.from({ length: 23 }, (_, i) => i);
    expect(pageOf(many, 1)).toMatchObject({ items: many.slice(0, 10), page: 1, pages: 3, total: 23 });
    expect(pageOf(many, 3).items).toEqual([20, 21, 22]);
    expect(pageOf(many.slice(0, 4), 3)).toMatchObject({ page: 1, pages: 1, items: [0, 1, 2, 3] });
    expect(pageOf([], 1)).toMatchObject({ page: 1, pages: 1, items: [], total: 0 });
  });
});

describe('redemption rate', () => {
  it('is a rounded percentage of the coupons issued', () => {
    expect(redemptionRateText({ issuedCount: 3, redeemedCount: 1 })).toBe('核销率 33%');
    expect(redemptionRateText({ issuedCount: 8, redeemedCount: 8 })).toBe('核销率 100%');
    expect(redemptionText({ issuedCount: 12, redeemedCount: 3 })).toBe('已发 12 · 已核销 3 · 核销率 25%');
  });

  it('never divides by zero, never shows a misleading 0% or more than 100%', () => {
    expect(redemptionRateText({ issuedCount: 0, redeemedCount: 0 })).toBe('核销率 —');
    expect(redemptionRateText({ issuedCount: 1000, redeemedCount: 1 })).toBe('核销率 <1%');
    expect(redemptionRateText({ issuedCount: 0, redeemedCount: 2 })).toBe('核销率 —');
    expect(redemptionRateText({ issuedCount: 2, redeemedCount: 3 })).toBe('核销率 100%');
  });
});
