import { Text, View } from '@tarojs/components';
import type { ReverseResponse, StoreCheckout } from '../../../../shared/api';
import { formatYuan } from '../../../../shared/money';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Button } from '../../components/ui';
import { shanghaiTime } from '../../lib/booking';
import { shanghaiDateTime } from '../../lib/format';

export type Reversal = NonNullable<StoreCheckout['reversal']>;

/** '已退回 0 积分 · 扣回 150 积分 · 收回 1 张券 · 会员现有 320 积分'. */
function resultText(res: ReverseResponse): string {
  const parts = [`已退回 ${res.pointsRestored} 积分`, `扣回 ${res.pointsClawedBack} 积分`];
  if (res.couponsRestored.length > 0) parts.push(`退回 ${res.couponsRestored.length} 张券`);
  if (res.couponsWithdrawn.length > 0) parts.push(`收回 ${res.couponsWithdrawn.length} 张券`);
  parts.push(`会员现有 ${res.balance} 积分`);
  return parts.join(' · ');
}

/** One bill of 收银记录: when, receipt, who, what was paid and earned; 撤销 or who refunded it. */
export function CheckoutCard({
  bill,
  reversal,
  result,
  error,
  busy,
  reversing,
  onReverse,
  onRetry,
}: {
  bill: StoreCheckout;
  reversal: Reversal | null;
  /** The refund's answer, when it was made here. */
  result: ReverseResponse | undefined;
  error: string | undefined;
  /** Another refund is in flight: 撤销 waits. */
  busy: boolean;
  /** This bill's refund is in flight. */
  reversing: boolean;
  onReverse: () => void;
  onRetry: (() => void) | undefined;
}) {
  return (
    <View className={`tk-store-checkout${reversal ? ' tk-store-checkout-reversed' : ''}`}>
      <View className="tk-store-checkout-head">
        <Text className="tk-store-checkout-time tk-nowrap">{shanghaiTime(bill.at)}</Text>
        <View className="tk-store-checkout-who">
          <Text className="tk-store-checkout-staff">收银：{bill.staffName}</Text>
        </View>
        <View className="tk-store-checkout-paid">
          <Text className="tk-store-checkout-paid-label">实收</Text>
          <Text className="tk-checkout-payable tk-nowrap">{formatYuan(bill.payableFen)}</Text>
        </View>
      </View>

      {/* The receipt number on a line of its own: never split, whatever its length. */}
      <Text className="tk-store-checkout-receipt-row">
        小票 <Text className="tk-checkout-receipt">{bill.receiptNo}</Text>
      </Text>
      <View className="tk-store-checkout-figures">
        <Text className="tk-checkout-amount tk-nowrap">消费 {formatYuan(bill.amountFen)}</Text>
        {bill.couponDiscountFen > 0 ? <Text className="tk-checkout-coupon-discount tk-nowrap">券抵扣 {formatYuan(bill.couponDiscountFen)}</Text> : null}
        {bill.pointsSpent > 0 ? <Text className="tk-checkout-points-spent tk-nowrap">用 {bill.pointsSpent} 积分</Text> : null}
        <Text className="tk-checkout-earned tk-nowrap">得 {bill.pointsEarned} 积分</Text>
      </View>
      {bill.couponsUsed.length > 0 ? <Text className="tk-store-checkout-coupons tk-checkout-coupons-used">用券：{bill.couponsUsed.join('、')}</Text> : null}
      {bill.couponsIssued.length > 0 ? <Text className="tk-store-checkout-coupons tk-checkout-coupons-issued">赠券：{bill.couponsIssued.join('、')}</Text> : null}

      <View className="tk-store-checkout-foot">
        {reversal ? (
          <>
            <Text className="tk-status tk-checkout-reversed-tag">已撤销</Text>
            <Text className="tk-checkout-reversal tk-nowrap">
              {reversal.staffName} · {shanghaiDateTime(reversal.at).slice(5)}
            </Text>
          </>
        ) : (
          <Button className="tk-reverse tk-tap tk-danger-action" size="small" type="danger" fill="outline" disabled={busy} onClick={onReverse}>
            {reversing ? '撤销中…' : '撤销'}
          </Button>
        )}
      </View>

      {result ? <Text className="tk-reverse-result">{resultText(result)}</Text> : null}
      {error ? (
        <View className="tk-reverse-error">
          <ErrorBlock message={error} onRetry={onRetry} />
        </View>
      ) : null}
    </View>
  );
}
