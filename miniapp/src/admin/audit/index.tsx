import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { StaffSummary } from '../../../../shared/api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loadable } from '../../components/Loadable';
import { Button } from '../../components/ui';
import { shortStoreName } from '../../lib/booking';
import { staffPage } from '../../lib/staff-gate';
import { AuditFilters } from './AuditFilters';
import { AuditRow } from './AuditRow';
import { useAuditLog } from './use-audit-log';
import './index.scss';

/**
 * 审计日志 — every staff read or change of a member, and of staff accounts, coupons and campaigns,
 * on the chosen day, newest first: HQ the whole chain (or one store, or 总部's own entries), a
 * manager their own store. Filtered by staff member, member number and action; 加载更多 pages on.
 */
export default staffPage('managers', 'tk-audit-page', Audit);

function Audit({ staff }: { staff: StaffSummary }) {
  const audit = useAuditLog(staff);
  const { log, isHq } = audit;
  usePullDownRefresh(() => {
    void log.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const filtered = audit.filters.staffId !== null || audit.filters.memberNoText !== '' || audit.filters.action !== null;

  return (
    <>
      <View className="tk-audit-head">
        <Text className="tk-audit-title">{isHq ? '全部门店的审计日志' : `${shortStoreName(staff.storeName ?? '')}的审计日志`}</Text>
        <Text className="tk-muted">员工每次查看或修改会员资料、管理员工与优惠券都会记录在此</Text>
      </View>

      <AuditFilters audit={audit} />

      <Loadable
        state={log}
        isEmpty={(page) => page.items.length === 0 && !page.nextCursor}
        empty={
          <EmptyState
            className="tk-audit-empty"
            title={filtered ? '没有符合筛选条件的记录' : '当天没有审计记录'}
            description={filtered ? '换个条件或清除筛选再看看' : undefined}
          />
        }
      >
        {(page) => (
          <View className="tk-audit-list">
            {page.items.map((entry) => (
              <AuditRow key={entry.id} entry={entry} />
            ))}
            {log.moreError ? <ErrorBlock message={log.moreError} onRetry={() => void log.loadMore()} /> : null}
            {page.nextCursor ? (
              <View className="tk-form-actions">
                <Button className="tk-load-more tk-audit-more" block fill="outline" disabled={log.loadingMore} onClick={() => void log.loadMore()}>
                  {log.loadingMore ? '加载中…' : '加载更多'}
                </Button>
              </View>
            ) : (
              <Text className="tk-audit-end">没有更多了</Text>
            )}
          </View>
        )}
      </Loadable>
    </>
  );
}
