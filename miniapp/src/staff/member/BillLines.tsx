import { Text, View } from '@tarojs/components';
import { formatYuan } from '../../../../shared/money';
import type { BillPreview } from '../../lib/coupons';

/** The bill as it will be priced: only the lines that apply (no 积分抵扣 when no points are used). */
export function BillLines({ amountFen, preview }: { amountFen: number; preview: BillPreview }) {
  return (
    <View className="tk-preview">
      <View className="tk-preview-row">
        <Text>消费金额</Text>
        <Text className="tk-preview-amount tk-nowrap">{formatYuan(amountFen)}</Text>
      </View>
      {preview.couponDiscountFen > 0 ? (
        <View className="tk-preview-row">
          <Text>优惠券抵扣</Text>
          <Text className="tk-preview-coupon tk-nowrap">{`-${formatYuan(preview.couponDiscountFen)}`}</Text>
        </View>
      ) : null}
      {preview.pointsSpent > 0 ? (
        <View className="tk-preview-row">
          <Text>积分抵扣</Text>
          <Text className="tk-preview-points tk-nowrap">{`-${formatYuan(preview.discountFen)}（${preview.pointsSpent} 积分）`}</Text>
        </View>
      ) : null}
      <View className="tk-preview-row tk-preview-total">
        <Text>应付</Text>
        <Text className="tk-preview-payable tk-nowrap">{formatYuan(preview.payableFen)}</Text>
      </View>
      <View className="tk-preview-row">
        <Text>预计得积分</Text>
        <Text className="tk-preview-earned">{`+${preview.pointsEarned}`}</Text>
      </View>
    </View>
  );
}
