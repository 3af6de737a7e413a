import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { LedgerEntry } from '../../../../shared/api';
import { getLedger } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loadable } from '../../components/Loadable';
import { MemberPage } from '../../components/MemberPage';
import { Button } from '../../components/ui';
import { STORES_PAGE } from '../../lib/routes';
import { REASON_LABELS, shanghaiDateTime } from '../../lib/format';
import { usePages } from '../../lib/use-pages';
import './index.scss';

const PAGE_SIZE = 20;

function LedgerItem({ item }: { item: LedgerEntry }) {
  return (
    <View className={`tk-ledger-item tk-ledger-${item.reason}`}>
      <View className="tk-ledger-main">
        <Text className="tk-ledger-reason">{REASON_LABELS[item.reason]}</Text>
        <Text className="tk-ledger-store">
          {item.storeName}
          {item.receiptNo ? (
            <>
              {' · '}
              <Text className="tk-nowrap">小票 {item.receiptNo}</Text>
            </>
          ) : null}
        </Text>
        <Text className="tk-ledger-time tk-nowrap">{shanghaiDateTime(item.at)}</Text>
      </View>
      <View className="tk-ledger-side">
        <Text className={`tk-ledger-delta ${item.delta >= 0 ? 'tk-plus' : 'tk-minus'}`}>{item.delta > 0 ? `+${item.delta}` : `${item.delta}`}</Text>
        <Text className="tk-ledger-balance tk-nowrap">余额 {item.balanceAfter}</Text>
      </View>
    </View>
  );
}

/** The member's points ledger, newest first; re-read from the top on every show. */
export default function LedgerPage() {
  return (
    <MemberPage className="tk-ledger-page" tab>
      {() => <Ledger />}
    </MemberPage>
  );
}

function Ledger() {
  const ledger = usePages((cursor) => getLedger(cursor, PAGE_SIZE), []);
  usePullDownRefresh(() => {
    void ledger.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    void ledger.loadMore();
  });

  return (
    <Loadable
      state={ledger}
      isEmpty={(page) => page.items.length === 0}
      empty={
        <EmptyState title="还没有积分记录" description="在任意门店消费即可获得积分" action={{ text: '查看门店', onTap: () => void Taro.switchTab({ url: STORES_PAGE }) }} />
      }
    >
      {(page) => (
        <View className="tk-ledger">
          {page.items.map((item) => (
            <LedgerItem key={item.id} item={item} />
          ))}
          {ledger.moreError ? <ErrorBlock message={ledger.moreError} onRetry={() => void ledger.loadMore()} /> : null}
          {page.nextCursor ? (
            <View className="tk-form-actions">
              <Button className="tk-load-more" block fill="outline" disabled={ledger.loadingMore} onClick={() => void ledger.loadMore()}>
                {ledger.loadingMore ? '加载中…' : '加载更多'}
              </Button>
            </View>
          ) : (
            <Text className="tk-ledger-end">没有更多了</Text>
          )}
        </View>
      )}
    </Loadable>
  );
}
