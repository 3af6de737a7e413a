import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { currentSession, messageOf, openVisit, type Session } from '../../api';
import { StaffBookingLinks } from '../../components/booking/StaffBookingLinks';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Button, Cell, CellGroup, Input } from '../../components/ui';
import { normalizeMemberDigits } from '../../lib/format';
import { setCurrentVisit } from '../../lib/visit';
import { useSignedInShow } from '../../lib/use-signed-in';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';

/**
 * The counter: scan the member's QR (WeChat) or type the 16 digits under it, which opens a
 * short visit bound to this clerk, store and member.
 */
export default function ScanPage() {
  const [session, setSession] = useState<Session | null>(() => currentSession());
  const [digits, setDigits] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useSignedInShow((now) => {
    setSession(now);
    // Back from a finished bill: ready for the next customer.
    setDigits('');
    setError(null);
  });

  const open = async (code: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const visit = await openVisit(code);
      setCurrentVisit(visit);
      setDigits('');
      await Taro.navigateTo({ url: '/staff/member/index' });
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const submitDigits = () => {
    const normalized = normalizeMemberDigits(digits);
    if (!normalized) {
      setError('请输入会员码下方的 16 位数字');
      return;
    }
    void open(normalized);
  };

  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      if (result) void open(result);
    } catch {
      // The clerk closed the camera: nothing to do.
    }
  };

  const staff = session?.staff ?? null;
  if (!staff) {
    return (
      <View className="tk-page tk-scan-page">
        <ErrorBlock message="仅限门店店员使用" />
      </View>
    );
  }

  return (
    <View className="tk-page tk-scan-page">
      <View className="tk-staff-head">
        <Text className="tk-staff-name">{staff.name}</Text>
        <Text className="tk-staff-store">{staff.storeName ?? '总部（不能在柜台收银）'}</Text>
      </View>

      {isWeapp ? (
        <View className="tk-form-actions">
          <Button className="tk-scan" type="primary" block disabled={busy} onClick={() => void scan()}>
            扫描会员码
          </Button>
        </View>
      ) : null}

      <Text className="tk-section-title">{isWeapp ? '或输入会员码下方的 16 位数字' : '输入会员码下方的 16 位数字'}</Text>
      <View className="tk-field">
        <Input
          className="tk-digits-input"
          type="text"
          placeholder="例如 1234 5678 9012 3456"
          maxLength={24}
          value={digits}
          onChange={(value) => setDigits(value)}
          onConfirm={submitDigits}
        />
      </View>
      {error ? <ErrorBlock message={error} /> : null}
      <View className="tk-form-actions">
        <Button className="tk-open-visit" type="primary" block disabled={busy} onClick={submitDigits}>
          {busy ? '查询中…' : '查询会员'}
        </Button>
      </View>

      <StaffBookingLinks staff={staff} />

      {staff.role === 'manager' || staff.role === 'hq' ? (
        <CellGroup className="tk-manage-menu">
          <Cell
            className="tk-checkouts-entry"
            title="收银记录"
            description="查看当日收银，撤销错单"
            extra="›"
            clickable
            onClick={() => void Taro.navigateTo({ url: '/staff/checkouts/index' })}
          />
          <Cell
            className="tk-coupon-templates-entry"
            title="券模板管理"
            description={staff.role === 'hq' ? '全部门店的优惠券' : '本店及总部的优惠券'}
            extra="›"
            clickable
            onClick={() => void Taro.navigateTo({ url: '/admin/templates/index' })}
          />
          {staff.role === 'hq' ? (
            <Cell
              className="tk-campaigns-entry"
              title="营销活动"
              description="生日礼、唤醒券、预约提醒"
              extra="›"
              clickable
              onClick={() => void Taro.navigateTo({ url: '/admin/campaigns/index' })}
            />
          ) : null}
        </CellGroup>
      ) : null}
    </View>
  );
}
