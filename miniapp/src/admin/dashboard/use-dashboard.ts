/**
 * 数据看板's model: the period (日 / 周 / 月) and the day looked at, moved with ‹ ›; HQ's scope (the
 * chain and every store side by side, or one store); the dashboard read for them; the trend the chart
 * draws; and HQ's CSV of the table. The page holds only layout.
 */
import { useMemo, useState } from 'react';
import type { StaffSummary } from '../../../../shared/api';
import { dashboardRoutes } from '../../../../shared/contract/routes/dashboard';
import { routes } from '../../../../shared/contract/routes';
import type { DashboardPeriod } from '../../../../shared/schemas/dashboard';
import { shanghaiDate } from '../../../../shared/dates';
import { callRoute } from '../../api/client';
import { downloadText, savesWechatFile, writeAndShareWechatFile } from '../../lib/save-file';
import { useLoad } from '../../lib/use-load';
import { dashboardCsv, dashboardCsvName, dateForPeriod, hasNextPeriod, periodTitle, shiftPeriod, trendData, type TrendMetric } from './dashboard-text';

/** HQ's scope: 'all' (the chain and each store), or one store's id. A manager always reads their own store. */
export type DashboardScopeChoice = 'all' | string;

export function useDashboard(staff: StaffSummary) {
  const isHq = staff.role === 'hq';
  const [today] = useState(() => shanghaiDate());
  const [period, setPeriodState] = useState<DashboardPeriod>('day');
  const [date, setDate] = useState(today);
  const [scope, setScope] = useState<DashboardScopeChoice>('all');
  const [metric, setMetric] = useState<TrendMetric>('visits');
  const [exportNote, setExportNote] = useState<string | null>(null);

  const stores = useLoad(() => callRoute(routes.storesList), [], { enabled: isHq, reloadOnShow: false });
  const storeId = isHq && scope !== 'all' ? scope : undefined;
  // The old figures stay on screen while ‹ › or another period loads.
  const board = useLoad(() => callRoute(dashboardRoutes.adminDashboard, { query: { period, date, storeId } }), [period, date, storeId], { keepPrevious: true });

  const trend = useMemo(() => (board.data ? trendData(board.data.scopes, metric) : []), [board.data, metric]);

  /** HQ: the table as CSV — downloaded on H5, saved and forwarded on WeChat. */
  const exportCsv = async () => {
    const data = board.data;
    if (!data) return;
    setExportNote(null);
    const name = dashboardCsvName(data);
    try {
      if (savesWechatFile) {
        const sent = await writeAndShareWechatFile(name, dashboardCsv(data));
        if (sent) setExportNote(`已发送 ${name}`);
      } else {
        downloadText(name, dashboardCsv(data), 'text/csv;charset=utf-8');
        setExportNote(`已开始下载 ${name}`);
      }
    } catch {
      setExportNote('导出失败，请重试');
    }
  };

  return {
    isHq,
    today,
    period,
    date,
    title: periodTitle(period, date, today),
    hasNext: hasNextPeriod(period, date, today),
    scope,
    stores: stores.data?.items ?? [],
    metric,
    trend,
    board,
    exportNote,
    setPeriod: (p: DashboardPeriod) => {
      setPeriodState(p);
      setDate((d) => dateForPeriod(d, today));
    },
    previous: () => setDate((d) => shiftPeriod(period, d, -1)),
    next: () => setDate((d) => (hasNextPeriod(period, d, today) ? dateForPeriod(shiftPeriod(period, d, 1), today) : d)),
    setScope,
    setMetric,
    exportCsv,
    savesWechatFile,
  };
}

export type Dashboard = ReturnType<typeof useDashboard>;
