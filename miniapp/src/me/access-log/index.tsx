import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { AccessLogEntry } from '../../../../shared/schemas/audit';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loadable } from '../../components/Loadable';
import { MemberPage } from '../../components/MemberPage';
import { Button } from '../../components/ui';
import { shanghaiTime } from '../../lib/booking';
import { byDay } from './access-log-text';
import { useAccessLog } from './use-access-log';
import './index.scss';

function AccessRow({ entry }: { entry: AccessLogEntry }) {
  return (
    <View className={`tk-access-row tk-access-${entry.action}`}>
      <Text className="tk-access-time tk-nowrap">{shanghaiTime(entry.at)}</Text>
      <View className="tk-access-main">
        <Text className="tk-access-who">
          <Text className="tk-access-store">{entry.storeName}</Text>
          {' · '}
          <Text className="tk-access-role">{entry.roleText}</Text>
        </Text>
        <Text className="tk-access-action">{entry.actionText}</Text>
      </View>
    </View>
  );
}

/**
 * 访问记录 — which store, and which kind of staff (店员、店长、总部; never who), looked at or changed
 * the member's record, and when, newest first by day (PIPL: the member sees who handles their data).
 */
export default function AccessLogPage() {
  return <MemberPage className="tk-access-log-page">{() => <AccessLog />}</MemberPage>;
}

function AccessLog() {
  const log = useAccessLog();
  usePullDownRefresh(() => {
    void log.reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <>
      <Text className="tk-access-intro">每次门店员工查看或修改您的会员资料（扫码、手机号查询、积分入账、撤销等）都会记录在这里。只显示门店和岗位，不显示员工个人信息。</Text>
      <Loadable
        state={log}
        isEmpty={(page) => page.items.length === 0}
        empty={<EmptyState className="tk-access-empty" title="还没有访问记录" description="门店员工查看或修改您的资料后会显示在这里" />}
      >
        {(page) => (
          <View className="tk-access-list">
            {byDay(page.items).map((day) => (
              <View key={day.date} className="tk-access-day" data-date={day.date}>
                <Text className="tk-section-title tk-access-day-title">{day.heading}</Text>
                <View className="tk-access-day-items">
                  {day.items.map((entry) => (
                    <AccessRow key={entry.id} entry={entry} />
                  ))}
                </View>
              </View>
            ))}
            {log.moreError ? <ErrorBlock message={log.moreError} onRetry={() => void log.loadMore()} /> : null}
            {page.nextCursor ? (
              <View className="tk-form-actions">
                <Button className="tk-load-more tk-access-more" block fill="outline" disabled={log.loadingMore} onClick={() => void log.loadMore()}>
                  {log.loadingMore ? '加载中…' : '加载更多'}
                </Button>
              </View>
            ) : (
              <Text className="tk-access-end">没有更多了</Text>
            )}
          </View>
        )}
      </Loadable>
    </>
  );
}
