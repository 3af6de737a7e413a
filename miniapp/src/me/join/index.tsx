import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { StaffSummary } from '../../../../shared/api';
import { INVITE_CODE_LENGTH, TypedInviteCode } from '../../../../shared/schemas/staff-admin';
import { redeemStaffInvite } from '../../api';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Button, Input } from '../../components/ui';
import { ROLE_LABELS } from '../../lib/staff-accounts';
import { STAFF_HOME } from '../../lib/staff-roles';
import { useSignedInShow } from '../../lib/use-signed-in';
import { useSubmit } from '../../lib/use-submit';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** What may be typed: the code's letters and digits (lower case is fine), spaces and a hyphen. */
const sanitizeCode = (text: string) => text.replace(/[^A-Za-z0-9\s-]/g, '').slice(0, 12);

/**
 * 加入门店: a signed-in member scans (WeChat) or types the invite code from 员工管理, and becomes
 * that staff member; their member card stays. Then straight to the 店员工作台.
 */
export default function JoinStorePage() {
  const [code, setCode] = useState('');
  const [tried, setTried] = useState(false);
  const [joined, setJoined] = useState<StaffSummary | null>(null);
  useSignedInShow(() => undefined);
  // Joining is a state change the server makes once (a second try answers already_staff): no key.
  const redeem = useSubmit('redeem-invite', (_key, text: string) => redeemStaffInvite(text));

  const problem = TypedInviteCode.safeParse(code).success ? null : `请输入 ${INVITE_CODE_LENGTH} 位邀请码（字母和数字）`;

  const join = async (text: string) => {
    const outcome = await redeem.submit(text);
    if (!outcome.ok) return;
    setJoined(outcome.value);
  };

  const submitTyped = () => {
    setTried(true);
    if (!problem) void join(code);
  };

  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      if (result) void join(result);
    } catch {
      // The member closed the camera: nothing to do.
    }
  };

  if (joined) {
    return (
      <View className="tk-page tk-join-page">
        <View className="tk-join-done">
          <Text className="tk-join-done-title">您已成为门店员工</Text>
          <Text className="tk-join-done-who">{`${joined.name} · ${ROLE_LABELS[joined.role]} · ${joined.storeName ?? '总部'}`}</Text>
          <Text className="tk-muted">您的会员卡和积分保持不变，可在工作台「我的会员卡」查看。</Text>
        </View>
        <Button className="tk-tap tk-join-go" type="primary" block onClick={() => void Taro.reLaunch({ url: STAFF_HOME })}>
          进入店员工作台
        </Button>
      </View>
    );
  }

  return (
    <View className="tk-page tk-join-page">
      <Text className="tk-join-intro">向店长或总部索取邀请码（24 小时内有效，仅可使用一次）。加入后，您的微信账号即成为该门店的员工账号。</Text>
      {isWeapp ? (
        <Button className="tk-tap tk-join-scan" type="primary" block disabled={redeem.busy} onClick={() => void scan()}>
          扫描邀请二维码
        </Button>
      ) : null}
      <Text className="tk-section-title">{isWeapp ? '或输入邀请码' : '输入邀请码'}</Text>
      <View className="tk-field">
        <Input
          className="tk-join-code-input"
          placeholder={`${INVITE_CODE_LENGTH} 位邀请码`}
          maxLength={12}
          value={code}
          onChange={(value) => {
            redeem.clearError();
            setCode(sanitizeCode(value));
          }}
          onConfirm={submitTyped}
        />
        {tried && problem ? <Text className="tk-error tk-field-error tk-join-code-error">{problem}</Text> : null}
      </View>
      {redeem.error ? (
        <View className="tk-join-error">
          <ErrorBlock message={redeem.error.message} onRetry={redeem.error.retryable ? () => void redeem.retry() : undefined} />
        </View>
      ) : null}
      <Button className="tk-tap tk-join-submit" type="primary" block disabled={redeem.busy} onClick={submitTyped}>
        {redeem.busy ? '加入中…' : '加入门店'}
      </Button>
    </View>
  );
}
