import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { CheckoutRequest, MAX_BILL_FEN, type VisitResponse } from '../../../../shared/api';
import { formatYuan } from '../../../../shared/money';
import { priceCheckout } from '../../../../shared/points';
import { tierLabel } from '../../../../shared/tiers';
import { ApiError, checkout, currentSession, goToLogin, messageOf } from '../../api';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Button, Input, Tag } from '../../components/ui';
import { keyForBill, settleAttempt } from '../../lib/checkout-attempts';
import { parsePoints, parseYuanToFen, sanitizeYuanInput, shanghaiDateTime } from '../../lib/format';
import { currentVisit, setCurrentVisit, setLastCheckout } from '../../lib/visit';
import './index.scss';

type Bill = CheckoutRequest & { redeemPoints: number };

/** Codes after which the visit is no use any more: the clerk must scan again. */
const RESCAN_CODES = new Set(['visit_expired', 'visit_not_found', 'other_store_visit', 'other_staff_visit']);

function validate(visit: VisitResponse, amount: string, receiptNo: string, redeem: string): Bill | string {
  const amountFen = parseYuanToFen(amount);
  if (amountFen === null || amountFen <= 0) return '请输入消费金额（最多两位小数）';
  if (amountFen > MAX_BILL_FEN) return '消费金额过大，请核对';
  const receipt = CheckoutRequest.shape.receiptNo.safeParse(receiptNo);
  if (!receipt.success) return receiptNo.trim() ? '小票号仅限字母、数字及 - _ / # .' : '请输入小票号';
  const redeemPoints = parsePoints(redeem);
  if (redeemPoints === null) return '使用积分须为整数';
  if (redeemPoints > visit.member.points) return `积分不足：最多可用 ${visit.member.points} 积分`;
  if (redeemPoints > amountFen) return `本单最多可用 ${amountFen} 积分`;
  return { receiptNo: receipt.data, amountFen, redeemPoints };
}

/** The member in front of the clerk, and the bill: amount, receipt number, points to use. */
export default function MemberPage() {
  const [visit, setVisit] = useState<VisitResponse | null>(() => currentVisit());
  const [amount, setAmount] = useState('');
  const [receiptNo, setReceiptNo] = useState('');
  const [redeem, setRedeem] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; retry: Bill | null; rescan: boolean } | null>(null);

  useDidShow(() => {
    if (!currentSession()) {
      goToLogin();
      return;
    }
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
      setCurrentVisit({ ...visit, member: { ...visit.member, points: result.balance } });
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
    const bill = validate(visit, amount, receiptNo, redeem);
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
  const preview = (() => {
    const bill = validate(visit, amount, receiptNo || 'x', redeem);
    return typeof bill === 'string' ? null : priceCheckout({ amountFen: bill.amountFen, redeemPoints: bill.redeemPoints, tier: member.tier });
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
        <View className="tk-member-points-row">
          <Text className="tk-muted">可用积分</Text>
          <Text className="tk-member-points">{member.points}</Text>
        </View>
        <Text className="tk-muted">会员号 {member.memberNo} · 接待有效至 {shanghaiDateTime(visit.expiresAt).slice(11)}</Text>
      </View>

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
          <Text>抵扣 {formatYuan(preview.discountFen)}</Text>
          <Text>应付 {formatYuan(preview.payableFen)}</Text>
          <Text>预计得 {preview.pointsEarned} 积分</Text>
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
