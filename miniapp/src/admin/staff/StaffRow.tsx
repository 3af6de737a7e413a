import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { StaffAccount, StaffAssignment, StaffRole, Store } from '../../../../shared/api';
import { Button } from '../../components/ui';
import { shortStoreName } from '../../lib/coupons';
import { shanghaiDateTime } from '../../lib/format';
import { ROLE_LABELS, STATUS_LABELS } from '../../lib/staff-accounts';
import { Chips } from '../Chips';

const ROLES: StaffRole[] = ['clerk', 'manager', 'hq'];

/** One staff member of 员工管理: role, status, last active; 调整 (HQ), 离职 / 重新启用 for those who may. */
export function StaffRow({
  account: a,
  stores,
  canStatus,
  canReassign,
  busy,
  error,
  onStatus,
  onReassign,
}: {
  account: StaffAccount;
  stores: Store[];
  canStatus: boolean;
  canReassign: boolean;
  busy: boolean;
  error: string | undefined;
  onStatus: (status: StaffAccount['status']) => void;
  onReassign: (assignment: StaffAssignment) => Promise<boolean>;
}) {
  const [editing, setEditing] = useState(false);
  const [role, setRole] = useState<StaffRole>(a.role);
  const [storeId, setStoreId] = useState<string | null>(a.storeId ?? stores[0]?.id ?? null);
  const target: StaffAssignment = { role, storeId: role === 'hq' ? null : storeId };
  const changed = target.role !== a.role || target.storeId !== a.storeId;
  const disabled = a.status === 'disabled';

  const save = async () => {
    if (await onReassign(target)) setEditing(false);
  };

  return (
    <View className={`tk-staff-row tk-staff-${a.status}`} data-staff-id={a.staffId}>
      <View className="tk-staff-row-head">
        <Text className="tk-staff-row-name">{a.name}</Text>
        <Text className="tk-status tk-staff-role tk-status-brand">{ROLE_LABELS[a.role]}</Text>
        <Text className={`tk-status tk-staff-status ${disabled ? 'tk-status-warning' : 'tk-status-success'}`}>{STATUS_LABELS[a.status]}</Text>
      </View>
      <Text className="tk-staff-row-line">{`最近活跃：${a.lastActiveAt ? shanghaiDateTime(a.lastActiveAt) : '尚未使用'}`}</Text>
      {error ? <Text className="tk-error tk-staff-row-error">{error}</Text> : null}

      {editing ? (
        <View className="tk-staff-edit">
          <Text className="tk-field-label">角色</Text>
          <Chips className="tk-edit-role" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} value={role} onChange={setRole} />
          {role !== 'hq' ? (
            <>
              <Text className="tk-field-label">门店</Text>
              <Chips className="tk-edit-store" options={stores.map((s) => ({ value: s.id, label: shortStoreName(s.name) }))} value={storeId ?? ''} onChange={setStoreId} />
            </>
          ) : null}
          <View className="tk-staff-actions">
            <Button className="tk-tap tk-staff-edit-cancel" size="small" fill="outline" onClick={() => setEditing(false)}>
              取消
            </Button>
            <Button className="tk-tap tk-staff-edit-save" size="small" type="primary" disabled={busy || !changed} onClick={() => void save()}>
              保存
            </Button>
          </View>
        </View>
      ) : canStatus || canReassign ? (
        <View className="tk-staff-actions">
          {canReassign && !disabled ? (
            <Button className="tk-tap tk-staff-reassign" size="small" fill="outline" disabled={busy} onClick={() => setEditing(true)}>
              调整角色/门店
            </Button>
          ) : null}
          {canStatus && disabled ? (
            <Button className="tk-tap tk-staff-enable" size="small" type="primary" fill="outline" disabled={busy} onClick={() => onStatus('active')}>
              重新启用
            </Button>
          ) : null}
          {canStatus && !disabled ? (
            <Button className="tk-tap tk-danger-action tk-staff-disable" size="small" type="danger" fill="outline" disabled={busy} onClick={() => onStatus('disabled')}>
              离职
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
