/**
 * 数据看板's words, numbers and periods, out of the page: which Shanghai days a 日 / 周 / 月 covers and
 * where ‹ › lead, every figure as the screen shows it (rates as percentages, money in yuan, — where
 * there is nothing to divide by), the side-by-side table, the trend lines and the CSV.
 */
import type { DashboardFigures, DashboardPeriod, DashboardResponse, DashboardScope, DashboardTrendPoint } from '../../../../shared/schemas/dashboard';
import { addDays } from '../../../../shared/dates';
import { formatYuan } from '../../../../shared/money';
import { SEGMENT_LABELS } from '../../../../shared/segments';
import { shortStoreName } from '../../lib/booking';
import { csvText, type CsvCell } from '../../lib/csv';

export const PERIOD_LABELS: Record<DashboardPeriod, string> = { day: '日', week: '周', month: '月' };
export const PERIODS: DashboardPeriod[] = ['day', 'week', 'month'];

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The first and last Shanghai day of the period holding `date`: a week runs Monday to Sunday. */
export function periodRange(period: DashboardPeriod, date: string): { from: string; to: string } {
  if (period === 'day') return { from: date, to: date };
  if (period === 'week') {
    const from = addDays(date, -((weekday(date) + 6) % 7));
    return { from, to: addDays(from, 6) };
  }
  const from = `${date.slice(0, 7)}-01`;
  return { from, to: addDays(monthStart(from, 1), -1) };
}

/** The first day of the month `months` after the one starting at `first` ('YYYY-MM-01'). */
function monthStart(first: string, months: number): string {
  const index = Number(first.slice(0, 4)) * 12 + Number(first.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** A day of the period `step` periods away (‹: -1, ›: +1): its first day. */
export function shiftPeriod(period: DashboardPeriod, date: string, step: number): string {
  const { from } = periodRange(period, date);
  if (period === 'day') return addDays(from, step);
  if (period === 'week') return addDays(from, 7 * step);
  return monthStart(from, step);
}

/** › is offered only while the next period has begun by today: the future has no figures. */
export const hasNextPeriod = (period: DashboardPeriod, date: string, today: string): boolean => shiftPeriod(period, date, 1) <= today;

/** Switching 日 / 周 / 月 keeps the day looked at, unless it is after today (then today). */
export const dateForPeriod = (date: string, today: string): string => (date > today ? today : date);

const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** What ‹ › stand between: '今天 · 11月30日 周一', '本周 · 11月30日–12月6日', '2026年11月'. */
export function periodTitle(period: DashboardPeriod, date: string, today: string): string {
  const { from, to } = periodRange(period, date);
  const current = today >= from && today <= to;
  if (period === 'day') {
    const named = date === today ? '今天 · ' : date === addDays(today, -1) ? '昨天 · ' : '';
    return `${named}${from.slice(0, 4) === today.slice(0, 4) ? '' : `${from.slice(0, 4)}年`}${monthDay(date)} ${WEEKDAYS[weekday(date)]}`;
  }
  if (period === 'week') return `${current ? '本周 · ' : ''}${monthDay(from)}–${monthDay(to)}`;
  return `${current ? '本月 · ' : ''}${from.slice(0, 4)}年${Number(from.slice(5, 7))}月`;
}

/** 12,345 */
export const formatCount = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 0.125 → '12.5%', 0.5 → '50%'; null (nothing to divide by) → '—'. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1).replace(/\.0$/, '')}%`;
}

/** 4.25 → '4.3'; null (no rating) → '—'. */
export const formatRating = (average: number | null): string => (average === null ? '—' : (Math.round(average * 10) / 10).toFixed(1));

/** '静安寺店', or '全部门店' for the chain. */
export const scopeName = (scope: Pick<DashboardScope, 'storeId' | 'name'>): string => (scope.storeId === null ? '全部门店' : shortStoreName(scope.name));

/** One figure of a scope: its label, the screen's text and the CSV's cell. */
export interface FigureDef {
  key: string;
  label: string;
  text: (f: DashboardFigures) => string;
  csv: (f: DashboardFigures) => CsvCell;
}

const count = (key: keyof DashboardFigures, label: string): FigureDef => ({
  key,
  label,
  text: (f) => formatCount(f[key] as number),
  csv: (f) => f[key] as number,
});
const rate = (key: keyof DashboardFigures, label: string): FigureDef => ({
  key,
  label,
  text: (f) => formatRate(f[key] as number | null),
  csv: (f) => (f[key] === null ? null : formatRate(f[key] as number)),
});

/** Every figure of a scope, in the order of the table and the CSV. */
export const FIGURES: FigureDef[] = [
  count('visits', '到店次数'),
  count('membersServed', '服务会员'),
  count('newMembers', '新会员'),
  count('repeatMembers', '复购会员'),
  rate('repeatRate', '复购率'),
  count('crossStoreVisits', '跨店到店'),
  rate('crossStoreShare', '跨店消费占比'),
  count('pointsIssued', '发放积分'),
  count('pointsRedeemed', '使用积分'),
  count('couponsIssued', '发券'),
  count('couponsRedeemed', '核销'),
  count('bookings', '预约'),
  count('noShows', '爽约'),
  rate('noShowRate', '爽约率'),
  count('ratings', '评价数'),
  {
    key: 'averageRating',
    label: '平均评分',
    text: (f) => formatRating(f.averageRating),
    csv: (f) => (f.averageRating === null ? null : Number(formatRating(f.averageRating))),
  },
  count('openFollowUps', '待跟进'),
  count('overdueFollowUps', '超时跟进'),
];

/** The cards above the table: the main scope's headline figures (HQ: the chain's), with a note under some. */
export interface Card {
  key: string;
  label: string;
  value: string;
  note?: string;
  /** Shown as a warning (overdue follow-ups). */
  alert?: boolean;
}

export function headlineCards(board: DashboardResponse): Card[] {
  const main = board.scopes[0];
  if (!main) return [];
  const f = main.figures;
  const cards: Card[] = [
    { key: 'visits', label: '到店次数', value: formatCount(f.visits) },
    { key: 'membersServed', label: '服务会员', value: formatCount(f.membersServed) },
    { key: 'newMembers', label: '新会员', value: formatCount(f.newMembers) },
    { key: 'repeatRate', label: '复购率', value: formatRate(f.repeatRate), note: '30 天内到店 ≥2 次' },
    { key: 'crossStoreShare', label: '跨店消费占比', value: formatRate(f.crossStoreShare) },
    { key: 'points', label: '发放 / 使用积分', value: `${formatCount(f.pointsIssued)} / ${formatCount(f.pointsRedeemed)}` },
  ];
  if (board.pointsOutstanding) {
    cards.push({
      key: 'liability',
      label: '积分负债',
      value: formatYuan(board.pointsOutstanding.liabilityFen),
      note: `未使用 ${formatCount(board.pointsOutstanding.points)} 积分`,
    });
  }
  cards.push(
    { key: 'coupons', label: '发券 / 核销', value: `${formatCount(f.couponsIssued)} / ${formatCount(f.couponsRedeemed)}` },
    { key: 'noShowRate', label: '爽约率', value: formatRate(f.noShowRate), note: `预约 ${formatCount(f.bookings)} · 爽约 ${formatCount(f.noShows)}` },
    { key: 'averageRating', label: '平均评分', value: formatRating(f.averageRating), note: `${formatCount(f.ratings)} 条评价` },
    { key: 'followUps', label: '待跟进', value: formatCount(f.openFollowUps), note: `超时 ${formatCount(f.overdueFollowUps)}`, alert: f.overdueFollowUps > 0 },
  );
  return cards;
}

/** The side-by-side table: one column per scope (HQ: 全部门店 then each store), one row per figure. */
export function figureTable(board: DashboardResponse): { columns: string[]; rows: Array<{ key: string; label: string; cells: string[] }> } {
  return {
    columns: board.scopes.map(scopeName),
    rows: FIGURES.map((def) => ({ key: def.key, label: def.label, cells: board.scopes.map((s) => def.text(s.figures)) })),
  };
}

/** 会员分层 (HQ): every segment in the schema's order with its share of all members. */
export function segmentRows(board: DashboardResponse): Array<{ segment: string; label: string; members: string; share: string }> {
  const total = board.segments.reduce((sum, s) => sum + s.members, 0);
  return board.segments.map((s) => ({
    segment: s.segment,
    label: SEGMENT_LABELS[s.segment],
    members: formatCount(s.members),
    share: formatRate(total > 0 ? s.members / total : null),
  }));
}

/** The lines a trend chart can draw, by the name on its chip. */
export const TREND_METRICS = {
  visits: '到店次数',
  membersServed: '服务会员',
  pointsIssued: '发放积分',
  couponsRedeemed: '核销',
  bookings: '预约',
} satisfies Partial<Record<keyof DashboardTrendPoint, string>>;
export type TrendMetric = keyof typeof TREND_METRICS;

/** One point of a chart: the day ('11/30'), the value and which line (the scope's name). */
export interface TrendDatum {
  day: string;
  value: number;
  series: string;
}

/** The chart's points: one line per scope (HQ: the chain and each store side by side), day by day. */
export function trendData(scopes: DashboardScope[], metric: TrendMetric): TrendDatum[] {
  return scopes.flatMap((scope) =>
    scope.trend.map((point) => ({ day: `${Number(point.date.slice(5, 7))}/${Number(point.date.slice(8, 10))}`, value: point[metric], series: scopeName(scope) })),
  );
}

/** The CSV of the table: one row per scope, the figures as columns under Chinese headers. */
export function dashboardCsv(board: DashboardResponse): string {
  const header = ['门店', '周期', '开始日期', '结束日期', ...FIGURES.map((f) => f.label)];
  const rows = board.scopes.map((scope) => [scopeName(scope), PERIOD_LABELS[board.period], board.from, board.to, ...FIGURES.map((f) => f.csv(scope.figures))]);
  return csvText([header, ...rows]);
}

export const dashboardCsvName = (board: Pick<DashboardResponse, 'period' | 'from' | 'to'>): string =>
  `tongka-dashboard-${board.period}-${board.from}${board.to === board.from ? '' : `-${board.to}`}.csv`;
