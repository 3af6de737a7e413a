import { Text, View } from '@tarojs/components';
import { formatYuan } from '../../../../shared/money';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Button } from '../../components/ui';
import type { BillPreview } from '../../lib/coupons';

/**
 * The bar that stays at the bottom of the counter page however long the page is: the amount due,
 * 确认收银, and the answer when a bill did not go through (with 重试 or 重新扫码).
 */
export function CheckoutBar({
  preview,
  busy,
  onSubmit,
  error,
}: {
  preview: BillPreview | null;
  busy: boolean;
  onSubmit: () => void;
  error: { message: string; action?: { text: string; run: () => void } } | null;
}) {
  return (
    <View className="tk-checkout-bar">
      {error ? <ErrorBlock message={error.message} onRetry={error.action?.run} retryText={error.action?.text} /> : null}
      <View className="tk-checkout-bar-row">
        <View className="tk-checkout-due">
          <Text className="tk-checkout-due-label">应付</Text>
          <Text className="tk-checkout-due-amount tk-nowrap">{preview ? formatYuan(preview.payableFen) : '—'}</Text>
        </View>
        <Button className="tk-checkout" type="primary" disabled={busy} onClick={onSubmit}>
          {busy ? '提交中…' : '确认收银'}
        </Button>
      </View>
    </View>
  );
}
