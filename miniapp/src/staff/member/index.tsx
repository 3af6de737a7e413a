import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { CheckoutRequest, MAX_BILL_FEN, type VisitResponse } from '../../../../shared/api';
import { couponDiscountFen } from '../../../../shared/coupons';
import { formatYuan } from '../../../../shared/money';
import { SEGMENT_LABELS, TAG_LABELS } from '../../../../shared/segments';
import { tierLabel } from '../../../../shared/tiers';
import { ApiError, checkout, messageOf } from '../../api';
import { VisitBookings } from '../../components/booking/VisitBookings';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Button, Input, Tag } from '../../components/ui';
import { keyForBill, settleAttempt } from '../../lib/checkout-attempts';
import { applicableCoupons, meetsMinimum, previewBill, thresholdText, toggleCoupon } from '../../lib/coupons';
import { parsePoints, parseYuanToFen, sanitizeYuanInput, shanghaiDateTime } from '../../lib/format';
import { currentVisit, setCurrentVisit, setLastCheckout } from '../../lib/visit';
import { useSignedInShow } from '../../lib/use-signed-in';
import './index.scss';

type Bill = CheckoutRequest & { redeemPoints: number; couponIds: string[] };

/** Codes after which the visit is no use any more: the clerk must scan again. */
const RESCAN_CODES = new Set(['visit_expired', 'visit_not_found', 'other_store_visit', 'other_staff_visit']);

function validate(visit: VisitResponse, amount: string, receiptNo: string, redeem: string, ticked: string[]): Bill | string {
  const amountFen = parseYuanToFen(amount);
  if (amountFen === null || amountFen <= 0) return '请输入消费金额（最多两位小数）';
  if (amountFen > MAX_BILL_FEN) return '消费金额过大，请核对';
  const receipt = CheckoutRequest.shape.receiptNo.safeParse(receiptNo);
  if (!receipt.success) return receiptNo.trim() ? '小票号仅限字母、数字及 - _ / # .' : '请输入小票号';
  const redeemPoints = parsePoints(redeem);
  if (redeemPoints === null) return '使用积分须为整数';
  if (redeemPoints > visit.member.points) return `积分不足：最多可用 ${visit.member.points} 积分`;
  // Coupons come off first; points pay at most what is left.
  const coupons = applicableCoupons(ticked, visit.coupons, amountFen);
  const { couponDiscountFen: couponOff } = previewBill({ amountFen, coupons, redeemPoints: 0, tier: visit.member.tier });
  if (redeemPoints > amountFen - couponOff) return `本单最多可用 ${amountFen - couponOff} 积分`;
  return { receiptNo: receipt.data, amountFen, redeemPoints, couponIds: coupons.map((c) => c.id) };
}

/** The member in front of the clerk, and the bill: amount, receipt number, points to use. */
export default function MemberPage() {
  const [visit, setVisit] = useState<VisitResponse | null>(() => currentVisit());
  const [amount, setAmount] = useState('');
  const [receiptNo, setReceiptNo] = useState('');
  const [redeem, setRedeem] = useState('');
  /** Coupons the clerk ticked, in order; those below their minimum for the amount typed drop out. */
  const [ticked, setTicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; retry: Bill | null; rescan: boolean } | null>(null);

  useSignedInShow(() => {
    setVisit(currentVisit());
  });

  const submit = async (bill: Bill) => {
    if (!visit || busy) return;
    setBusy(true);
    setError(null);
    // Same bill as the attempt that failed → same Idempotency-Key: a retry never applies twice.
    const key = keyForBill(visit.visitId, bill);
    try {
      const result = await checkout(visit.visitId, bill, key);
      settleAttempt(visit.visitId);
      setLastCheckout(result);
      const used = new Set(result.couponsUsed.map((c) => c.couponId));
      setCurrentVisit({
        ...visit,
        member: { ...visit.member, points: result.balance },
        coupons: visit.coupons.filter((c) => !used.has(c.id)),
      });
      await Taro.redirectTo({ url: '/staff/result/index' });
    } catch (err) {
      const retryable = err instanceof ApiError && err.retryable;
      if (!retryable) settleAttempt(visit.visitId);
      const rescan = err instanceof ApiError && RESCAN_CODES.has(err.code);
      setError({ message: messageOf(err), retry: retryable ? bill : null, rescan });
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = () => {
    if (!visit) return;
    const bill = validate(visit, amount, receiptNo, redeem, ticked);
    if (typeof bill === 'string') {
      setError({ message: bill, retry: null, rescan: false });
      return;
    }
    void submit(bill);
  };

  const rescan = () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/staff/scan/index' }));

  if (!visit) {
    return (
      <View className="tk-page tk-member-page">
        <ErrorBlock message="没有正在接待的会员，请先扫码" onRetry={rescan} retryText="去扫码" />
      </View>
    );
  }

  const { member } = visit;
  const amountFen = parseYuanToFen(amount);
  const tickedNow = applicableCoupons(ticked, visit.coupons, amountFen).map((c) => c.id);
  const preview = (() => {
    const bill = validate(visit, amount, receiptNo || 'x', redeem, ticked);
    if (typeof bill === 'string') return null;
    const coupons = applicableCoupons(bill.couponIds, visit.coupons, bill.amountFen);
    return previewBill({ amountFen: bill.amountFen, coupons, redeemPoints: bill.redeemPoints, tier: member.tier });
  })();

  return (
    <View className="tk-page tk-member-page">
      <View className="tk-member-panel">
        <View className="tk-member-head">
          <Text className="tk-member-nickname">{member.nickname}</Text>
          <Tag className="tk-member-tier" type="warning" round>
            {tierLabel(member.tier)}
          </Tag>
        </View>
        <Text className="tk-member-phone">{member.maskedPhone ?? '未绑定手机'}</Text>
        {/* Null when the member switched segment-based targeting off: staff see no label then. */}
        {member.segment ? (
          <View className="tk-member-segment-row">
            <Tag className={`tk-member-segment tk-segment-${member.segment}`} type="primary" plain round>
              {SEGMENT_LABELS[member.segment]}
            </Tag>
            {member.tags.map((tag) => (
              <Tag key={tag} className={`tk-member-tag tk-tag-${tag}`} plain round>
                {TAG_LABELS[tag]}
              </Tag>
            ))}
          </View>
        ) : null}
        <View className="tk-member-points-row">
          <Text className="tk-muted">可用积分</Text>
          <Text className="tk-member-points">{member.points}</Text>
        </View>
        <Text className="tk-muted">会员号 {member.memberNo} · 接待有效至 {shanghaiDateTime(visit.expiresAt).slice(11)}</Text>
      </View>

      <VisitBookings key={visit.visitId} visit={visit} />

      <Text className="tk-section-title">收银</Text>
      <View className="tk-field">
        <Text className="tk-field-label">消费金额（元）</Text>
        <Input
          className="tk-amount-input"
          type="digit"
          placeholder="例如 88.00"
          value={amount}
          onChange={(value) => setAmount(sanitizeYuanInput(value))}
        />
      </View>
      <View className="tk-field">
        <Text className="tk-field-label">小票号</Text>
        <Input className="tk-receipt-input" type="text" placeholder="收银小票上的单号" maxLength={64} value={receiptNo} onChange={setReceiptNo} />
      </View>
      <Text className="tk-section-title">{visit.coupons.length ? `优惠券 · 本店今日可用 ${visit.coupons.length} 张` : '优惠券'}</Text>
      {visit.coupons.length === 0 ? (
        <Text className="tk-muted tk-visit-no-coupons">该会员暂无本店可用的优惠券</Text>
      ) : (
        <View className="tk-visit-coupons">
          {visit.coupons.map((coupon) => {
            const eligible = meetsMinimum(coupon, amountFen);
            const on = tickedNow.includes(coupon.id);
            const line = eligible
              ? `有效期至 ${coupon.validTo}${coupon.stackable ? ' · 可与其他可叠加券同用' : ''}`
              : amountFen
                ? `未达使用门槛（${thresholdText(coupon.minSpendFen)}）`
                : '输入消费金额后可选';
            return (
              <View
                key={coupon.id}
                className={`tk-visit-coupon ${on ? 'tk-visit-coupon-ticked' : ''} ${eligible ? '' : 'tk-visit-coupon-disabled'}`}
                onClick={() => {
                  if (eligible) setTicked(toggleCoupon(tickedNow, coupon, visit.coupons));
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
                {eligible && amountFen ? <Text className="tk-visit-coupon-off">{`-${formatYuan(couponDiscountFen(coupon, amountFen))}`}</Text> : null}
              </View>
            );
          })}
          <Text className="tk-muted tk-visit-coupon-rule">每单限用一张；标明可叠加的券可同时使用</Text>
        </View>
      )}

      <View className="tk-field">
        <Text className="tk-field-label">使用积分（选填，100 积分抵 ¥1）</Text>
        <Input
          className="tk-redeem-input"
          type="number"
          placeholder={`最多 ${member.points}`}
          value={redeem}
          onChange={(value) => setRedeem(value.replace(/\D/g, ''))}
        />
      </View>

      {preview ? (
        <View className="tk-preview">
          {preview.couponDiscountFen > 0 ? (
            <View className="tk-preview-row">
              <Text>优惠券抵扣</Text>
              <Text className="tk-preview-coupon">{`-${formatYuan(preview.couponDiscountFen)}`}</Text>
            </View>
          ) : null}
          <View className="tk-preview-row">
            <Text>积分抵扣</Text>
            <Text className="tk-preview-points">{`-${formatYuan(preview.discountFen)}（${preview.pointsSpent} 积分）`}</Text>
          </View>
          <View className="tk-preview-row tk-preview-total">
            <Text>应付</Text>
            <Text className="tk-preview-payable">{formatYuan(preview.payableFen)}</Text>
          </View>
          <View className="tk-preview-row">
            <Text>预计得积分</Text>
            <Text className="tk-preview-earned">{`+${preview.pointsEarned}`}</Text>
          </View>
        </View>
      ) : null}

      {error ? (
        <ErrorBlock
          message={error.message}
          onRetry={error.retry ? () => void submit(error.retry!) : error.rescan ? rescan : undefined}
          retryText={error.retry ? '重试' : '重新扫码'}
        />
      ) : null}

      <View className="tk-form-actions">
        <Button className="tk-checkout" type="primary" block disabled={busy} onClick={onSubmit}>
          {busy ? '提交中…' : '确认收银'}
        </Button>
      </View>
    </View>
  );
}
