import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { LedgerEntry } from '../../../../shared/api';
import { getLedger, messageOf } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loading } from '../../components/Loading';
import { Button } from '../../components/ui';
import { REASON_LABELS, shanghaiDateTime } from '../../lib/format';
import { useSignedInShow } from '../../lib/use-signed-in';
import './index.scss';

const PAGE_SIZE = 20;

/** The member's points ledger, newest first; re-read from the top on every show. */
export default function LedgerPage() {
  const [items, setItems] = useState<LedgerEntry[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Answers from an older reload are dropped. */
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const page = await getLedger(null, PAGE_SIZE);
      if (mine !== generation.current) return;
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      if (mine === generation.current) setError(messageOf(err));
    }
  }, []);

  const loadMore = useCallback(async () => {
    if (!nextCursor || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    try {
      const page = await getLedger(nextCursor, PAGE_SIZE);
      if (mine !== generation.current) return;
      setItems((prev) => {
        const seen = new Set((prev ?? []).map((i) => i.id));
        return [...(prev ?? []), ...page.items.filter((i) => !seen.has(i.id))];
      });
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setLoadingMore(false);
    }
  }, [nextCursor, loadingMore]);

  useSignedInShow(() => {
    void reload();
  });
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    void loadMore();
  });

  return (
    <View className="tk-page tk-ledger-page">
      {error ? <ErrorBlock message={error} onRetry={() => void (items ? loadMore() : reload())} /> : null}
      {items === null ? (
        error ? null : <Loading />
      ) : items.length === 0 ? (
        <EmptyState title="还没有积分记录" description="在任意门店消费即可获得积分" />
      ) : (
        <View className="tk-ledger">
          {items.map((item) => (
            <View key={item.id} className={`tk-ledger-item tk-ledger-${item.reason}`}>
              <View className="tk-ledger-main">
                <Text className="tk-ledger-reason">{REASON_LABELS[item.reason]}</Text>
                <Text className="tk-ledger-store">
                  {item.storeName}
                  {item.receiptNo ? ` · 小票 ${item.receiptNo}` : ''}
                </Text>
                <Text className="tk-ledger-time">{shanghaiDateTime(item.at)}</Text>
              </View>
              <View className="tk-ledger-side">
                <Text className={`tk-ledger-delta ${item.delta >= 0 ? 'tk-plus' : 'tk-minus'}`}>
                  {item.delta > 0 ? `+${item.delta}` : `${item.delta}`}
                </Text>
                <Text className="tk-ledger-balance">余额 {item.balanceAfter}</Text>
              </View>
            </View>
          ))}
          {nextCursor ? (
            <View className="tk-form-actions">
              <Button className="tk-load-more" block fill="outline" disabled={loadingMore} onClick={() => void loadMore()}>
                {loadingMore ? '加载中…' : '加载更多'}
              </Button>
            </View>
          ) : (
            <Text className="tk-ledger-end">没有更多了</Text>
          )}
        </View>
      )}
    </View>
  );
}
