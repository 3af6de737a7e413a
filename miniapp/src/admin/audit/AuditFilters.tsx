import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { dayChipLabel } from '../../components/StoreDayPicker';
import { Chip } from '../../components/booking/Chip';
import { Input } from '../../components/ui';
import { shortStoreName } from '../../lib/booking';
import { ROLE_LABELS } from '../../lib/staff-accounts';
import { Chips } from '../Chips';
import { Field } from '../Field';
import { ACTION_FILTERS, ACTION_LABELS } from './audit-text';
import type { AuditLog } from './use-audit-log';
import '../../components/store-day-picker.scss';

const ALL = 'all';

/** On H5 the field asks the phone for its number pad (WeChat does it from the type). */
const numberPad = process.env.TARO_ENV === 'h5' ? { nativeProps: { inputMode: 'numeric' } } : {};

/**
 * 审计日志's filters: HQ's store (全部门店, one store, 总部), the day, and under 筛选 the staff member,
 * the member number and the action. Each applies at once.
 */
export function AuditFilters({ audit }: { audit: AuditLog }) {
  const { isHq, days, filters, stores, staffChoices, memberNoProblem } = audit;
  const [open, setOpen] = useState(false);
  const narrowed = [filters.staffId !== null, filters.memberNoText !== '', filters.action !== null].filter(Boolean).length;

  return (
    <View className="tk-audit-filters">
      {isHq ? (
        <Chips
          className="tk-audit-scope"
          options={[{ value: ALL, label: '全部门店' }, ...stores.map((s) => ({ value: s.id, label: shortStoreName(s.name) })), { value: 'HQ', label: '总部' }]}
          value={filters.scope}
          onChange={audit.setScope}
        />
      ) : null}

      <View className="tk-staff-days tk-audit-days">
        {days.map((d) => (
          <Chip key={d} className={`tk-staff-day tk-tap tk-audit-day-${d}`} selected={d === filters.date} onTap={() => audit.setDate(d)}>
            <Text className="tk-chip-sub">{dayChipLabel(d)}</Text>
            <Text className="tk-chip-main">{d.slice(5).replace('-', '/')}</Text>
          </Chip>
        ))}
      </View>

      <View className="tk-audit-filter-bar">
        <Text className="tk-audit-filter-toggle tk-tap" onClick={() => setOpen((v) => !v)}>
          {`${open ? '收起筛选' : '筛选'}${narrowed > 0 ? `（${narrowed}）` : ''}`}
        </Text>
        {narrowed > 0 ? (
          <Text className="tk-audit-filter-clear tk-tap" onClick={audit.clear}>
            清除筛选
          </Text>
        ) : null}
      </View>

      {open ? (
        <View className="tk-audit-filter-box">
          <Field label="会员号">
            <Input
              className="tk-audit-member-input"
              type="number"
              placeholder="8 位会员号"
              maxLength={8}
              value={filters.memberNoText}
              {...numberPad}
              onChange={(value) => audit.setMemberNo(value)}
            />
            {memberNoProblem ? <Text className="tk-error tk-field-error tk-audit-member-problem">{memberNoProblem}</Text> : null}
          </Field>
          {staffChoices.length > 0 ? (
            <Field label="员工">
              <Chips
                className="tk-audit-staff-filter"
                options={[{ value: ALL, label: '全部' }, ...staffChoices.map((s) => ({ value: s.staffId, label: `${s.name}（${ROLE_LABELS[s.role]}）` }))]}
                value={filters.staffId ?? ALL}
                onChange={(id) => audit.setStaffId(id === ALL ? null : id)}
              />
            </Field>
          ) : null}
          <Field label="操作">
            <Chips
              className="tk-audit-action-filter"
              options={[{ value: ALL, label: '全部' }, ...ACTION_FILTERS.map((a) => ({ value: a, label: ACTION_LABELS[a] }))]}
              value={filters.action ?? ALL}
              onChange={(a) => audit.setAction(a === ALL ? null : (a as (typeof ACTION_FILTERS)[number]))}
            />
          </Field>
        </View>
      ) : null}
    </View>
  );
}
