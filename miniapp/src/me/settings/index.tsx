import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { MessageTemplates, Profile } from '../../../../shared/api';
import {
  getMessageTemplates,
  getProfile,
  messageOf,
  setPreferences,
  updateProfile,
} from '../../api';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loading } from '../../components/Loading';
import { Toggle } from '../../components/Toggle';
import { Button, Input } from '../../components/ui';
import { birthdayFields, birthdayText, birthdayValue, type BirthdayFields } from '../../lib/birthday';
import { subscribeToOffers } from '../../lib/subscribe';
import { useSignedInShow } from '../../lib/use-signed-in';
import './index.scss';

type Switch = 'marketingOptOut' | 'targetingOptOut';

const BIRTHDAY_INPUTS: Array<{ field: keyof BirthdayFields; placeholder: string; digits: number }> = [
  { field: 'year', placeholder: '年（选填）', digits: 4 },
  { field: 'month', placeholder: '月', digits: 2 },
  { field: 'day', placeholder: '日', digits: 2 },
];

/**
 * 我的资料与隐私: the member corrects their nickname and birthday, switches marketing messages or
 * segment-based targeting off in one tap (PIPL art. 24), and sees and adds subscribe-message credits.
 */
export default function SettingsPage() {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [templates, setTemplates] = useState<MessageTemplates | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [nickname, setNickname] = useState('');
  const [birthday, setBirthday] = useState<BirthdayFields>({ year: '', month: '', day: '' });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [switching, setSwitching] = useState<Switch | null>(null);
  const [switchError, setSwitchError] = useState<string | null>(null);
  const [subscribeError, setSubscribeError] = useState<string | null>(null);

  const show = (next: Profile) => {
    setProfile(next);
    setNickname(next.nickname);
    setBirthday(birthdayFields(next.birthday, next.birthYear));
  };

  const load = useCallback(async () => {
    try {
      const [mine, ids] = await Promise.all([getProfile(), getMessageTemplates()]);
      show(mine);
      setTemplates(ids);
      setLoadError(null);
    } catch (error) {
      setLoadError(messageOf(error));
    }
  }, []);

  useSignedInShow(() => {
    void load();
  });

  const save = async () => {
    if (!profile || saving) return;
    const value = birthdayValue(birthday, new Date().getFullYear());
    if (value !== null && typeof value === 'object') {
      setSaveError(value.error);
      return;
    }
    const name = nickname.trim();
    if (!name) {
      setSaveError('请填写昵称');
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      // Setting the same values again is harmless: no Idempotency-Key needed for a PUT of the whole form.
      show(await updateProfile({ nickname: name, birthday: value }));
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (error) {
      setSaveError(messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  const flip = async (which: Switch, optOut: boolean) => {
    if (switching) return;
    setSwitching(which);
    setSwitchError(null);
    try {
      setProfile(await setPreferences({ [which]: optOut }));
    } catch (error) {
      setSwitchError(messageOf(error));
    } finally {
      setSwitching(null);
    }
  };

  const subscribe = async () => {
    if (!templates) return;
    setSubscribeError(null);
    try {
      // First thing in the tap: WeChat shows its prompt only from a user's tap.
      const outcome = await subscribeToOffers(templates);
      if (!outcome) return;
      setProfile(outcome.profile);
      if (outcome.accepted) void Taro.showToast({ title: '订阅成功', icon: 'success' });
    } catch (error) {
      setSubscribeError(messageOf(error));
    }
  };

  if (loadError) {
    return (
      <View className="tk-page tk-settings-page">
        <ErrorBlock message={loadError} onRetry={() => void load()} />
      </View>
    );
  }
  if (!profile) {
    return (
      <View className="tk-page tk-settings-page">
        <Loading />
      </View>
    );
  }

  return (
    <View className="tk-page tk-settings-page">
      <Text className="tk-section-title">我的资料</Text>
      <View className="tk-field">
        <Text className="tk-field-label">昵称</Text>
        <Input className="tk-nickname-input" type="text" maxLength={20} value={nickname} onChange={setNickname} />
      </View>
      <View className="tk-field">
        <Text className="tk-field-label">生日（生日当天送生日礼券）</Text>
        <View className="tk-birthday-row">
          {BIRTHDAY_INPUTS.map(({ field, placeholder, digits }) => (
            <Input
              key={field}
              className={`tk-birthday-${field}`}
              type="number"
              maxLength={digits}
              placeholder={placeholder}
              value={birthday[field]}
              onChange={(value) => setBirthday((b) => ({ ...b, [field]: value }))}
            />
          ))}
        </View>
      </View>
      <Text className="tk-settings-note">
        {profile.birthday ? `当前生日：${birthdayText(profile.birthday)}。` : ''}店员只能看到月和日，看不到出生年份。
      </Text>
      <View className="tk-field">
        <Text className="tk-field-label">手机号</Text>
        <Text className="tk-phone">{profile.phone ?? '未绑定'}</Text>
      </View>
      {saveError ? <ErrorBlock message={saveError} /> : null}
      <Button className="tk-save-profile" type="primary" block disabled={saving} onClick={() => void save()}>
        {saving ? '保存中…' : '保存资料'}
      </Button>

      <Text className="tk-section-title">隐私设置</Text>
      <View className="tk-toggles">
        <Toggle
          className="tk-marketing-toggle"
          title="营销消息"
          description="生日祝福、回店优惠等微信消息。关闭后券照常发放，只是不再发消息。"
          on={!profile.marketingOptOut}
          busy={switching === 'marketingOptOut'}
          onChange={(on) => void flip('marketingOptOut', !on)}
        />
        <Toggle
          className="tk-targeting-toggle"
          title="个性化推荐"
          description="按到店和消费习惯分群推荐优惠。关闭后不参与分群活动，店员也看不到你的分群标签。"
          on={!profile.targetingOptOut}
          busy={switching === 'targetingOptOut'}
          onChange={(on) => void flip('targetingOptOut', !on)}
        />
      </View>
      {switchError ? <ErrorBlock message={switchError} /> : null}

      <Text className="tk-section-title">订阅消息</Text>
      <View className="tk-subscriptions">
        <View className="tk-subscription-row">
          <Text>生日祝福</Text>
          <Text className="tk-credits-birthday">可收 {profile.subscriptions.birthday} 次</Text>
        </View>
        <View className="tk-subscription-row">
          <Text>回店优惠提醒</Text>
          <Text className="tk-credits-reactivation">可收 {profile.subscriptions.reactivation} 次</Text>
        </View>
        <Text className="tk-settings-note">
          微信规定每次允许只能收到一条消息。{profile.marketingOptOut ? '你已关闭营销消息，订阅后也不会收到，打开上方开关即可。' : ''}
          预约提醒在每次预约时单独询问。
        </Text>
        {subscribeError ? <ErrorBlock message={subscribeError} /> : null}
        <Button className="tk-subscribe" type="primary" fill="outline" block disabled={!templates} onClick={() => void subscribe()}>
          订阅生日礼遇和优惠提醒
        </Button>
      </View>
    </View>
  );
}
