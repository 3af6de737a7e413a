import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { Profile, ProfileUpdate } from '../../../../shared/api';
import { getMessageTemplates, getProfile, messageOf, setPreferences, updateProfile } from '../../api';
import { BirthdayPicker } from '../../components/BirthdayPicker';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loadable } from '../../components/Loadable';
import { Toggle } from '../../components/Toggle';
import { MemberPage } from '../../components/MemberPage';
import { Button, Input } from '../../components/ui';
import { birthdayFields, birthdayText, birthdayValue, type BirthdayFields } from '../../lib/birthday';
import { subscribeToOffers } from '../../lib/subscribe';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { PhoneBinding } from './PhoneBinding';
import { ensurePrivacyAuthorized, PrivacyAuthorizationPrompt } from '../../lib/privacy-authorization';
import { useBindPhone } from './use-bind-phone';
import './index.scss';

type Switch = 'marketingOptOut' | 'targetingOptOut';

/** The privacy switches: each is on while the member has not opted out. */
const PRIVACY_TOGGLES: Array<{ which: Switch; className: string; title: string; description: string }> = [
  { which: 'marketingOptOut', className: 'tk-marketing-toggle', title: '营销消息', description: '生日祝福、回店优惠等微信消息。关闭后券照常发放，只是不再发消息。' },
  {
    which: 'targetingOptOut',
    className: 'tk-targeting-toggle',
    title: '个性化推荐',
    description: '按到店和消费习惯分群推荐优惠。关闭后不参与分群活动，店员也看不到你的分群标签。',
  },
];

async function loadSettings() {
  const [profile, templates] = await Promise.all([getProfile(), getMessageTemplates()]);
  return { profile, templates };
}

/**
 * 我的资料与隐私: the member corrects their nickname and birthday, switches marketing messages or
 * segment-based targeting off in one tap (PIPL art. 24), binds their phone (绑定手机号, which may merge
 * a card registered at a counter into theirs), opens 访问记录 (which stores looked at their record),
 * and sees and adds subscribe-message credits.
 */
export default function SettingsPage() {
  return <MemberPage className="tk-settings-page">{() => <Settings />}</MemberPage>;
}

function Settings() {
  const settings = useLoad(loadSettings, [], { reloadOnShow: false });
  const profile = settings.data?.profile ?? null;
  const templates = settings.data?.templates ?? null;
  const showProfile = (next: Profile) => settings.setData((now) => now && { ...now, profile: next });

  const [nickname, setNickname] = useState('');
  const [birthday, setBirthday] = useState<BirthdayFields>({ year: '', month: '', day: '' });
  const [formError, setFormError] = useState<string | null>(null);
  const [subscribeError, setSubscribeError] = useState<string | null>(null);

  // The form starts from the profile as loaded or as last saved.
  useEffect(() => {
    if (!profile) return;
    setNickname(profile.nickname);
    setBirthday(birthdayFields(profile.birthday, profile.birthYear));
  }, [profile]);

  // After a bind the profile shows the phone (and a merge's points are on the card when it shows again).
  const bindPhone = useBindPhone(() => void settings.reload());

  // A PUT of the whole form: sending it again is harmless, so its key is not sent.
  const save = useSubmit('save-profile', (_key, body: ProfileUpdate) => updateProfile(body));
  const flip = useSubmit('preferences', (_key, which: Switch, optOut: boolean) => setPreferences({ [which]: optOut }));

  const onSave = async () => {
    if (!profile) return;
    const value = birthdayValue(birthday, new Date().getFullYear());
    if (value !== null && typeof value === 'object') return setFormError(value.error);
    const name = nickname.trim();
    if (!name) return setFormError('请填写昵称');
    setFormError(null);
    // WeChat's own privacy flow ran before the birthday's wheel opened (BirthdayPicker); asked again
    // here as a backstop for a birthday sent without opening it (a no-op once agreed, and on H5).
    if (value && !(await ensurePrivacyAuthorized())) return setFormError('需要同意隐私保护指引后才能保存生日');
    const outcome = await save.submit({ nickname: name, birthday: value });
    if (outcome.ok) {
      showProfile(outcome.value);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    }
  };

  const onFlip = async (which: Switch, optOut: boolean) => {
    const outcome = await flip.submit(which, optOut);
    if (outcome.ok) showProfile(outcome.value);
  };

  const subscribe = async () => {
    if (!templates) return;
    setSubscribeError(null);
    try {
      // First thing in the tap: WeChat shows its prompt only from a user's tap.
      const outcome = await subscribeToOffers(templates);
      if (!outcome) return;
      showProfile(outcome.profile);
      if (outcome.accepted) void Taro.showToast({ title: '订阅成功', icon: 'success' });
    } catch (error) {
      setSubscribeError(messageOf(error));
    }
  };

  const saveError = formError ?? save.error?.message ?? null;
  /** 重试 after a lost answer or a busy server: the same form again. */
  const retrySave = !formError && save.error?.retryable ? () => void save.retry().then((outcome) => outcome.ok && showProfile(outcome.value)) : undefined;
  const retryFlip = flip.error?.retryable ? () => void flip.retry().then((outcome) => outcome.ok && showProfile(outcome.value)) : undefined;

  return (
    <>
      {/* WeChat asks before getPhoneNumber and the birthday: its prompt shows here when it does (weapp only). */}
      <PrivacyAuthorizationPrompt />
      <Loadable state={settings}>
        {({ profile: mine }) => (
          <>
            <Text className="tk-section-title">我的资料</Text>
            <View className="tk-field">
              <Text className="tk-field-label">昵称</Text>
              <Input className="tk-nickname-input" type="text" maxLength={20} value={nickname} onChange={setNickname} />
            </View>
            <View className="tk-field">
              <Text className="tk-field-label">生日（生日当天送生日礼券）</Text>
              <BirthdayPicker value={birthday} onChange={setBirthday} />
            </View>
            <Text className="tk-settings-note">{mine.birthday ? `当前生日：${birthdayText(mine.birthday)}。` : ''}店员只能看到月和日，看不到出生年份。</Text>
            {saveError ? <ErrorBlock message={saveError} onRetry={retrySave} /> : null}
            <Button className="tk-save-profile tk-tap" type="primary" block disabled={save.busy} onClick={() => void onSave()}>
              {save.busy ? '保存中…' : '保存资料'}
            </Button>

            <Text className="tk-section-title">手机号</Text>
            <PhoneBinding phone={mine.phone} model={bindPhone} />

            <Text className="tk-section-title">隐私设置</Text>
            <View className="tk-toggles">
              {PRIVACY_TOGGLES.map(({ which, ...toggle }) => (
                <Toggle key={which} {...toggle} on={!mine[which]} busy={flip.running?.[0] === which} onChange={(on) => void onFlip(which, !on)} />
              ))}
            </View>
            {flip.error ? <ErrorBlock message={flip.error.message} onRetry={retryFlip} /> : null}
            <Button className="tk-access-log-entry tk-tap" fill="none" block onClick={() => void Taro.navigateTo({ url: '/me/access-log/index' })}>
              访问记录（哪些门店查看或修改过我的资料）›
            </Button>
            <Button className="tk-my-ratings-entry tk-tap" fill="none" block onClick={() => void Taro.navigateTo({ url: '/me/ratings/index' })}>
              我的评价（门店回复）›
            </Button>
            <Button className="tk-privacy-entry tk-tap" fill="none" block onClick={() => void Taro.navigateTo({ url: '/pages/privacy/index' })}>
              个人信息保护政策 ›
            </Button>
            <Button className="tk-export-entry tk-tap" fill="none" block onClick={() => void Taro.navigateTo({ url: '/me/export/index' })}>
              导出我的数据 ›
            </Button>
            <Button className="tk-deletion-entry tk-tap" fill="none" block onClick={() => void Taro.navigateTo({ url: '/me/deletion/index' })}>
              注销会员 ›
            </Button>

            <Text className="tk-section-title">订阅消息</Text>
            <View className="tk-subscriptions">
              <View className="tk-subscription-row">
                <Text>生日祝福</Text>
                <Text className="tk-credits-birthday">可收 {mine.subscriptions.birthday} 次</Text>
              </View>
              <View className="tk-subscription-row">
                <Text>回店优惠提醒</Text>
                <Text className="tk-credits-reactivation">可收 {mine.subscriptions.reactivation} 次</Text>
              </View>
              <Text className="tk-settings-note">
                微信规定每次允许只能收到一条消息。{mine.marketingOptOut ? '你已关闭营销消息，订阅后也不会收到，打开上方开关即可。' : ''}
                预约提醒在每次预约时单独询问。
              </Text>
              {subscribeError ? <ErrorBlock message={subscribeError} /> : null}
              <Button className="tk-subscribe tk-tap" type="primary" fill="outline" block disabled={!templates} onClick={() => void subscribe()}>
                订阅生日礼遇和优惠提醒
              </Button>
            </View>

            <Button className="tk-join-store-entry tk-tap" fill="none" block onClick={() => void Taro.navigateTo({ url: '/me/join/index' })}>
              加入门店（门店员工凭邀请码）›
            </Button>
          </>
        )}
      </Loadable>
    </>
  );
}
