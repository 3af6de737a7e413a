import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { StaffSummary, StoreBookingsResponse } from '../../../../shared/api';
import { addDays, shanghaiDate } from '../../../../shared/dates';
import { getStoreBookings, markNoShow } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loadable } from '../../components/Loadable';
import { StoreDayPicker } from '../../components/StoreDayPicker';
import { Button } from '../../components/ui';
import { canMarkNoShow, nextDays, shanghaiTime, statusLabel } from '../../lib/booking';
import { staffPage } from '../../lib/staff-gate';
import { useStoreDayList } from '../../lib/use-hq-stores';
import { useSubmit } from '../../lib/use-submit';
import './index.scss';

type StoreBooking = StoreBookingsResponse['items'][number];

/** Each state's pill (styles/staff.scss): 待到店 in the brand colour, 已签到 green, 未到店 amber. */
const STATUS_CLASS: Record<StoreBooking['status'], string> = {
  booked: 'tk-status-brand',
  checked_in: 'tk-status-success',
  cancelled: '',
  no_show: 'tk-status-warning',
};

/** Yesterday (for late no-shows), today and the next six days. */
function dayChoices(now = Date.now()): string[] {
  return [addDays(shanghaiDate(now), -1), ...nextDays(7, now)];
}

/**
 * 今日预约 — a store's bookings of the chosen day, soonest first: who, what, when, and their state;
 * 未到店 for bookings that ended without a check-in. Clerks and managers see their store, HQ picks one.
 */
export default staffPage('staff', 'tk-staff-bookings-page', Bookings);

function Bookings({ staff }: { staff: StaffSummary }) {
  const { hq, list, picker, loadingStores } = useStoreDayList(staff, dayChoices, getStoreBookings);
  // Marking a no-show is a state change the server makes once: the key goes unused.
  const noShow = useSubmit('no-show', (_key, bookingId: string) => markNoShow(bookingId));

  const markAbsent = async (booking: StoreBooking) => {
    if (noShow.busy) return;
    const { confirm } = await Taro.showModal({
      title: '登记未到店',
      content: `${booking.nickname} · ${booking.serviceName} ${shanghaiTime(booking.start)}`,
      confirmText: '登记',
      cancelText: '取消',
    });
    if (!confirm) return;
    const outcome = await noShow.submit(booking.id);
    if (outcome.ok) {
      const done = outcome.value;
      list.setData((res) => res && { ...res, items: res.items.map((b) => (b.id === done.id ? { ...b, ...done } : b)) });
    }
  };

  if (loadingStores) return <Loadable state={hq.load}>{() => null}</Loadable>;

  const items = list.data?.items;
  const checkedIn = items?.filter((b) => b.status === 'checked_in').length ?? 0;
  const waiting = items?.filter((b) => b.status === 'booked').length ?? 0;

  return (
    <>
      <StoreDayPicker {...picker} />

      <View className="tk-staff-bookings-head">
        <Text className="tk-staff-bookings-count">{items ? `共 ${items.length} 个预约 · 已签到 ${checkedIn} · 待到店 ${waiting}` : ' '}</Text>
        <Text className="tk-refresh tk-tap" onClick={() => void list.reload()}>
          刷新
        </Text>
      </View>

      {noShow.error ? <ErrorBlock message={noShow.error.message} /> : null}

      <Loadable state={list} isEmpty={(res) => res.items.length === 0} empty={<EmptyState title="当天没有预约" />}>
        {(res) =>
          res.items.map((b) => (
            <View key={b.id} className={`tk-store-booking tk-booking-status-${b.status}`}>
              <View className="tk-store-booking-when">
                <Text className="tk-store-booking-time tk-nowrap">{shanghaiTime(b.start)}</Text>
                <Text className="tk-store-booking-end tk-nowrap">至 {shanghaiTime(b.end)}</Text>
              </View>
              <View className="tk-store-booking-main">
                <Text className="tk-store-booking-member">{b.nickname}</Text>
                <Text className="tk-store-booking-service">{b.serviceName}</Text>
                {b.movedFrom.length > 0 ? <Text className="tk-muted">由其他门店改约而来</Text> : null}
              </View>
              <View className="tk-store-booking-side">
                <Text className={`tk-status tk-store-booking-status ${STATUS_CLASS[b.status]}`}>{statusLabel(b)}</Text>
                {canMarkNoShow(b) ? (
                  <Button className="tk-no-show tk-tap" size="small" fill="outline" disabled={noShow.busy} onClick={() => void markAbsent(b)}>
                    {noShow.running?.[0] === b.id ? '登记中…' : '未到店'}
                  </Button>
                ) : null}
              </View>
            </View>
          ))
        }
      </Loadable>
    </>
  );
}
