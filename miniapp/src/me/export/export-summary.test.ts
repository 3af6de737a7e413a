import type { ExportDocument } from '../../../../shared/schemas/export';
import { exportFileName, exportSummary } from './export-summary';

const doc = {
  schemaVersion: 1,
  exportedAt: '2026-03-05T10:00:00.000+08:00',
  profile: { memberNo: '10000042', nickname: '小林', phone: '13800001234', birthday: '05-17', birthYear: 1990, points: 120 },
  consents: { privacyVersion: '2026-03', privacyAgreedAt: null, other: {} },
  preferences: { marketingOptOut: true, targetingOptOut: false, lastMarketingPushAt: null },
  staffView: { maskedPhone: '138****1234', tier: 'normal', segment: 'active', tags: ['multi_store'] },
  ledger: [{}, {}, {}],
  bills: [
    { payableFen: 12_300, reversedAt: null },
    { payableFen: 2_000, reversedAt: '2026-03-04T10:00:00.000+08:00' },
  ],
  coupons: [{}],
  bookings: [],
  visits: [{}, {}],
  accessLog: [{}, {}, {}, {}],
} as unknown as ExportDocument;

describe('导出我的数据 summary', () => {
  it('says what the copy holds, in Chinese', () => {
    const lines = Object.fromEntries(exportSummary(doc).map((l) => [l.key, l.value]));
    expect(lines.profile).toBe('小林 · 会员号 10000042 · 手机 13800001234 · 生日 1990-05-17');
    expect(lines.ledger).toBe('3 条明细（当前 120 分）');
    expect(lines.bills).toBe('2 笔，实付合计 ¥123.00（其中 1 笔已退款）');
    expect(lines.coupons).toBe('1 张');
    expect(lines.bookings).toBe('0 个');
    expect(lines.visits).toBe('2 次');
    expect(lines.access).toBe('4 条');
    expect(lines.privacy).toBe('营销消息已关闭 · 个性化推荐开启 · 已同意隐私政策 2026-03');
    expect(lines.segment).toBe('活跃 · 多店消费');
  });

  it('names the file by member number and the Shanghai date', () => {
    expect(exportFileName(doc)).toBe('tongka-export-10000042-2026-03-05.json');
  });
});
