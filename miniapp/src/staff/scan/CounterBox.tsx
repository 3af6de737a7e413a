import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { openVisit } from '../../api';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Button, Input } from '../../components/ui';
import { memberDigitsProblem, sanitizeMemberDigits } from '../../lib/checkout-form';
import { useSubmit } from '../../lib/use-submit';
import { setCurrentVisit } from '../../lib/visit';

const isWeapp = process.env.TARO_ENV === 'weapp';

/**
 * The counter: scan the member's QR (WeChat) or type the 16 digits under it, which opens a short
 * visit bound to this clerk, store and member, then the bill.
 */
export function CounterBox({ digits, onDigits }: { digits: string; onDigits: (digits: string) => void }) {
  const [tried, setTried] = useState(false);
  // Opening a visit changes nothing a retry could double: the key goes unused.
  const open = useSubmit('open-visit', (_key, code: string) => openVisit(code));

  const go = async (code: string) => {
    const outcome = await open.submit(code);
    if (!outcome.ok) return;
    setCurrentVisit(outcome.value);
    onDigits('');
    setTried(false);
    await Taro.navigateTo({ url: '/staff/member/index' });
  };

  const submitDigits = () => {
    setTried(true);
    if (!memberDigitsProblem(digits)) void go(digits);
  };

  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      if (result) void go(result);
    } catch {
      // The clerk closed the camera: nothing to do.
    }
  };

  const problem = memberDigitsProblem(digits);
  // Short digits say so once the clerk tried, or once all 16 could have been typed.
  const shown = tried ? problem : null;

  return (
    <View className="tk-counter-box">
      {isWeapp ? (
        <Button className="tk-scan" type="primary" block disabled={open.busy} onClick={() => void scan()}>
          扫描会员码
        </Button>
      ) : null}
      <Text className="tk-section-title">{isWeapp ? '或输入会员码下方的 16 位数字' : '输入会员码下方的 16 位数字'}</Text>
      <View className="tk-field">
        <Input
          className="tk-digits-input"
          type="number"
          placeholder="16 位数字"
          maxLength={19}
          value={digits}
          onChange={(value) => {
            open.clearError();
            onDigits(sanitizeMemberDigits(value));
          }}
          onConfirm={submitDigits}
        />
        {shown ? <Text className="tk-error tk-field-error tk-digits-error">{shown}</Text> : null}
      </View>
      {open.error ? <ErrorBlock message={open.error.message} onRetry={open.error.retryable ? () => void go(open.error!.args[0]) : undefined} /> : null}
      <Button className="tk-open-visit" type="primary" block disabled={open.busy} onClick={submitDigits}>
        {open.busy ? '查询中…' : '查询会员'}
      </Button>
    </View>
  );
}
