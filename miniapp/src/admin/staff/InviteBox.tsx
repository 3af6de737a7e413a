import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Invite, InviteRequest, StaffRole, StaffSummary, Store } from '../../../../shared/api';
import { ErrorBlock } from '../../components/ErrorBlock';
import { MemberQr } from '../../components/MemberQr';
import { Button, Input } from '../../components/ui';
import { shortStoreName } from '../../lib/coupons';
import { ROLE_LABELS, invitableRoles, validUntilText } from '../../lib/staff-accounts';
import type { Submit } from '../../lib/use-submit';
import { Chips } from '../Chips';
import { Field } from '../Field';

/**
 * 邀请员工: the name, the role (HQ: 店员/店长/总部; a manager: 店员) and the store (HQ), then the
 * one-time code, big, with its QR, valid 24 hours.
 */
export function InviteBox({
  me,
  stores,
  invite,
  onInvited,
}: {
  me: StaffSummary;
  stores: Store[];
  invite: Submit<[InviteRequest], Invite>;
  onInvited: (invite: Invite) => void;
}) {
  const roles = invitableRoles(me);
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>(roles[0] ?? 'clerk');
  const [picked, setPicked] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [created, setCreated] = useState<Invite | null>(null);
  const isHq = me.role === 'hq';
  const storeId = role === 'hq' ? null : isHq ? (picked ?? stores[0]?.id ?? null) : me.storeId;
  const nameProblem = name.trim() ? null : '请填写员工姓名';

  const submit = async () => {
    setTried(true);
    if (nameProblem || (role !== 'hq' && !storeId)) return;
    const outcome = await invite.submit({ name: name.trim(), role, storeId });
    if (!outcome.ok) return;
    setCreated(outcome.value);
    setName('');
    setTried(false);
    onInvited(outcome.value);
  };

  if (created) {
    return (
      <View className="tk-invite-box tk-invite-created">
        <Text className="tk-invite-for">{`${created.name} · ${ROLE_LABELS[created.role]} · ${created.storeName ? shortStoreName(created.storeName) : '总部'}`}</Text>
        <Text className="tk-invite-code">{created.code}</Text>
        <MemberQr text={created.qrText} />
        <Text className="tk-muted tk-invite-hint">{`请对方登录通卡，在「我的资料与隐私 › 加入门店」扫码或输入邀请码。仅可使用一次，${validUntilText(created.expiresAt)}（24 小时）。`}</Text>
        <Button className="tk-tap tk-invite-again" size="small" fill="outline" onClick={() => setCreated(null)}>
          再邀请一位
        </Button>
      </View>
    );
  }

  return (
    <View className="tk-invite-box">
      <Field label="员工姓名" hint="显示在员工管理和收银记录中">
        <Input
          className="tk-invite-name"
          placeholder="例如：王小明"
          maxLength={32}
          value={name}
          onChange={(value) => {
            invite.clearError();
            setName(value);
          }}
        />
        {tried && nameProblem ? <Text className="tk-error tk-field-error">{nameProblem}</Text> : null}
      </Field>
      {roles.length > 1 ? (
        <Field label="角色">
          <Chips className="tk-invite-role" options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} value={role} onChange={setRole} />
        </Field>
      ) : (
        <Text className="tk-muted tk-invite-fixed">{`角色：${ROLE_LABELS[role]} · ${shortStoreName(me.storeName ?? '')}`}</Text>
      )}
      {isHq && role !== 'hq' ? (
        <Field label="门店">
          <Chips className="tk-invite-store" options={stores.map((s) => ({ value: s.id, label: shortStoreName(s.name) }))} value={storeId ?? ''} onChange={setPicked} />
        </Field>
      ) : null}
      {invite.error ? <ErrorBlock message={invite.error.message} onRetry={invite.error.retryable ? () => void invite.retry() : undefined} /> : null}
      <Button className="tk-tap tk-invite-submit" type="primary" block disabled={invite.busy} onClick={() => void submit()}>
        {invite.busy ? '生成中…' : '生成邀请码'}
      </Button>
    </View>
  );
}
