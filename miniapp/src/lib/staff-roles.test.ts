import type { StaffSummary } from '../../../shared/api';
import { STAFF_HOME, homePageFor, mayAccess, mayManageTemplate, staffDenial, workbenchEntries, worksAtCounter } from './staff-roles';

const clerk: StaffSummary = { staffId: 's1', name: '李雷', role: 'clerk', storeId: 'store-jingan', storeName: '静安寺店' };
const manager: StaffSummary = { ...clerk, staffId: 's2', role: 'manager' };
const hq: StaffSummary = { staffId: 's3', name: '总部', role: 'hq', storeId: null, storeName: null };

describe('staff role rules', () => {
  it('lets only staff of a store work at the counter: HQ cannot check a bill out', () => {
    expect(mayAccess(clerk, 'counter')).toBe(true);
    expect(mayAccess(manager, 'counter')).toBe(true);
    expect(mayAccess(hq, 'counter')).toBe(false);
    expect(staffDenial(hq, 'counter')).toContain('总部');
    expect(worksAtCounter(hq)).toBe(false);
  });

  it('opens manager pages to managers and HQ, HQ pages to HQ only', () => {
    expect([clerk, manager, hq].map((s) => mayAccess(s, 'managers'))).toEqual([false, true, true]);
    expect([clerk, manager, hq].map((s) => mayAccess(s, 'hq'))).toEqual([false, false, true]);
    expect(staffDenial(clerk, 'managers')).toBe('仅限店长或总部使用');
    expect(staffDenial(manager, 'hq')).toBe('仅限总部使用');
  });

  it('refuses every staff page to a member, in Chinese', () => {
    for (const access of ['staff', 'counter', 'managers', 'hq'] as const) expect(staffDenial(null, access)).toMatch(/员工/);
  });

  it('refuses manager pages to a manager without a store', () => {
    expect(mayAccess({ ...manager, storeId: null }, 'managers')).toBe(false);
  });

  it('lists each role its own workbench entries', () => {
    expect(workbenchEntries(clerk)).toEqual(['bookings']);
    expect(workbenchEntries(manager)).toEqual(['bookings', 'schedule', 'checkouts', 'templates', 'staffAccounts', 'audit', 'followUps', 'dashboard']);
    expect(workbenchEntries(hq)).toEqual(['bookings', 'schedule', 'checkouts', 'templates', 'staffAccounts', 'audit', 'followUps', 'dashboard', 'duplicates', 'campaigns']);
  });

  it('sends staff to the workbench and members to their card', () => {
    expect(homePageFor(clerk, '/pages/card/index')).toBe(STAFF_HOME);
    expect(homePageFor(hq, '/pages/card/index')).toBe(STAFF_HOME);
    expect(homePageFor(null, '/pages/card/index')).toBe('/pages/card/index');
  });

  it('lets HQ manage every template and a manager only their own store’s', () => {
    expect(mayManageTemplate(hq, { ownerStoreId: 'store-xuhui' })).toBe(true);
    expect(mayManageTemplate(manager, { ownerStoreId: 'store-jingan' })).toBe(true);
    expect(mayManageTemplate(manager, { ownerStoreId: null })).toBe(false);
    expect(mayManageTemplate(clerk, { ownerStoreId: 'store-jingan' })).toBe(false);
    expect(mayManageTemplate(null, { ownerStoreId: null })).toBe(false);
  });
});
