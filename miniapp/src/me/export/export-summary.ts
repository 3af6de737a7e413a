/** 导出我的数据: the readable summary of the document and its file name (pure, unit-tested). */
import type { ExportDocument } from '../../../../shared/schemas/export';
import { SEGMENT_LABELS, TAG_LABELS } from '../../../../shared/segments';

export interface SummaryLine {
  /** Stable, for tests and styles: profile, ledger, bills, … */
  key: string;
  label: string;
  value: string;
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** What the copy holds, in words the page shows as they are. */
export function exportSummary(doc: ExportDocument): SummaryLine[] {
  const p = doc.profile;
  const birthday = p.birthday ? `${p.birthYear ? `${p.birthYear}-` : ''}${p.birthday}` : '未填写';
  const paid = doc.bills.filter((b) => b.reversedAt === null).reduce((sum, b) => sum + b.payableFen, 0);
  const refunded = doc.bills.filter((b) => b.reversedAt !== null).length;
  return [
    { key: 'profile', label: '资料', value: `${p.nickname} · 会员号 ${p.memberNo} · 手机 ${p.phone ?? '未绑定'} · 生日 ${birthday}` },
    { key: 'ledger', label: '积分', value: `${doc.ledger.length} 条明细（当前 ${p.points} 分）` },
    { key: 'bills', label: '消费', value: `${doc.bills.length} 笔${doc.bills.length ? `，实付合计 ${yuan(paid)}` : ''}${refunded ? `（其中 ${refunded} 笔已退款）` : ''}` },
    { key: 'coupons', label: '优惠券', value: `${doc.coupons.length} 张` },
    { key: 'bookings', label: '预约', value: `${doc.bookings.length} 个` },
    { key: 'visits', label: '到店', value: `${doc.visits.length} 次` },
    { key: 'access', label: '访问记录', value: `${doc.accessLog.length} 条` },
    {
      key: 'privacy',
      label: '隐私设置',
      value: `营销消息${doc.preferences.marketingOptOut ? '已关闭' : '开启'} · 个性化推荐${doc.preferences.targetingOptOut ? '已关闭' : '开启'}${
        doc.consents.privacyVersion ? ` · 已同意隐私政策 ${doc.consents.privacyVersion}` : ''
      }`,
    },
    {
      key: 'segment',
      label: '门店看到的分组',
      value: doc.staffView.segment
        ? `${SEGMENT_LABELS[doc.staffView.segment]}${doc.staffView.tags.length ? ` · ${doc.staffView.tags.map((t) => TAG_LABELS[t]).join('、')}` : ''}`
        : '不显示（已关闭个性化）',
    },
  ];
}

/** tongka-export-<memberNo>-<Shanghai date>.json */
export function exportFileName(doc: ExportDocument): string {
  return `tongka-export-${doc.profile.memberNo}-${doc.exportedAt.slice(0, 10)}.json`;
}

/** The file's text: the document as the server answered it, indented for reading. */
export function exportFileText(doc: ExportDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
