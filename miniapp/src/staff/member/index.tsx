import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { VisitResponse } from '../../../../shared/api';
import { checkout } from '../../api';
import { VisitBookings } from '../../components/booking/VisitBookings';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Button, Input } from '../../components/ui';
import { EMPTY_FIELDS, checkBill, sanitizeReceiptInput, shownErrors, type Bill, type CheckoutFields } from '../../lib/checkout-form';
import { sanitizeYuanInput } from '../../lib/format';
import { staffPage } from '../../lib/staff-gate';
import { STAFF_HOME } from '../../lib/staff-roles';
import { useSubmit } from '../../lib/use-submit';
import { currentVisit, setCurrentVisit, setLastCheckout } from '../../lib/visit';
import { BillLines } from './BillLines';
import { CheckoutBar } from './CheckoutBar';
import { CouponPicker } from './CouponPicker';
import { MemberPanel } from './MemberPanel';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';
/** On H5 the numeric fields ask the phone for its number pad (WeChat does it from the type). */
const decimalPad = process.env.TARO_ENV === 'h5' ? { nativeProps: { inputMode: 'decimal' } } : {};

/** Codes after which the visit is no use any more: the clerk must scan again. */
const RESCAN_CODES = new Set(['visit_expired', 'visit_not_found', 'other_store_visit', 'other_staff_visit']);

const rescan = () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: STAFF_HOME }));

/** 会员收银: the member in front of the clerk, and the bill (amount, receipt number, coupons, points). */
export default staffPage('counter', 'tk-member-page', Counter);

function Counter() {
  const [visit, setVisit] = useState<VisitResponse | null>(() => currentVisit());
  useDidShow(() => setVisit(currentVisit()));
  if (!visit) return <ErrorBlock message="没有正在接待的会员，请先扫码" onRetry={rescan} retryText="去扫码" />;
  return <Bill key={visit.visitId} visit={visit} />;
}

function Bill({ visit }: { visit: VisitResponse }) {
  const [fields, setFields] = useState<CheckoutFields>(EMPTY_FIELDS);
  /** After a first 确认收银 every missing field says so; before, only fields typed in. */
  const [tried, setTried] = useState(false);
  // The same bill sent again (重试 after a lost answer) is the same intent: the same Idempotency-Key.
  const send = useSubmit('checkout', (key, visitId: string, bill: Bill) => checkout(visitId, bill, key));

  const check = checkBill(visit, fields);
  const errors = shownErrors(check, fields, tried);
  const set = (change: Partial<CheckoutFields>) => {
    send.clearError();
    setFields((f) => ({ ...f, ...change }));
  };

  const submit = () => {
    setTried(true);
    if (check.bill) void sendBill(check.bill);
  };

  /** Sends the bill; the same bill again (重试) is the same intent, so it keeps its key. */
  const sendBill = async (bill: Bill) => {
    const outcome = await send.submit(visit.visitId, bill);
    if (!outcome.ok) return;
    const result = outcome.value;
    setLastCheckout({ result, amountFen: result.amountFen, receiptNo: result.receiptNo, at: result.at });
    const used = new Set(result.couponsUsed.map((c) => c.couponId));
    setCurrentVisit({ ...visit, member: { ...visit.member, points: result.balance }, coupons: visit.coupons.filter((c) => !used.has(c.id)) });
    await Taro.redirectTo({ url: '/staff/result/index' });
  };

  const scanReceipt = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['barCode'] });
      if (result) set({ receiptNo: sanitizeReceiptInput(result) });
    } catch {
      // The clerk closed the camera: the number can still be typed.
    }
  };

  const failure = send.error;
  const barError = failure
    ? {
        message: failure.message,
        action: failure.retryable
          ? { text: '重试', run: () => void sendBill(failure.args[1]) }
          : failure.code && RESCAN_CODES.has(failure.code)
            ? { text: '重新扫码', run: rescan }
            : undefined,
      }
    : null;

  return (
    <>
      <MemberPanel visit={visit} />
      <VisitBookings visit={visit} />

      <Text className="tk-section-title">收银</Text>
      <View className={`tk-field${errors.amount ? ' tk-field-invalid' : ''}`}>
        <Text className="tk-field-label">消费金额（元）</Text>
        <Input
          className="tk-amount-input"
          type="digit"
          placeholder="例如 88.00"
          value={fields.amount}
          onChange={(value) => set({ amount: sanitizeYuanInput(value) })}
          {...decimalPad}
        />
        {errors.amount ? <Text className="tk-error tk-field-error tk-amount-error">{errors.amount}</Text> : null}
      </View>
      <View className={`tk-field${errors.receiptNo ? ' tk-field-invalid' : ''}`}>
        <Text className="tk-field-label">小票号</Text>
        <View className="tk-receipt-row">
          <Input
            className="tk-receipt-input"
            type="text"
            placeholder={isWeapp ? '扫描小票条码或输入单号' : '收银小票上的单号'}
            maxLength={64}
            value={fields.receiptNo}
            onChange={(value) => set({ receiptNo: sanitizeReceiptInput(value) })}
          />
          {isWeapp ? (
            <Button className="tk-scan-receipt" size="small" type="primary" fill="outline" onClick={() => void scanReceipt()}>
              扫码
            </Button>
          ) : null}
        </View>
        {errors.receiptNo ? <Text className="tk-error tk-field-error tk-receipt-error">{errors.receiptNo}</Text> : null}
      </View>

      <CouponPicker coupons={visit.coupons} amountFen={check.amountFen} ticked={check.couponIds} onTicked={(ticked) => set({ ticked })} />

      <View className={`tk-field${errors.redeem ? ' tk-field-invalid' : ''}`}>
        <Text className="tk-field-label">使用积分（选填，100 积分抵 ¥1）</Text>
        <Input
          className="tk-redeem-input"
          type="number"
          placeholder={`最多 ${visit.member.points}`}
          value={fields.redeem}
          onChange={(value) => set({ redeem: value.replace(/\D/g, '') })}
        />
        {errors.redeem ? <Text className="tk-error tk-field-error tk-redeem-error">{errors.redeem}</Text> : null}
      </View>

      {check.preview && check.amountFen ? <BillLines amountFen={check.amountFen} preview={check.preview} /> : null}

      <CheckoutBar preview={check.preview} busy={send.busy} onSubmit={submit} error={barError} />
    </>
  );
}
