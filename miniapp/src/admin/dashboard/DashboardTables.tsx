import { Text, View } from '@tarojs/components';
import type { DashboardResponse } from '../../../../shared/schemas/dashboard';
import { figureTable, formatCount, formatRate, headlineCards, segmentRows } from './dashboard-text';

/** The headline figures as cards, two to a row (HQ: the chain's; a manager: the store's). */
export function DashboardCards({ board }: { board: DashboardResponse }) {
  return (
    <View className="tk-dash-cards">
      {headlineCards(board).map((card) => (
        <View key={card.key} className={`tk-dash-card tk-dash-card-${card.key} ${card.alert ? 'tk-dash-card-alert' : ''}`}>
          <Text className="tk-dash-card-label">{card.label}</Text>
          <Text className="tk-dash-card-value">{card.value}</Text>
          {card.note ? <Text className="tk-dash-card-note">{card.note}</Text> : null}
        </View>
      ))}
    </View>
  );
}

/** A table inside a box that scrolls sideways on a narrow screen: a header row, then one row per line. */
function Table({ className, head, rows }: { className: string; head: string[]; rows: Array<{ key: string; cells: string[] }> }) {
  return (
    <View className="tk-dash-scroll">
      <View className={`tk-dash-table ${className}`} role="table">
        <View className="tk-dash-tr tk-dash-thead" role="row">
          {head.map((h, i) => (
            <View key={i} className={`tk-dash-th ${i === 0 ? 'tk-dash-first' : ''}`} role="columnheader">
              {h}
            </View>
          ))}
        </View>
        {rows.map((row) => (
          <View key={row.key} className={`tk-dash-tr tk-dash-row-${row.key}`} role="row">
            {row.cells.map((cell, i) => (
              <View key={i} className={`tk-dash-td ${i === 0 ? 'tk-dash-first' : ''}`} role={i === 0 ? 'rowheader' : 'cell'}>
                {cell}
              </View>
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}

/** Every figure, the scopes side by side (HQ: 全部门店 and each store). */
export function FigureTable({ board }: { board: DashboardResponse }) {
  const table = figureTable(board);
  return <Table className="tk-dash-figures" head={['指标', ...table.columns]} rows={table.rows.map((r) => ({ key: r.key, cells: [r.label, ...r.cells] }))} />;
}

/** 发券 / 核销 / 核销率 per coupon template and per campaign (生日礼, 唤醒: redeemed within 30 days). */
export function CouponTables({ board }: { board: DashboardResponse }) {
  return (
    <>
      <Text className="tk-section-title">券模板核销</Text>
      {board.templates.length > 0 ? (
        <Table
          className="tk-dash-templates"
          head={['券模板', '发券', '核销', '核销率']}
          rows={board.templates.map((t) => ({ key: t.templateId, cells: [t.name, formatCount(t.issued), formatCount(t.redeemed), formatRate(t.redemptionRate)] }))}
        />
      ) : (
        <Text className="tk-muted tk-dash-none">本期没有发券或核销</Text>
      )}
      <Text className="tk-section-title">营销活动</Text>
      {board.campaigns.length > 0 ? (
        <Table
          className="tk-dash-campaigns"
          head={['活动', '发券', '30 天内核销', '核销率']}
          rows={board.campaigns.map((c) => ({ key: c.campaignId, cells: [c.name, formatCount(c.issued), formatCount(c.redeemedWithin30Days), formatRate(c.redemptionRate)] }))}
        />
      ) : (
        <Text className="tk-muted tk-dash-none">本期没有活动发券</Text>
      )}
    </>
  );
}

/** 会员分层 (HQ): members by segment, chain-wide, now. */
export function SegmentTable({ board }: { board: DashboardResponse }) {
  if (board.segments.length === 0) return null;
  return (
    <>
      <Text className="tk-section-title">会员分层（全连锁，当前）</Text>
      <Table className="tk-dash-segments" head={['分层', '会员数', '占比']} rows={segmentRows(board).map((s) => ({ key: s.segment, cells: [s.label, s.members, s.share] }))} />
    </>
  );
}
