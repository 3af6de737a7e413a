import type { StaffAccount, StaffSummary } from '../../../shared/api';
import { byStore, invitableRoles, visibleStaff, mayChangeStatus, mayReassign, phoneProblem, sanitizePhone, validUntilText } from './staff-accounts';

const manager: StaffSummary = { staffId: 'm1', name: '韩梅梅', role: 'manager', storeId: 'store-jingan', storeName: '静安寺店' };
const hq: StaffSummary = { staffId: 'h1', name: '总部', role: 'hq', storeId: null, storeName: null };
const account = (s: Partial<StaffAccount>): StaffAccount => ({
  staffId: 'c1',
  name: '李雷',
  role: 'clerk',
  storeId: 'store-jingan',
  storeName: '静安寺店',
  status: 'active',
  joinedAt: null,
  lastActiveAt: null,
  ...s,
});

describe('staff accounts', () => {
  it('lets HQ invite every role and a manager clerks only', () => {
    expect(invitableRoles(hq)).toEqual(['clerk', 'manager', 'hq']);
    expect(invitableRoles(manager)).toEqual(['clerk']);
    expect(invitableRoles({ ...manager, role: 'clerk' })).toEqual([]);
  });

  it('lets a manager disable only their own store’s clerks, and nobody themselves', () => {
    expect(mayChangeStatus(manager, account({}))).toBe(true);
    expect(mayChangeStatus(manager, account({ storeId: 'store-xuhui' }))).toBe(false);
    expect(mayChangeStatus(manager, account({ role: 'manager', staffId: 'm2' }))).toBe(false);
    expect(mayChangeStatus(manager, account({ staffId: 'm1', role: 'manager' }))).toBe(false);
    expect(mayChangeStatus(hq, account({ role: 'manager' }))).toBe(true);
    expect(mayReassign(hq, account({}))).toBe(true);
    expect(mayReassign(manager, account({}))).toBe(false);
    expect(mayReassign(hq, account({ staffId: 'h1', role: 'hq', storeId: null }))).toBe(false);
  });

  it('lists a manager their own store’s clerks and themselves only', () => {
    const items = [account({}), account({ staffId: 'm1', role: 'manager' }), account({ staffId: 'm2', role: 'manager' }), account({ staffId: 'c9', storeId: 'store-xuhui' })];
    expect(visibleStaff(manager, items).map((s) => s.staffId)).toEqual(['c1', 'm1']);
    expect(visibleStaff(hq, items)).toHaveLength(4);
  });

  it('groups staff by store with HQ first', () => {
    const groups = byStore([account({}), account({ staffId: 'h1', role: 'hq', storeId: null, storeName: null }), account({ staffId: 'c2' })]);
    expect(groups.map((g) => [g.title, g.items.length])).toEqual([
      ['总部', 1],
      ['静安寺店', 2],
    ]);
  });

  it('refuses letters as typed and takes only the full 11-digit number', () => {
    expect(sanitizePhone('138a0013 8000x9')).toBe('13800138000');
    expect(phoneProblem('')).toBe('请输入顾客的手机号');
    expect(phoneProblem('1380013')).toBe('请输入完整的 11 位手机号');
    expect(phoneProblem('12800138000')).toMatch(/格式不正确/);
    expect(phoneProblem('13800138000')).toBeNull();
  });

  it('says until when an invite is valid in Shanghai time', () => {
    expect(validUntilText('2026-11-30T02:05:00.000Z')).toBe('11-30 10:05 前有效');
  });
});
