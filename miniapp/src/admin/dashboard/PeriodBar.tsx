import { Text, View } from '@tarojs/components';
import { shortStoreName } from '../../lib/booking';
import { Chips } from '../Chips';
import { PERIOD_LABELS, PERIODS } from './dashboard-text';
import type { Dashboard } from './use-dashboard';

/** 日 / 周 / 月, then ‹ the period › (no › past today), then HQ's scope: 全部门店 or one store. */
export function PeriodBar({ dash }: { dash: Dashboard }) {
  return (
    <View className="tk-dash-bar">
      <Chips className="tk-dash-periods" options={PERIODS.map((p) => ({ value: p, label: PERIOD_LABELS[p] }))} value={dash.period} onChange={dash.setPeriod} />
      <View className="tk-dash-nav">
        <View className="tk-dash-step tk-dash-prev tk-tap" role="button" aria-label="上一个周期" onClick={dash.previous}>
          <Text>‹</Text>
        </View>
        <Text className="tk-dash-period-title">{dash.title}</Text>
        <View
          className={`tk-dash-step tk-dash-next tk-tap ${dash.hasNext ? '' : 'tk-dash-step-off'}`}
          role="button"
          aria-label="下一个周期"
          aria-disabled={!dash.hasNext}
          onClick={dash.hasNext ? dash.next : undefined}
        >
          <Text>›</Text>
        </View>
      </View>
      {dash.isHq && dash.stores.length > 0 ? (
        <Chips
          className="tk-dash-scope"
          options={[{ value: 'all', label: '全部门店' }, ...dash.stores.map((s) => ({ value: s.id, label: shortStoreName(s.name) }))]}
          value={dash.scope}
          onChange={dash.setScope}
        />
      ) : null}
    </View>
  );
}
