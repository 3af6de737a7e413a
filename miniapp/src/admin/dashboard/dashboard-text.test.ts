import { DashboardResponse, type DashboardFigures } from '../../../../shared/schemas/dashboard';
import {
  dashboardCsv,
  dashboardCsvName,
  dateForPeriod,
  figureTable,
  formatCount,
  formatRate,
  formatRating,
  hasNextPeriod,
  headlineCards,
  periodRange,
  periodTitle,
  segmentRows,
  shiftPeriod,
  trendData,
} from './dashboard-text';

const figures = (f: Partial<DashboardFigures> = {}): DashboardFigures => ({
  visits: 0,
  membersServed: 0,
  newMembers: 0,
  repeatMembers: 0,
  repeatRate: null,
  crossStoreVisits: 0,
  crossStoreShare: null,
  pointsIssued: 0,
  pointsRedeemed: 0,
  couponsIssued: 0,
  couponsRedeemed: 0,
  bookings: 0,
  noShows: 0,
  noShowRate: null,
  ratings: 0,
  averageRating: null,
  openFollowUps: 0,
  overdueFollowUps: 0,
  ...f,
});

const point = (date: string, visits: number) => ({
  date,
  visits,
  membersServed: visits,
  pointsIssued: 0,
  pointsRedeemed: 0,
  couponsRedeemed: 0,
  bookings: 0,
  noShows: 0,
  averageRating: null,
});

/** HQ's week: the chain, then two stores (the schema parses it, so the fixture stays true to the contract). */
const hqWeek = DashboardResponse.parse({
  period: 'week',
  from: '2026-11-30',
  to: '2026-12-06',
  scopes: [
    {
      storeId: null,
      name: '沪上茶点',
      figures: figures({
        visits: 1234,
        membersServed: 8,
        repeatMembers: 1,
        repeatRate: 0.125,
        crossStoreShare: 0.5,
        noShowRate: 1 / 3,
        averageRating: 4.25,
        ratings: 4,
        overdueFollowUps: 1,
        openFollowUps: 2,
      }),
      trend: [point('2026-11-30', 3), point('2026-12-01', 1)],
    },
    { storeId: 'jingan', name: '沪上茶点·静安寺店', figures: figures({ visits: 1000, repeatRate: 0 }), trend: [point('2026-11-30', 2), point('2026-12-01', 1)] },
    { storeId: 'xuhui', name: '沪上茶点·徐汇店', figures: figures({ visits: 234 }), trend: [point('2026-11-30', 1), point('2026-12-01', 0)] },
  ],
  templates: [{ templateId: 't1', name: '满100减20', issued: 10, redeemed: 4, redemptionRate: 0.4 }],
  campaigns: [{ campaignId: 'birthday', name: '生日礼', issued: 0, redeemedWithin30Days: 0, redemptionRate: null }],
  pointsOutstanding: { points: 123456, liabilityFen: 123456 },
  segments: [
    { segment: 'new', members: 3 },
    { segment: 'active', members: 1 },
    { segment: 'at_risk', members: 0 },
    { segment: 'dormant', members: 0 },
    { segment: 'regular', members: 0 },
  ],
});

describe('数据看板 periods (Shanghai days)', () => {
  it('covers a day, a Monday-to-Sunday week and a calendar month', () => {
    expect(periodRange('day', '2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-11-30' });
    // 2026-11-30 is a Monday; 2026-12-06 a Sunday, which belongs to the week before it.
    expect(periodRange('week', '2026-12-03')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(periodRange('week', '2026-12-06')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(periodRange('month', '2026-02-14')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodRange('month', '2028-02-29')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodRange('month', '2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('moves ‹ › by one period, across month and year ends', () => {
    expect(shiftPeriod('day', '2026-12-01', -1)).toBe('2026-11-30');
    expect(shiftPeriod('week', '2026-12-03', -1)).toBe('2026-11-23');
    expect(shiftPeriod('week', '2026-12-03', 1)).toBe('2026-12-07');
    expect(shiftPeriod('month', '2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftPeriod('month', '2026-01-15', -1)).toBe('2025-12-01');
  });

  it('offers › only while the next period has begun, and keeps a switched period out of the future', () => {
    expect(hasNextPeriod('day', '2026-11-30', '2026-11-30')).toBe(false);
    expect(hasNextPeriod('day', '2026-11-29', '2026-11-30')).toBe(true);
    expect(hasNextPeriod('week', '2026-11-23', '2026-11-30')).toBe(true);
    expect(hasNextPeriod('month', '2026-11-01', '2026-11-30')).toBe(false);
    expect(dateForPeriod('2026-12-07', '2026-11-30')).toBe('2026-11-30');
    expect(dateForPeriod('2026-11-07', '2026-11-30')).toBe('2026-11-07');
  });

  it('names the period between ‹ and › in Chinese', () => {
    expect(periodTitle('day', '2026-11-30', '2026-11-30')).toBe('今天 · 11月30日 周一');
    expect(periodTitle('day', '2026-11-29', '2026-11-30')).toBe('昨天 · 11月29日 周日');
    expect(periodTitle('day', '2025-12-31', '2026-01-02')).toBe('2025年12月31日 周三');
    expect(periodTitle('week', '2026-12-02', '2026-12-02')).toBe('本周 · 11月30日–12月6日');
    expect(periodTitle('week', '2026-11-23', '2026-12-02')).toBe('11月23日–11月29日');
    expect(periodTitle('month', '2026-11-03', '2026-11-30')).toBe('本月 · 2026年11月');
    expect(periodTitle('month', '2026-10-03', '2026-11-30')).toBe('2026年10月');
  });
});

describe('数据看板 figures', () => {
  it('shows rates as percentages, ratings to one decimal, and — when there is nothing to divide by', () => {
    expect(formatRate(0.125)).toBe('12.5%');
    expect(formatRate(0.5)).toBe('50%');
    expect(formatRate(1 / 3)).toBe('33.3%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('—');
    expect(formatRating(4.25)).toBe('4.3');
    expect(formatRating(5)).toBe('5.0');
    expect(formatRating(null)).toBe('—');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
  });

  it('shows HQ the chain’s cards with the points liability in yuan and overdue follow-ups flagged', () => {
    const cards = headlineCards(hqWeek);
    const card = (key: string) => cards.find((c) => c.key === key)!;
    expect(card('visits').value).toBe('1,234');
    expect(card('repeatRate').value).toBe('12.5%');
    expect(card('liability')).toMatchObject({ label: '积分负债', value: '¥1,234.56', note: '未使用 123,456 积分' });
    expect(card('noShowRate').value).toBe('33.3%');
    expect(card('averageRating')).toMatchObject({ value: '4.3', note: '4 条评价' });
    expect(card('followUps')).toMatchObject({ value: '2', note: '超时 1', alert: true });
  });

  it('shows a manager no liability card (HQ only)', () => {
    const manager = { ...hqWeek, scopes: [hqWeek.scopes[1]!], pointsOutstanding: null, segments: [] };
    expect(headlineCards(manager).map((c) => c.key)).not.toContain('liability');
    expect(headlineCards(manager).find((c) => c.key === 'visits')!.value).toBe('1,000');
  });

  it('lays the chain and each store side by side, every figure a row', () => {
    const table = figureTable(hqWeek);
    expect(table.columns).toEqual(['全部门店', '静安寺店', '徐汇店']);
    const row = (label: string) => table.rows.find((r) => r.label === label)!.cells;
    expect(row('到店次数')).toEqual(['1,234', '1,000', '234']);
    expect(row('复购率')).toEqual(['12.5%', '0%', '—']);
    expect(table.rows.map((r) => r.label)).toEqual(
      expect.arrayContaining(['服务会员', '新会员', '跨店消费占比', '发放积分', '使用积分', '发券', '核销', '预约', '爽约', '爽约率', '平均评分', '待跟进', '超时跟进']),
    );
  });

  it('names the segments in Chinese with their share of all members', () => {
    expect(segmentRows(hqWeek).slice(0, 2)).toEqual([
      { segment: 'new', label: '新客', members: '3', share: '75%' },
      { segment: 'active', label: '活跃', members: '1', share: '25%' },
    ]);
  });

  it('draws one line per scope, day by day', () => {
    expect(trendData(hqWeek.scopes, 'visits')).toEqual([
      { day: '11/30', value: 3, series: '全部门店' },
      { day: '12/1', value: 1, series: '全部门店' },
      { day: '11/30', value: 2, series: '静安寺店' },
      { day: '12/1', value: 1, series: '静安寺店' },
      { day: '11/30', value: 1, series: '徐汇店' },
      { day: '12/1', value: 0, series: '徐汇店' },
    ]);
  });
});

describe('数据看板 CSV', () => {
  it('exports one row per scope under Chinese headers, BOM first, CRLF, empty where a rate has no base', () => {
    const text = dashboardCsv(hqWeek);
    expect(text.startsWith('\ufeff门店,周期,开始日期,结束日期,到店次数,服务会员,新会员,复购会员,复购率,')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toHaveLength(5); // header, three scopes, and the empty string after the last CRLF
    expect(lines[4]).toBe('');
    expect(lines[1]!.startsWith('全部门店,周,2026-11-30,2026-12-06,1234,8,0,1,12.5%,0,50%,')).toBe(true);
    expect(lines[1]!.endsWith(',4,4.3,2,1')).toBe(true);
    expect(lines[3]!.split(',')[8]).toBe('');
    expect(dashboardCsvName(hqWeek)).toBe('tongka-dashboard-week-2026-11-30-2026-12-06.csv');
    expect(dashboardCsvName({ period: 'day', from: '2026-11-30', to: '2026-11-30' })).toBe('tongka-dashboard-day-2026-11-30.csv');
  });
});
