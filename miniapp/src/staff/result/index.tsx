import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { CheckoutResponse, VisitResponse } from '../../../../shared/api';
import { formatYuan } from '../../../../shared/money';
import { Button, Cell, CellGroup } from '../../components/ui';
import { ErrorBlock } from '../../components/ErrorBlock';
import { issuedCouponText } from '../../lib/coupons';
import { clearVisit, currentVisit, lastCheckout } from '../../lib/visit';
import './index.scss';

const SCAN_PAGE = '/staff/scan/index';

/** The finished bill: what points took off, what was paid, what was earned, the balance now. */
export default function ResultPage() {
  const [result, setResult] = useState<CheckoutResponse | null>(() => lastCheckout());
  const [visit, setVisit] = useState<VisitResponse | null>(() => currentVisit());

  useDidShow(() => {
    setResult(lastCheckout());
    setVisit(currentVisit());
  });

  const next = () => {
    clearVisit();
    const pages = Taro.getCurrentPages();
    const previous = pages[pages.length - 2];
    if (previous?.route?.includes('staff/scan')) void Taro.navigateBack();
    else void Taro.redirectTo({ url: SCAN_PAGE });
  };

  if (!result) {
    return (
      <View className="tk-page tk-result-page">
        <ErrorBlock message="没有收银结果" onRetry={next} retryText="继续扫码" />
      </View>
    );
  }

  return (
    <View className="tk-page tk-result-page">
      <View className="tk-result-head">
        <Text className="tk-result-title">收银成功</Text>
        {visit ? <Text className="tk-result-member">{visit.member.nickname}</Text> : null}
      </View>
      <CellGroup className="tk-result">
        {result.couponsUsed.length > 0 ? (
          <Cell
            className="tk-result-coupon-row"
            title="优惠券抵扣"
            description={result.couponsUsed.map((c) => c.name).join('、')}
            extra={<Text className="tk-result-coupon">{formatYuan(result.couponDiscountFen)}</Text>}
          />
        ) : null}
        <Cell
          title="积分抵扣"
          extra={<Text className="tk-result-discount">{`${formatYuan(result.discountFen)}（${result.pointsSpent} 积分）`}</Text>}
        />
        <Cell title="实付" extra={<Text className="tk-result-payable">{formatYuan(result.payableFen)}</Text>} />
        <Cell title="本单积分" extra={<Text className="tk-result-earned">{`+${result.pointsEarned}`}</Text>} />
        <Cell title="当前积分" extra={<Text className="tk-result-balance">{result.balance}</Text>} />
      </CellGroup>
      {result.issuedCoupons.length > 0 ? (
        <View className="tk-result-issued">
          {result.issuedCoupons.map((issued) => (
            <Text key={issued.couponId} className="tk-issued-coupon">
              {issuedCouponText(issued)}
            </Text>
          ))}
        </View>
      ) : null}
      <View className="tk-form-actions">
        <Button className="tk-next-scan" type="primary" block onClick={next}>
          继续扫码
        </Button>
      </View>
    </View>
  );
}
