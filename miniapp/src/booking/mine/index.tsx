import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Booking } from '../../../../shared/api';
import { cancelBooking, getMyBookings } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loadable } from '../../components/Loadable';
import { MemberPage } from '../../components/MemberPage';
import { Button } from '../../components/ui';
import { BOOK_PAGE, bookingTimeText, canChange, shortStoreName, statusLabel } from '../../lib/booking';
import { confirmDestructive } from '../../lib/confirm';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import './index.scss';

async function loadLists() {
  const [upcoming, past] = await Promise.all([getMyBookings('upcoming'), getMyBookings('past')]);
  return { upcoming: upcoming.items, past: past.items };
}

const book = () => void Taro.navigateTo({ url: BOOK_PAGE });

/** 我的预约 — upcoming (待到店, with 改约 and 取消) and past (已签到 / 已取消 / 未到店). */
export default function MyBookingsPage() {
  return <MemberPage className="tk-mine-page">{() => <MyBookings />}</MemberPage>;
}

function MyBookings() {
  const lists = useLoad(loadLists, []);
  const cancel = useSubmit('cancel-booking', (key, bookingId: string) => cancelBooking(bookingId, key));

  const afterCancel = async (outcome: Awaited<ReturnType<typeof cancel.submit>>) => {
    if (outcome.ok) void Taro.showToast({ title: '已取消', icon: 'success' });
    if (!outcome.ok && outcome.busy) return;
    await lists.reload();
  };

  const askCancel = async (booking: Booking) => {
    if (cancel.busy) return;
    const confirmed = await confirmDestructive({
      title: '取消预约',
      content: `${shortStoreName(booking.storeName)} ${booking.serviceName}\n${bookingTimeText(booking)}`,
      confirmText: '取消预约',
    });
    if (confirmed) await afterCancel(await cancel.submit(booking.id));
  };

  const move = (booking: Booking) => {
    cancel.clearError();
    void Taro.navigateTo({ url: `${BOOK_PAGE}?move=${encodeURIComponent(booking.id)}` });
  };

  const item = (booking: Booking, upcoming: boolean) => {
    const changeable = canChange(booking);
    return (
      <View key={booking.id} className={`tk-my-booking tk-booking-status-${booking.status}`}>
        <View className="tk-my-booking-head">
          <Text className="tk-my-booking-service">{booking.serviceName}</Text>
          <Text className={`tk-my-booking-status tk-status-${booking.status}`}>{statusLabel(booking)}</Text>
        </View>
        <Text className="tk-my-booking-store">{booking.storeName}</Text>
        <Text className="tk-my-booking-time tk-nowrap">{bookingTimeText(booking)}</Text>
        {booking.movedFrom.length > 0 ? <Text className="tk-muted tk-my-booking-moved">已改约</Text> : null}
        {upcoming && changeable ? (
          <View className="tk-my-booking-actions">
            <Button className="tk-move-booking tk-tap" size="small" fill="outline" disabled={cancel.busy} onClick={() => move(booking)}>
              改约
            </Button>
            <Button className="tk-cancel-booking tk-tap tk-danger" size="small" fill="outline" disabled={cancel.busy} onClick={() => void askCancel(booking)}>
              {cancel.running?.[0] === booking.id ? '取消中…' : '取消预约'}
            </Button>
          </View>
        ) : upcoming && booking.status === 'booked' ? (
          <Text className="tk-cancel-booking tk-cancel-closed">距开始不足2小时，无法取消或改约</Text>
        ) : null}
      </View>
    );
  };

  return (
    <>
      {cancel.error ? <ErrorBlock message={cancel.error.message} onRetry={cancel.error.retryable ? () => void cancel.retry().then(afterCancel) : undefined} /> : null}
      <Loadable state={lists}>
        {({ upcoming, past }) => (
          <>
            <Text className="tk-section-title">即将到店</Text>
            <View className="tk-upcoming">
              {upcoming.length === 0 ? (
                <EmptyState title="暂无预约" description="选择门店和时段，到店出示会员码签到" action={{ text: '去预约', onTap: book, className: 'tk-empty-book' }} />
              ) : (
                upcoming.map((b) => item(b, true))
              )}
            </View>

            {upcoming.length > 0 ? (
              <View className="tk-form-actions">
                <Button className="tk-mine-book tk-tap" type="primary" block onClick={book}>
                  预约服务
                </Button>
              </View>
            ) : null}

            {past.length > 0 ? (
              <>
                <Text className="tk-section-title">历史预约</Text>
                <View className="tk-past">{past.map((b) => item(b, false))}</View>
              </>
            ) : null}
          </>
        )}
      </Loadable>
    </>
  );
}
