import type { LedgerReason, OpeningHours } from '../../../shared/api';

/**
 * Yuan typed at the counter → integer fen, without floating point: the string is split at the
 * decimal point and the two parts are read as integers. '88' → 8800, '88.5' → 8850, '0.07' → 7.
 * Returns null for anything that is not a plain amount with at most two decimals.
 */
export function parseYuanToFen(text: string): number | null {
  const match = text
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .match(/^(\d{1,9})(?:\.(\d{0,2}))?$/);
  if (!match) return null;
  const yuan = Number.parseInt(match[1]!, 10);
  const cents = Number.parseInt((match[2] ?? '').padEnd(2, '0'), 10);
  const fen = yuan * 100 + cents;
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Keeps only what an amount may contain while typing: digits and one point with ≤ 2 decimals. */
export function sanitizeYuanInput(text: string): string {
  const cleaned = text.replace(/[^\d.]/g, '');
  const [whole = '', ...rest] = cleaned.split('.');
  if (rest.length === 0) return whole;
  return `${whole}.${rest.join('').slice(0, 2)}`;
}

/** A whole number of points typed by the clerk; '' means none. */
export function parsePoints(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  if (!/^\d{1,9}$/.test(trimmed)) return null;
  return Number.parseInt(trimmed, 10);
}

/** The member's 16 digits typed at the counter, spaces allowed; null unless exactly 16 digits. */
export function normalizeMemberDigits(text: string): string | null {
  const digits = text.replace(/[\s-]/g, '');
  return /^\d{16}$/.test(digits) ? digits : null;
}

/** '1234567812345678' → '1234 5678 1234 5678'. */
export function groupDigits(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** An API instant as Shanghai wall time, 'YYYY-MM-DD HH:mm' (business times are Asia/Shanghai). */
export function shanghaiDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Ledger reasons as the member reads them. */
export const REASON_LABELS: Record<LedgerReason, string> = {
  earn: '消费得积分',
  spend: '积分抵扣',
  reverse_earn: '退款扣回',
  reverse_spend: '退款返还',
  exchange: '积分兑换',
  opening_balance: '期初积分',
  forfeit: '注销清零',
};

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/**
 * Opening hours in one line: '每天 10:00–22:00', or runs of days with the same hours
 * ('周一至周五 10:00–21:30；周六至周日 10:00–22:00').
 */
export function openingHoursText(hours: OpeningHours[]): string {
  const sorted = [...hours].sort((a, b) => a.weekday - b.weekday);
  if (sorted.length === 0) return '暂无营业时间';
  const groups: Array<{ from: number; to: number; span: string }> = [];
  for (const h of sorted) {
    const span = `${h.open}–${h.close}`;
    const last = groups[groups.length - 1];
    if (last && last.span === span && last.to === h.weekday - 1) last.to = h.weekday;
    else groups.push({ from: h.weekday, to: h.weekday, span });
  }
  if (groups.length === 1 && sorted.length === 7) return `每天 ${groups[0]!.span}`;
  return groups.map((g) => `${g.from === g.to ? WEEKDAYS[g.from] : `${WEEKDAYS[g.from]}至${WEEKDAYS[g.to]}`} ${g.span}`).join('；');
}

/** Whether a store is open now, by Shanghai time (closing times after midnight are not used here). */
export function isOpenNow(hours: OpeningHours[], now = Date.now()): boolean {
  const shanghai = new Date(now + SHANGHAI_OFFSET_MS);
  const weekday = ((shanghai.getUTCDay() + 6) % 7) + 1;
  const hhmm = shanghai.toISOString().slice(11, 16);
  return hours.some((h) => h.weekday === weekday && h.open <= hhmm && hhmm < h.close);
}
