import { AuditAction, type AuditLogEntry } from '../../../../shared/schemas/audit';
import { ACTION_FILTERS, ACTION_LABELS, auditDays, memberNoFilter, sanitizeMemberNo, staffText, storeText, subjectText } from './audit-text';

const entry = (e: Partial<AuditLogEntry>): AuditLogEntry => ({
  id: 'aud-1',
  action: 'open_visit',
  at: '2026-11-30T10:05:00+08:00',
  storeId: 'store-jingan',
  storeName: '沪上茶点·静安寺店',
  staffId: 's1',
  staffName: '李雷',
  staffRole: 'clerk',
  memberNo: '10000001',
  ref: 'vis-1',
  details: null,
  ...e,
});

describe('审计日志 words', () => {
  it('names every action of the schema in Chinese, each differently, and offers each as a filter', () => {
    const labels = AuditAction.options.map((a) => ACTION_LABELS[a]);
    expect(labels.every((l) => /^[\u4e00-\u9fff/]+$/.test(l))).toBe(true);
    expect(new Set(labels).size).toBe(AuditAction.options.length);
    expect([...ACTION_FILTERS].sort()).toEqual([...AuditAction.options].sort());
    expect(ACTION_LABELS.open_visit).toBe('扫码查看会员');
  });

  it('filters by a member number only once all 8 digits are typed', () => {
    expect(sanitizeMemberNo('1234 abc 567890')).toBe('12345678');
    expect(memberNoFilter('')).toEqual({ memberNo: undefined, problem: null });
    expect(memberNoFilter('1234')).toEqual({ memberNo: undefined, problem: '请输入完整的 8 位会员号' });
    expect(memberNoFilter('12345678')).toEqual({ memberNo: '12345678', problem: null });
  });

  it('shows the store, 总部 for chain-level entries, and the staff member with their role in Chinese', () => {
    expect(storeText(entry({}))).toBe('静安寺店');
    expect(storeText(entry({ storeId: null, storeName: null }))).toBe('总部');
    expect(staffText(entry({}))).toBe('李雷 · 店员');
    expect(staffText(entry({ staffName: null, staffRole: 'manager' }))).toBe('店长');
    expect(staffText(entry({ staffName: null, staffRole: null }))).toBe('员工');
  });

  it('names what an entry was about: a staff member or coupon by name, else its reference when no member is shown', () => {
    expect(subjectText(entry({}))).toBeNull();
    expect(subjectText(entry({ action: 'staff_disable', memberNo: null, ref: 's9', details: { name: '韩梅梅', role: 'clerk' } }))).toBe('对象：韩梅梅');
    expect(subjectText(entry({ action: 'rule_status', memberNo: null, ref: 'rule-1', details: { active: 'false' } }))).toBe('编号：rule-1');
  });

  it('offers today and the six days before it, today first, in Shanghai', () => {
    // 2026-11-30 17:00 UTC is already 12-01 in Shanghai.
    expect(auditDays(Date.parse('2026-11-30T17:00:00Z'))).toEqual(['2026-12-01', '2026-11-30', '2026-11-29', '2026-11-28', '2026-11-27', '2026-11-26', '2026-11-25']);
  });
});
