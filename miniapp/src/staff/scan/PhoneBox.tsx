import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { openPhoneVisit } from '../../api';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Button, Input } from '../../components/ui';
import { phoneProblem, sanitizePhone } from '../../lib/staff-accounts';
import { useSubmit } from '../../lib/use-submit';
import { setCurrentVisit } from '../../lib/visit';

/** On H5 the field asks the phone for its number pad (WeChat does it from the type). */
const numberPad = process.env.TARO_ENV === 'h5' ? { nativeProps: { inputMode: 'numeric' } } : {};

/**
 * 报手机号积分: a customer without the mini-program gives their phone. The full 11-digit number
 * opens a visit with its member, or registers a walk-in member on it; then the bill, as after a scan.
 */
export function PhoneBox() {
  const [phone, setPhone] = useState('');
  const [tried, setTried] = useState(false);
  // Opening a visit changes nothing a retry could double (the phone claim is once per phone): no key.
  const open = useSubmit('phone-visit', (_key, number: string) => openPhoneVisit(number));
  const problem = phoneProblem(phone);

  const submit = async () => {
    setTried(true);
    if (problem) return;
    const outcome = await open.submit(phone);
    if (!outcome.ok) return;
    setCurrentVisit(outcome.value);
    setPhone('');
    setTried(false);
    // A new walk-in is told so (the clerk tells the customer), then the bill as after a scan.
    if (outcome.value.registered) {
      const masked = outcome.value.member.maskedPhone ?? '该手机号';
      await Taro.showModal({ title: '新会员已登记', content: `${masked} 已登记为会员，本单即可积分。`, showCancel: false, confirmText: '开始收银' });
    }
    await Taro.navigateTo({ url: '/staff/member/index' });
  };

  return (
    <View className="tk-phone-box">
      <Text className="tk-section-title">报手机号积分</Text>
      <Text className="tk-muted">顾客未使用小程序时，输入其完整的 11 位手机号；新号码将登记为新会员。</Text>
      <View className="tk-field">
        <Input
          className="tk-phone-input"
          type="number"
          placeholder="11 位手机号"
          maxLength={11}
          value={phone}
          {...numberPad}
          onChange={(value) => {
            open.clearError();
            setPhone(sanitizePhone(value));
          }}
          onConfirm={() => void submit()}
        />
        {tried && problem ? <Text className="tk-error tk-field-error tk-phone-error">{problem}</Text> : null}
      </View>
      {open.error ? <ErrorBlock message={open.error.message} onRetry={open.error.retryable ? () => void open.retry() : undefined} /> : null}
      <Button className="tk-tap tk-phone-visit" type="primary" fill="outline" block disabled={open.busy} onClick={() => void submit()}>
        {open.busy ? '查询中…' : '按手机号积分'}
      </Button>
    </View>
  );
}
