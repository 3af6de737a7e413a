import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { StaffSummary } from '../../../../shared/api';
import { useSignedInShow } from '../../lib/use-signed-in';
import { StaffGate } from '../../lib/staff-gate';
import { worksAtCounter } from '../../lib/staff-roles';
import { CounterBox } from './CounterBox';
import { PhoneBox } from './PhoneBox';
import { WorkbenchMenu } from './WorkbenchMenu';
import './index.scss';

/**
 * 店员工作台, where staff land after login and on launch: the counter for staff of a store, then
 * the entries their role has. HQ, which never checks out, sees its management entries only.
 */
export default function WorkbenchPage() {
  return (
    <StaffGate access="staff" className="tk-scan-page">
      {(staff) => <Workbench staff={staff} />}
    </StaffGate>
  );
}

function Workbench({ staff }: { staff: StaffSummary }) {
  const [digits, setDigits] = useState('');
  // Back from a finished bill: ready for the next customer.
  useSignedInShow(() => setDigits(''));
  const counter = worksAtCounter(staff);

  return (
    <>
      <View className="tk-staff-head">
        <Text className="tk-staff-name">{staff.name}</Text>
        <Text className="tk-staff-store">{staff.storeName ?? '总部 · 管理全部门店'}</Text>
      </View>
      {counter ? <CounterBox digits={digits} onDigits={setDigits} /> : null}
      {counter ? <PhoneBox /> : null}
      <Text className="tk-section-title">{counter ? '门店管理' : '总部管理'}</Text>
      <WorkbenchMenu staff={staff} />
    </>
  );
}
