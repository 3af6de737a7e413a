import { Text, View } from '@tarojs/components';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Button, Input } from '../../components/ui';
import { HELP_NOTE_MAX, mergedLine } from './phone-binding';
import { asksWechatForPhone, type BindPhone } from './use-bind-phone';

/** On H5 the field asks the phone for its number pad (WeChat does it from the type). */
const numberPad = process.env.TARO_ENV === 'h5' ? { nativeProps: { inputMode: 'numeric' } } : {};

/**
 * 手机号 in 我的资料与隐私: the bound number (or 未绑定) and 绑定手机号 / 更换手机号 — WeChat's
 * getPhoneNumber button on weapp, the 模拟微信手机号授权 stand-in on H5 — then the outcome, and after
 * 该手机号已绑定 the 申请人工处理 form.
 *
 * WeChat's privacy flow comes before getPhoneNumber, with no code here: WeChat gates that API
 * itself, so the first tap of a user who has not agreed to the mini-program's privacy guide makes
 * WeChat call `wx.onNeedPrivacyAuthorization`, which the settings page's
 * `<PrivacyAuthorizationPrompt />` (lib/privacy-authorization.tsx) answers with its
 * `open-type="agreePrivacyAuthorization"` button; getPhoneNumber then goes on (or fails, asking
 * nothing, when the user refuses).
 */
export function PhoneBinding({ phone, model }: { phone: string | null; model: BindPhone }) {
  const { bind, help, helpForm, standIn } = model;
  const label = bind.busy ? '绑定中…' : phone ? '更换手机号' : '绑定手机号';
  const merged = model.result ? mergedLine(model.result) : null;

  return (
    <View className="tk-phone-binding">
      <View className="tk-phone-binding-row">
        <Text className="tk-phone">{phone ?? '未绑定'}</Text>
        {asksWechatForPhone ? (
          <Button
            className="tk-tap tk-bind-phone"
            type="primary"
            fill="outline"
            size="small"
            disabled={bind.busy}
            openType="getPhoneNumber"
            onGetPhoneNumber={(e) => model.onWechatPhone(e.detail)}
          >
            {label}
          </Button>
        ) : (
          <Button className="tk-tap tk-bind-phone" type="primary" fill="outline" size="small" disabled={bind.busy} onClick={model.openStandIn}>
            {label}
          </Button>
        )}
      </View>
      <Text className="tk-settings-note">绑定后到店报手机号即可积分；在门店登记过的手机号，积分会并入这张卡。</Text>
      {merged ? <Text className="tk-phone-merged">{merged}</Text> : null}

      {bind.error ? <ErrorBlock message={bind.error.message} onRetry={bind.error.retryable ? () => void model.retry() : undefined} /> : null}

      {model.taken && !helpForm.sent ? (
        helpForm.open ? (
          <View className="tk-phone-help-form">
            <Text className="tk-field-label">补充说明（选填）</Text>
            <Input
              className="tk-phone-help-note"
              type="text"
              maxLength={HELP_NOTE_MAX}
              placeholder="如：这是我在门店登记的号码"
              value={helpForm.note}
              onChange={helpForm.setNote}
            />
            {help.error ? <ErrorBlock message={help.error.message} onRetry={help.error.retryable ? () => void helpForm.submit() : undefined} /> : null}
            <Button className="tk-tap tk-phone-help-submit" type="primary" block disabled={help.busy} onClick={() => void helpForm.submit()}>
              {help.busy ? '提交中…' : '提交申请'}
            </Button>
          </View>
        ) : (
          <Button className="tk-tap tk-phone-help" type="primary" fill="outline" block onClick={helpForm.show}>
            申请人工处理
          </Button>
        )
      ) : null}
      {helpForm.sent ? <Text className="tk-phone-help-sent">已提交，总部核实后会为您处理</Text> : null}

      {standIn.open ? (
        <View className="tk-phone-stand-in-mask">
          <View className="tk-phone-stand-in" role="dialog" aria-label="模拟微信手机号授权">
            <Text className="tk-phone-stand-in-title">模拟微信手机号授权</Text>
            <Text className="tk-muted">浏览器演示版没有微信：请输入要绑定的手机号，代替微信授权。</Text>
            <Input
              className="tk-phone-stand-in-input"
              type="number"
              placeholder="11 位手机号"
              maxLength={11}
              value={standIn.phone}
              {...numberPad}
              onChange={standIn.setPhone}
              onConfirm={standIn.allow}
            />
            {standIn.problem ? <Text className="tk-error tk-field-error tk-phone-stand-in-error">{standIn.problem}</Text> : null}
            <View className="tk-phone-stand-in-actions">
              <Button className="tk-tap tk-phone-stand-in-cancel" fill="outline" onClick={standIn.cancel}>
                取消
              </Button>
              <Button className="tk-tap tk-phone-stand-in-allow" type="primary" onClick={standIn.allow}>
                允许
              </Button>
            </View>
          </View>
        </View>
      ) : null}
    </View>
  );
}
