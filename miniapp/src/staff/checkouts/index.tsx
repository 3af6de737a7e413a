import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { ReverseResponse, StoreCheckout } from '../../../../shared/api';
import { addDays, shanghaiDate } from '../../../../shared/dates';
import { formatYuan } from '../../../../shared/money';
import { ApiError, currentSession, getStoreCheckouts, messageOf, reverseCheckout, type Session } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loading } from '../../components/Loading';
import { StoreDayPicker } from '../../components/StoreDayPicker';
import { Button, Tag } from '../../components/ui';
import { shanghaiTime } from '../../lib/booking';
import { newIdempotencyKey } from '../../lib/checkout-attempts';
import { shanghaiDateTime } from '../../lib/format';
import { useHqStores } from '../../lib/use-hq-stores';
import { useSignedInLoad } from '../../lib/use-signed-in';
import './index.scss';

type Reversal = NonNullable<StoreCheckout['reversal']>;

/** What this page knows of a bill's refund beyond the list: its answer, or why it failed. */
interface RefundOutcome {
  result?: ReverseResponse;
  /** The reversal as made here, kept over reloads while the list (an index) has not caught up. */
  reversal?: Reversal;
  error?: string;
  retryable?: boolean;
}

const REVERSED_TAG = { background: '#eef0f3', color: '#8a8f99' };

/** Today and the six days before it, today first: bills are refunded after the fact, never ahead. */
function dayChoices(now = Date.now()): string[] {
  const today = shanghaiDate(now);
  return Array.from({ length: 7 }, (_, i) => addDays(today, -i));
}

/** '已退回 0 积分 · 扣回 150 积分 · 收回 1 张券 · 会员现有 320 积分'. */
function resultText(res: ReverseResponse): string {
  const parts = [`已退回 ${res.pointsRestored} 积分`, `扣回 ${res.pointsClawedBack} 积分`];
  if (res.couponsRestored.length > 0) parts.push(`退回 ${res.couponsRestored.length} 张券`);
  if (res.couponsWithdrawn.length > 0) parts.push(`收回 ${res.couponsWithdrawn.length} 张券`);
  parts.push(`会员现有 ${res.balance} 积分`);
  return parts.join(' · ');
}

/**
 * 收银记录 — a store's bills of the chosen day, newest first, for its manager (HQ picks the store):
 * what was paid and earned, and 撤销 to refund a mistaken bill. The list is read from an index that
 * may lag a moment behind, so a refund made here is shown from its answer, not from a reload.
 */
export default function StaffCheckoutsPage() {
  const [session, setSession] = useState<Session | null>(() => currentSession());
  const staff = session?.staff ?? null;
  const isHq = staff?.role === 'hq';
  const allowed = staff?.role === 'manager' || isHq;
  const [days] = useState(() => dayChoices());
  const [date, setDate] = useState(() => shanghaiDate());
  const [items, setItems] = useState<StoreCheckout[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // HQ belongs to no store: it picks one.
  const { stores, storeId, setStoreId } = useHqStores(staff, setError);
  const [outcomes, setOutcomes] = useState<Record<string, RefundOutcome>>({});
  const [busy, setBusy] = useState<string | null>(null);
  /** The Idempotency-Key of each bill's refund attempt still without a definite answer. */
  const pendingKeys = useRef(new Map<string, string>());
  const generation = useRef(0);

  const load = useCallback(async () => {
    if (!storeId || !allowed) return;
    const mine = ++generation.current;
    setError(null);
    try {
      const res = await getStoreCheckouts(date, isHq ? storeId : undefined);
      if (mine === generation.current) setItems(res.items);
    } catch (err) {
      if (mine === generation.current) setError(messageOf(err));
    }
  }, [date, storeId, isHq, allowed]);

  useSignedInLoad(load, { onShow: setSession, onChange: () => setItems(null) });

  const settle = (checkoutId: string, outcome: RefundOutcome) => setOutcomes((all) => ({ ...all, [checkoutId]: outcome }));

  /** 撤销 asks first; 重试 (after a lost answer) sends the same key again without asking. */
  const reverse = async (bill: StoreCheckout, retry: boolean) => {
    if (busy || !staff) return;
    if (!retry) {
      const { confirm } = await Taro.showModal({
        title: '撤销这笔收银？',
        content: `小票 ${bill.receiptNo}（实收 ${formatYuan(bill.payableFen)}）：退回所用积分和优惠券，扣回本单所得积分，收回本单赠送的未用券。`,
        confirmText: '撤销',
        cancelText: '取消',
      });
      if (!confirm) return;
    }
    const { checkoutId } = bill;
    const key = pendingKeys.current.get(checkoutId) ?? newIdempotencyKey();
    pendingKeys.current.set(checkoutId, key);
    setBusy(checkoutId);
    settle(checkoutId, {});
    try {
      const result = await reverseCheckout(checkoutId, key);
      pendingKeys.current.delete(checkoutId);
      const reversal = { at: new Date().toISOString(), staffName: staff.name };
      settle(checkoutId, { result, reversal });
      setItems((list) => list?.map((b) => (b.checkoutId === checkoutId ? { ...b, reversal } : b)) ?? null);
    } catch (err) {
      const retryable = err instanceof ApiError && err.retryable;
      // A definite answer ends this attempt: the next 撤销 is a new one.
      if (!retryable) pendingKeys.current.delete(checkoutId);
      settle(checkoutId, { error: messageOf(err), retryable });
      // Reversed meanwhile (elsewhere, or by an earlier answer that was lost): show who and when.
      if (err instanceof ApiError && err.code === 'already_reversed') void load();
    } finally {
      setBusy(null);
    }
  };

  if (!staff) {
    return (
      <View className="tk-page tk-staff-checkouts-page">
        <ErrorBlock message="仅限门店店员使用" />
      </View>
    );
  }
  if (!allowed) {
    return (
      <View className="tk-page tk-staff-checkouts-page">
        <ErrorBlock message="仅店长或总部可查看收银记录" />
      </View>
    );
  }

  const reversalOf = (bill: StoreCheckout): Reversal | null => bill.reversal ?? outcomes[bill.checkoutId]?.reversal ?? null;
  const kept = items?.filter((b) => !reversalOf(b)) ?? [];
  const reversedCount = (items?.length ?? 0) - kept.length;
  const total = kept.reduce((sum, b) => sum + b.payableFen, 0);

  return (
    <View className="tk-page tk-staff-checkouts-page">
      <StoreDayPicker staff={staff} stores={stores} storeId={storeId} onStore={setStoreId} days={days} date={date} onDate={setDate} />

      <View className="tk-staff-checkouts-head">
        <Text className="tk-checkouts-summary">
          {items ? `共 ${items.length} 笔 · 实收 ${formatYuan(total)}${reversedCount > 0 ? ` · 已撤销 ${reversedCount} 笔` : ''}` : ' '}
        </Text>
        <Text className="tk-refresh tk-checkouts-refresh" onClick={() => void load()}>
          刷新
        </Text>
      </View>

      {error ? <ErrorBlock message={error} onRetry={() => void load()} /> : null}

      {items === null ? (
        error ? null : <Loading />
      ) : items.length === 0 ? (
        <EmptyState title="当天没有收银记录" />
      ) : (
        items.map((b) => {
          const reversal = reversalOf(b);
          const outcome = outcomes[b.checkoutId];
          return (
            <View key={b.checkoutId} className={`tk-store-checkout${reversal ? ' tk-store-checkout-reversed' : ''}`}>
              <View className="tk-store-checkout-head">
                <Text className="tk-store-checkout-time">{shanghaiTime(b.at)}</Text>
                <View className="tk-store-checkout-who">
                  <Text className="tk-store-checkout-receipt-row">
                    小票 <Text className="tk-checkout-receipt">{b.receiptNo}</Text>
                  </Text>
                  <Text className="tk-store-checkout-staff">收银：{b.staffName}</Text>
                </View>
                <View className="tk-store-checkout-paid">
                  <Text className="tk-store-checkout-paid-label">实收</Text>
                  <Text className="tk-checkout-payable">{formatYuan(b.payableFen)}</Text>
                </View>
              </View>

              <View className="tk-store-checkout-figures">
                <Text className="tk-checkout-amount">消费 {formatYuan(b.amountFen)}</Text>
                <Text className="tk-checkout-coupon-discount">券抵扣 {formatYuan(b.couponDiscountFen)}</Text>
                <Text className="tk-checkout-points-spent">用 {b.pointsSpent} 积分</Text>
                <Text className="tk-checkout-earned">得 {b.pointsEarned} 积分</Text>
              </View>
              {b.couponsUsed.length > 0 ? <Text className="tk-store-checkout-coupons tk-checkout-coupons-used">用券：{b.couponsUsed.join('、')}</Text> : null}
              {b.couponsIssued.length > 0 ? (
                <Text className="tk-store-checkout-coupons tk-checkout-coupons-issued">赠券：{b.couponsIssued.join('、')}</Text>
              ) : null}

              <View className="tk-store-checkout-foot">
                {reversal ? (
                  <>
                    <Tag className="tk-checkout-reversed-tag" background={REVERSED_TAG.background} color={REVERSED_TAG.color}>
                      已撤销
                    </Tag>
                    <Text className="tk-checkout-reversal">
                      {reversal.staffName} · {shanghaiDateTime(reversal.at).slice(5)}
                    </Text>
                  </>
                ) : (
                  <Button className="tk-reverse" size="small" fill="outline" disabled={busy !== null} onClick={() => void reverse(b, false)}>
                    {busy === b.checkoutId ? '撤销中…' : '撤销'}
                  </Button>
                )}
              </View>

              {outcome?.result ? <Text className="tk-reverse-result">{resultText(outcome.result)}</Text> : null}
              {outcome?.error ? (
                <View className="tk-reverse-error">
                  <ErrorBlock
                    message={outcome.error}
                    onRetry={outcome.retryable && !reversal && busy === null ? () => void reverse(b, true) : undefined}
                  />
                </View>
              ) : null}
            </View>
          );
        })
      )}
    </View>
  );
}
