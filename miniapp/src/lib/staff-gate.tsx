import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState, type ComponentType, type ReactNode } from 'react';
import type { StaffSummary } from '../../../shared/api';
import { currentSession, goToLogin } from '../api';
import { ErrorBlock } from '../components/ErrorBlock';
import { TopBar } from '../components/TopBar';
import { STAFF_HOME, staffDenial, type StaffAccess } from './staff-roles';
import { useSignedInShow } from './use-signed-in';
import '../styles/staff.scss';

const sameStaff = (a: StaffSummary | null, b: StaffSummary | null) =>
  a === b || (a !== null && b !== null && a.staffId === b.staffId && a.role === b.role && a.storeId === b.storeId && a.name === b.name);

/**
 * The signed-in staff member (null for a member), read again on every show: back to login when
 * the session is gone. The same object while nothing changed, so pages can depend on it.
 */
export function useStaff(): StaffSummary | null {
  const [staff, setStaff] = useState<StaffSummary | null>(() => currentSession()?.staff ?? null);
  useSignedInShow((session) => setStaff((current) => (sameStaff(current, session.staff) ? current : session.staff)));
  return staff;
}

/**
 * Every staff and admin page: the page's frame (`tk-page` + its class, the H5 top bar), then either the page for
 * the staff member, or why this account may not use it with a way out. Rules: lib/staff-roles.ts.
 *
 *   export default staffPage('managers', 'tk-x-page', X);
 */
export function StaffGate({ access, className, children }: { access: StaffAccess; className: string; children: (staff: StaffSummary) => ReactNode }) {
  const staff = useStaff();
  const denial = staffDenial(staff, access);
  return (
    <View className={`tk-page tk-staff-page ${className}`}>
      <TopBar />
      {staff && denial === null ? (
        children(staff)
      ) : (
        <ErrorBlock message={denial ?? ''} retryText={staff ? '返回工作台' : '切换账号'} onRetry={staff ? () => void Taro.reLaunch({ url: STAFF_HOME }) : goToLogin} />
      )}
    </View>
  );
}

/** A staff or admin page: its body inside the StaffGate, given the signed-in staff member. */
export function staffPage(access: StaffAccess, className: string, Body: ComponentType<{ staff: StaffSummary }>) {
  return function StaffPage() {
    return (
      <StaffGate access={access} className={className}>
        {(staff) => <Body staff={staff} />}
      </StaffGate>
    );
  };
}
