import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { VisitResponse } from '../../../../shared/api';
import { formatYuan } from '../../../../shared/money';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Button } from '../../components/ui';
import { issuedCouponText } from '../../lib/coupons';
import { shanghaiDateTime } from '../../lib/format';
import { staffPage } from '../../lib/staff-gate';
import { STAFF_HOME } from '../../lib/staff-roles';
import { clearVisit, currentVisit, lastCheckout, type FinishedBill } from '../../lib/visit';
import './index.scss';

/** Back to the workbench for the next customer: the page under this one, or a fresh one. */
function next() {
  clearVisit();
  const pages = Taro.getCurrentPages();
  const previous = pages[pages.length - 2];
  if (previous?.route?.includes('staff/scan')) void Taro.navigateBack();
  else void Taro.redirectTo({ url: STAFF_HOME });
}

/** 收银完成: the bill as the member's receipt reads it — amount, coupons, points, 实付, receipt number, time. */
export default staffPage('counter', 'tk-result-page', Result);

function Row({ label, className, children }: { label: string; className: string; children: string }) {
  return (
    <View className="tk-result-row">
      <Text className="tk-result-label">{label}</Text>
      <Text className={`tk-result-value tk-nowrap ${className}`}>{children}</Text>
    </View>
  );
}

function Result() {
  const [finished, setFinished] = useState<FinishedBill | null>(() => lastCheckout());
  const [visit, setVisit] = useState<VisitResponse | null>(() => currentVisit());
  useDidShow(() => {
    setFinished(lastCheckout());
    setVisit(currentVisit());
  });

  if (!finished) return <ErrorBlock message="没有收银结果" onRetry={next} retryText="继续扫码" />;
  const { result, amountFen, receiptNo, at } = finished;

  return (
    <>
      <View className="tk-result-head">
        <Text className="tk-result-title">收银成功</Text>
        {visit ? <Text className="tk-result-member">{visit.member.nickname}</Text> : null}
        <Text className="tk-result-payable-label">实付</Text>
        <Text className="tk-result-payable tk-nowrap">{formatYuan(result.payableFen)}</Text>
      </View>
      <View className="tk-result">
        <Row label="消费金额" className="tk-result-amount">
          {formatYuan(amountFen)}
        </Row>
        {result.couponsUsed.length > 0 ? (
          <View className="tk-result-row tk-result-coupon-row">
            <View className="tk-result-label-block">
              <Text className="tk-result-label">优惠券抵扣</Text>
              <Text className="tk-result-note">{result.couponsUsed.map((c) => c.name).join('、')}</Text>
            </View>
            <Text className="tk-result-value tk-nowrap tk-result-coupon">{formatYuan(result.couponDiscountFen)}</Text>
          </View>
        ) : null}
        {result.pointsSpent > 0 ? (
          <Row label="积分抵扣" className="tk-result-discount">
            {`${formatYuan(result.discountFen)}（${result.pointsSpent} 积分）`}
          </Row>
        ) : null}
        <Row label="本单得积分" className="tk-result-earned">{`+${result.pointsEarned}`}</Row>
        <Row label="会员现有积分" className="tk-result-balance">
          {String(result.balance)}
        </Row>
        <Row label="小票号" className="tk-result-receipt">
          {receiptNo}
        </Row>
        <Row label="收银时间" className="tk-result-time">
          {shanghaiDateTime(at)}
        </Row>
      </View>
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
    </>
  );
}
