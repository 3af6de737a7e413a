import { Text, View } from '@tarojs/components';
import type { MemberCoupon } from '../../../../shared/api';
import { couponDiscountFen } from '../../../../shared/coupons';
import { formatYuan } from '../../../../shared/money';
import { meetsMinimum, thresholdText, toggleCoupon } from '../../lib/coupons';

/**
 * The member's coupons usable here today: tick those for this bill. A coupon below its minimum for
 * the amount typed cannot be ticked and says why.
 */
export function CouponPicker({
  coupons,
  amountFen,
  ticked,
  onTicked,
}: {
  coupons: MemberCoupon[];
  amountFen: number | null;
  /** The ticked coupons that apply to the amount now. */
  ticked: string[];
  onTicked: (ticked: string[]) => void;
}) {
  return (
    <>
      <Text className="tk-section-title">{coupons.length ? `优惠券 · 本店今日可用 ${coupons.length} 张` : '优惠券'}</Text>
      {coupons.length === 0 ? (
        <Text className="tk-muted tk-visit-no-coupons">该会员暂无本店可用的优惠券</Text>
      ) : (
        <View className="tk-visit-coupons">
          {coupons.map((coupon) => {
            const eligible = meetsMinimum(coupon, amountFen);
            const on = ticked.includes(coupon.id);
            const line = eligible
              ? `有效期至 ${coupon.validTo}${coupon.stackable ? ' · 可与其他可叠加券同用' : ''}`
              : amountFen
                ? `未达使用门槛（${thresholdText(coupon.minSpendFen)}）`
                : '输入消费金额后可选';
            return (
              <View
                key={coupon.id}
                className={`tk-visit-coupon tk-tap ${on ? 'tk-visit-coupon-ticked' : ''} ${eligible ? '' : 'tk-visit-coupon-disabled'}`}
                onClick={() => {
                  if (eligible) onTicked(toggleCoupon(ticked, coupon, coupons));
                }}
              >
                <View className="tk-coupon-check">
                  <Text>{on ? '✓' : ''}</Text>
                </View>
                <View className="tk-visit-coupon-body">
                  <Text className="tk-visit-coupon-name">{coupon.name}</Text>
                  <Text className="tk-visit-coupon-desc">{coupon.description}</Text>
                  <Text className="tk-visit-coupon-line">{line}</Text>
                </View>
                {eligible && amountFen ? <Text className="tk-visit-coupon-off tk-nowrap">{`-${formatYuan(couponDiscountFen(coupon, amountFen))}`}</Text> : null}
              </View>
            );
          })}
          <Text className="tk-muted tk-visit-coupon-rule">每单限用一张；标明可叠加的券可同时使用</Text>
        </View>
      )}
    </>
  );
}
