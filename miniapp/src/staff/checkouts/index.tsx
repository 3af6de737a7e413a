import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ReverseResponse, StaffSummary, StoreCheckout } from '../../../../shared/api';
import { addDays, shanghaiDate } from '../../../../shared/dates';
import { formatYuan } from '../../../../shared/money';
import { getStoreCheckouts, reverseCheckout } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { Loadable } from '../../components/Loadable';
import { StoreDayPicker } from '../../components/StoreDayPicker';
import { confirmDestructive } from '../../lib/confirm';
import { staffPage } from '../../lib/staff-gate';
import { useStoreDayList } from '../../lib/use-hq-stores';
import { useSubmit } from '../../lib/use-submit';
import { CheckoutCard, type Reversal } from './CheckoutCard';
import './index.scss';

/** Today and the six days before it, today first: bills are refunded after the fact, never ahead. */
function dayChoices(now = Date.now()): string[] {
  const today = shanghaiDate(now);
  return Array.from({ length: 7 }, (_, i) => addDays(today, -i));
}

/** '共 5 笔 · 实收 ¥420 · 已撤销 1 笔': refunded bills are counted apart and not in 实收. */
function summaryText(items: StoreCheckout[], reversalOf: (bill: StoreCheckout) => Reversal | null): string {
  const kept = items.filter((b) => !reversalOf(b));
  const total = kept.reduce((sum, b) => sum + b.payableFen, 0);
  const reversed = items.length - kept.length;
  return `共 ${items.length} 笔 · 实收 ${formatYuan(total)}${reversed > 0 ? ` · 已撤销 ${reversed} 笔` : ''}`;
}

/**
 * 收银记录 — a store's bills of the chosen day, newest first, for its manager (HQ picks the store):
 * what was paid and earned, and 撤销 to refund a mistaken bill.
 */
export default staffPage('managers', 'tk-staff-checkouts-page', Checkouts);

function Checkouts({ staff }: { staff: StaffSummary }) {
  const { hq, list, picker, loadingStores } = useStoreDayList(staff, dayChoices, getStoreCheckouts);
  /**
   * Refunds made here, by bill. The list is read from an index that may lag a moment behind, so a
   * refund is shown from its answer, and kept over reloads until the list has caught up.
   */
  const [made, setMade] = useState<Record<string, { result: ReverseResponse; reversal: Reversal }>>({});
  // One Idempotency-Key per bill's refund, kept until a definite answer: 重试 never refunds twice.
  const reverse = useSubmit('reverse-checkout', (key, checkoutId: string) => reverseCheckout(checkoutId, key));

  const refund = async (bill: StoreCheckout, retry: boolean) => {
    if (reverse.busy) return;
    if (!retry) {
      const sure = await confirmDestructive({
        title: '撤销这笔收银？',
        content: `小票 ${bill.receiptNo}（实收 ${formatYuan(bill.payableFen)}）：退回所用积分和优惠券，扣回本单所得积分，收回本单赠送的未用券。`,
        confirmText: '撤销',
      });
      if (!sure) return;
    }
    const outcome = retry ? await reverse.retry() : await reverse.submit(bill.checkoutId);
    if (outcome.ok) {
      const reversal = { at: new Date().toISOString(), staffName: staff.name };
      setMade((all) => ({ ...all, [bill.checkoutId]: { result: outcome.value, reversal } }));
    } else if (outcome.code === 'already_reversed') {
      // Reversed meanwhile (elsewhere, or by an earlier answer that was lost): show who and when.
      void list.reload();
    }
  };

  const reversalOf = (bill: StoreCheckout): Reversal | null => bill.reversal ?? made[bill.checkoutId]?.reversal ?? null;

  // HQ picks a store first: its list of stores loads (or fails, with 重试) before any bills.
  if (loadingStores) return <Loadable state={hq.load}>{() => null}</Loadable>;

  return (
    <>
      <StoreDayPicker {...picker} />

      <View className="tk-staff-checkouts-head">
        <Text className="tk-checkouts-summary">{list.data ? summaryText(list.data.items, reversalOf) : ' '}</Text>
        <Text className="tk-refresh tk-tap tk-checkouts-refresh" onClick={() => void list.reload()}>
          刷新
        </Text>
      </View>

      <Loadable state={list} isEmpty={(res) => res.items.length === 0} empty={<EmptyState title="当天没有收银记录" />}>
        {({ items }) =>
          items.map((b) => {
            const failed = reverse.error?.args[0] === b.checkoutId ? reverse.error : null;
            const reversal = reversalOf(b);
            return (
              <CheckoutCard
                key={b.checkoutId}
                bill={b}
                reversal={reversal}
                result={made[b.checkoutId]?.result}
                error={failed?.message}
                busy={reverse.busy}
                reversing={reverse.running?.[0] === b.checkoutId}
                onReverse={() => void refund(b, false)}
                onRetry={failed?.retryable && !reversal && !reverse.busy ? () => void refund(b, true) : undefined}
              />
            );
          })
        }
      </Loadable>
    </>
  );
}
