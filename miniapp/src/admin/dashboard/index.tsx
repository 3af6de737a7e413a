import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { StaffSummary } from '../../../../shared/api';
import { Loadable } from '../../components/Loadable';
import { TrendChart } from '../../components/TrendChart';
import { Button } from '../../components/ui';
import { shortStoreName } from '../../lib/booking';
import { staffPage } from '../../lib/staff-gate';
import { Chips } from '../Chips';
import { CouponTables, DashboardCards, FigureTable, SegmentTable } from './DashboardTables';
import { PeriodBar } from './PeriodBar';
import { TREND_METRICS, type TrendMetric } from './dashboard-text';
import { useDashboard } from './use-dashboard';
import './index.scss';

/**
 * 数据看板 — a manager's store, or HQ's chain and each store side by side, for a Shanghai day, week or
 * month: the headline figures as cards, the trend as a chart (AntV F2), every figure in a table, coupon
 * redemption per template and campaign, and for HQ the points liability, segments and a CSV export.
 */
export default staffPage('managers', 'tk-dashboard-page', DashboardPage);

function DashboardPage({ staff }: { staff: StaffSummary }) {
  const dash = useDashboard(staff);
  const { board } = dash;
  usePullDownRefresh(() => {
    void board.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const metrics = Object.entries(TREND_METRICS).map(([value, label]) => ({ value: value as TrendMetric, label }));

  return (
    <>
      <View className="tk-dash-head">
        <Text className="tk-dash-title">{dash.isHq ? '全部门店的数据看板' : `${shortStoreName(staff.storeName ?? '')}的数据看板`}</Text>
        <Text className="tk-muted">按上海时间统计；周为周一至周日</Text>
      </View>

      <PeriodBar dash={dash} />

      <Loadable state={board} loadingText="正在统计…">
        {(data) => (
          <View className={`tk-dash-body ${board.loading ? 'tk-dash-stale' : ''}`} data-from={data.from} data-to={data.to} data-period={data.period}>
            <DashboardCards board={data} />

            <View className="tk-dash-section tk-dash-trend">
              <Text className="tk-section-title">趋势</Text>
              <Chips className="tk-dash-metrics" options={metrics} value={dash.metric} onChange={dash.setMetric} />
              <TrendChart data={dash.trend} label={`${TREND_METRICS[dash.metric]}按日趋势`} />
            </View>

            <View className="tk-dash-section">
              <View className="tk-dash-section-head">
                <Text className="tk-section-title">各项指标</Text>
                {dash.isHq ? (
                  <Button className="tk-dash-export tk-tap" size="small" fill="outline" onClick={() => void dash.exportCsv()}>
                    {dash.savesWechatFile ? '导出 CSV 并发送' : '导出 CSV'}
                  </Button>
                ) : null}
              </View>
              {dash.exportNote ? <Text className="tk-muted tk-dash-export-note">{dash.exportNote}</Text> : null}
              <FigureTable board={data} />
            </View>

            <View className="tk-dash-section">
              <CouponTables board={data} />
            </View>

            {data.segments.length > 0 ? (
              <View className="tk-dash-section">
                <SegmentTable board={data} />
              </View>
            ) : null}
          </View>
        )}
      </Loadable>
    </>
  );
}
