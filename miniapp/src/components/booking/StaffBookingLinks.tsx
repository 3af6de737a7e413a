import Taro from '@tarojs/taro';
import type { StaffSummary } from '../../../../shared/api';
import { Cell, CellGroup } from '../ui';
import './staff-booking-links.scss';

export const STAFF_BOOKINGS_PAGE = '/staff/bookings/index';
export const SCHEDULE_PAGE = '/staff/schedule/index';

/** The workbench's booking entries: 今日预约 for everyone at a counter, 门店排班 for managers and HQ. */
export function StaffBookingLinks({ staff }: { staff: StaffSummary }) {
  const manages = staff.role === 'manager' || staff.role === 'hq';
  return (
    <CellGroup className="tk-staff-booking-links">
      <Cell
        className="tk-staff-bookings-entry"
        title="今日预约"
        description={staff.storeName ?? '选择门店查看'}
        extra="›"
        clickable
        onClick={() => void Taro.navigateTo({ url: STAFF_BOOKINGS_PAGE })}
      />
      {manages ? (
        <Cell
          className="tk-schedule-entry"
          title="门店排班"
          description="营业时间、休息日、预约时段与服务容量"
          extra="›"
          clickable
          onClick={() => void Taro.navigateTo({ url: SCHEDULE_PAGE })}
        />
      ) : null}
    </CellGroup>
  );
}
