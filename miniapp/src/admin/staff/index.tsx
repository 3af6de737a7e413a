import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Invite, InviteRequest, StaffAccount, StaffAssignment, StaffStatus, StaffSummary } from '../../../../shared/api';
import { createStaffInvite, getStaffInvites, getStaffList, getStores, revokeStaffInvite, setStaffStatus, updateStaff } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { Loadable } from '../../components/Loadable';
import { Button } from '../../components/ui';
import { confirmDestructive } from '../../lib/confirm';
import { shortStoreName } from '../../lib/coupons';
import { ROLE_LABELS, byStore, mayChangeStatus, mayReassign, validUntilText, visibleStaff } from '../../lib/staff-accounts';
import { StaffGate } from '../../lib/staff-gate';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { InviteBox } from './InviteBox';
import { StaffRow } from './StaffRow';
import './index.scss';

/**
 * 员工管理: staff by store with role, status and last active; 邀请员工 with the open invites and
 * 撤销; HQ changes a role or store; 离职 / 重新启用. A manager sees and manages their store's clerks.
 */
export default function StaffAccountsPage() {
  return (
    <StaffGate access="managers" className="tk-staff-accounts-page">
      {(staff) => <StaffAccounts me={staff} />}
    </StaffGate>
  );
}

function StaffAccounts({ me }: { me: StaffSummary }) {
  const isHq = me.role === 'hq';
  const list = useLoad(() => getStaffList(), []);
  const invites = useLoad(() => getStaffInvites(), []);
  const stores = useLoad(() => getStores(), [], { enabled: isHq, reloadOnShow: false });
  const storeList = stores.data?.items ?? [];
  const [inviting, setInviting] = useState(false);

  // An invite is a new thing a retry could double: one Idempotency-Key per intent, kept for 重试.
  const invite = useSubmit('staff-invite', (key, input: InviteRequest) => createStaffInvite(input, key));
  // State changes the server makes once: the keys go unused.
  const status = useSubmit('staff-status', (_key, staffId: string, next: StaffStatus) => setStaffStatus(staffId, next));
  const reassign = useSubmit('staff-assign', (_key, staffId: string, assignment: StaffAssignment) => updateStaff(staffId, assignment));
  const revoke = useSubmit('invite-revoke', (_key, code: string) => revokeStaffInvite(code));

  const replace = (updated: StaffAccount) => list.setData((res) => res && { ...res, items: res.items.map((s) => (s.staffId === updated.staffId ? updated : s)) });

  const changeStatus = async (a: StaffAccount, next: StaffStatus) => {
    if (status.busy) return;
    if (next === 'disabled') {
      const sure = await confirmDestructive({
        title: `${a.name}离职？`,
        content: '停用后其员工权限立即失效，进行中的接待随之关闭；其会员卡保留，可随时重新启用。',
        confirmText: '离职',
      });
      if (!sure) return;
    }
    const outcome = await status.submit(a.staffId, next);
    if (outcome.ok) {
      replace(outcome.value);
      void Taro.showToast({ title: next === 'disabled' ? '已停用' : '已重新启用', icon: 'success' });
    } else if (!outcome.busy && !outcome.retryable) void list.reload();
  };

  const changeAssignment = async (a: StaffAccount, assignment: StaffAssignment): Promise<boolean> => {
    const outcome = await reassign.submit(a.staffId, assignment);
    if (outcome.ok) {
      replace(outcome.value);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    }
    return outcome.ok;
  };

  const revokeInvite = async (i: Invite) => {
    if (revoke.busy) return;
    const sure = await confirmDestructive({ title: `撤销给${i.name}的邀请？`, content: '撤销后该邀请码立即失效。', confirmText: '撤销' });
    if (!sure) return;
    const outcome = await revoke.submit(i.code);
    if (outcome.ok || (!outcome.busy && !outcome.retryable)) void invites.reload();
    if (outcome.ok) void Taro.showToast({ title: '已撤销', icon: 'success' });
  };

  const rowError = (staffId: string) => (status.error?.args[0] === staffId ? status.error.message : reassign.error?.args[0] === staffId ? reassign.error.message : undefined);

  return (
    <>
      <View className="tk-staff-accounts-head">
        <View className="tk-staff-accounts-who">
          <Text className="tk-staff-accounts-title">{isHq ? '全部门店的员工' : `${shortStoreName(me.storeName ?? '')}的员工`}</Text>
          <Text className="tk-muted">{isHq ? '总部可邀请各角色，调整角色与门店' : '您可邀请并管理本店店员'}</Text>
        </View>
        <Button className="tk-tap tk-invite-open" type="primary" size="small" onClick={() => setInviting((v) => !v)}>
          {inviting ? '收起' : '邀请员工'}
        </Button>
      </View>

      {inviting ? <InviteBox me={me} stores={storeList} invite={invite} onInvited={() => void invites.reload()} /> : null}

      <Loadable state={invites}>
        {({ items }) =>
          items.length === 0 ? null : (
            <>
              <Text className="tk-section-title">待使用的邀请</Text>
              <View className="tk-invite-list">
                {items.map((i) => (
                  <View key={i.code} className="tk-open-invite" data-code={i.code}>
                    <View className="tk-open-invite-text">
                      <Text className="tk-open-invite-code">{i.code}</Text>
                      <Text className="tk-staff-row-line">{`${i.name} · ${ROLE_LABELS[i.role]} · ${i.storeName ? shortStoreName(i.storeName) : '总部'}`}</Text>
                      <Text className="tk-muted">{validUntilText(i.expiresAt)}</Text>
                      {revoke.error?.args[0] === i.code ? <Text className="tk-error tk-staff-row-error">{revoke.error.message}</Text> : null}
                    </View>
                    <Button
                      className="tk-tap tk-danger-action tk-invite-revoke"
                      size="small"
                      type="danger"
                      fill="outline"
                      disabled={revoke.busy}
                      onClick={() => void revokeInvite(i)}
                    >
                      撤销
                    </Button>
                  </View>
                ))}
              </View>
            </>
          )
        }
      </Loadable>

      <Loadable state={list} isEmpty={(res) => res.items.length === 0} empty={<EmptyState title="还没有员工" description="点「邀请员工」生成邀请码" />}>
        {({ items }) =>
          byStore(visibleStaff(me, items)).map((group) => (
            <View key={group.key} className="tk-staff-group">
              <Text className="tk-section-title">{shortStoreName(group.title)}</Text>
              {group.items.map((a) => (
                <StaffRow
                  key={a.staffId}
                  account={a}
                  stores={storeList}
                  canStatus={mayChangeStatus(me, a)}
                  canReassign={mayReassign(me, a) && storeList.length > 0}
                  busy={status.busy || reassign.busy}
                  error={rowError(a.staffId)}
                  onStatus={(next) => void changeStatus(a, next)}
                  onReassign={(assignment) => changeAssignment(a, assignment)}
                />
              ))}
            </View>
          ))
        }
      </Loadable>
    </>
  );
}
