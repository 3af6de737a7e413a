import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { Booking } from '../../../../shared/api';
import { ApiError, cancelBooking, getMyBookings, messageOf } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loading } from '../../components/Loading';
import { Button, Tag } from '../../components/ui';
import { BOOK_PAGE, bookingTimeText, canChange, shortStoreName, statusLabel } from '../../lib/booking';
import { newIdempotencyKey } from '../../lib/checkout-attempts';
import { useSignedInShow } from '../../lib/use-signed-in';
import './index.scss';

interface Lists {
  upcoming: Booking[];
  past: Booking[];
}

/** One 取消 tap: its key, sent again unchanged by 重试. */
interface CancelAttempt {
  bookingId: string;
  key: string;
}

const STATUS_COLORS: Record<Booking['status'], { background: string; color: string }> = {
  booked: { background: '#fff1f2', color: '#c8102e' },
  checked_in: { background: '#e8f6ee', color: '#1f8a4c' },
  cancelled: { background: '#eef0f3', color: '#8a8f99' },
  no_show: { background: '#fff7e6', color: '#8a5a00' },
};

/** 我的预约 — upcoming (待到店, with 改约 and 取消) and past (已签到 / 已取消 / 未到店). */
export default function MyBookingsPage() {
  const [lists, setLists] = useState<Lists | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; retry: CancelAttempt | null } | null>(null);
  /** Answers from an older reload are dropped. */
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const [upcoming, past] = await Promise.all([getMyBookings('upcoming'), getMyBookings('past')]);
      if (mine !== generation.current) return;
      setLists({ upcoming: upcoming.items, past: past.items });
      setLoadError(null);
    } catch (err) {
      if (mine === generation.current) setLoadError(messageOf(err));
    }
  }, []);

  useSignedInShow(() => {
    void reload();
  });

  const sendCancel = async (attempt: CancelAttempt) => {
    setBusy(attempt.bookingId);
    setError(null);
    try {
      await cancelBooking(attempt.bookingId, attempt.key);
      void Taro.showToast({ title: '已取消', icon: 'success' });
    } catch (err) {
      const retryable = err instanceof ApiError && err.retryable;
      setError({ message: messageOf(err), retry: retryable ? attempt : null });
    } finally {
      setBusy(null);
      void reload();
    }
  };

  const askCancel = async (booking: Booking) => {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: '取消预约',
      content: `${shortStoreName(booking.storeName)} ${booking.serviceName}\n${bookingTimeText(booking)}`,
      confirmText: '取消预约',
      cancelText: '再想想',
      confirmColor: '#c8102e',
    });
    if (!confirm) return;
    void sendCancel({ bookingId: booking.id, key: newIdempotencyKey() });
  };

  const move = (booking: Booking) => {
    setError(null);
    void Taro.navigateTo({ url: `${BOOK_PAGE}?move=${encodeURIComponent(booking.id)}` });
  };

  const book = () => void Taro.navigateTo({ url: BOOK_PAGE });

  const item = (booking: Booking, upcoming: boolean) => {
    const colors = STATUS_COLORS[booking.status];
    const changeable = canChange(booking);
    return (
      <View key={booking.id} className={`tk-my-booking tk-booking-status-${booking.status}`}>
        <View className="tk-my-booking-head">
          <Text className="tk-my-booking-service">{booking.serviceName}</Text>
          <Tag className="tk-my-booking-status" background={colors.background} color={colors.color}>
            {statusLabel(booking)}
          </Tag>
        </View>
        <Text className="tk-my-booking-store">{booking.storeName}</Text>
        <Text className="tk-my-booking-time">{bookingTimeText(booking)}</Text>
        {booking.movedFrom.length > 0 ? <Text className="tk-muted tk-my-booking-moved">已改约</Text> : null}
        {upcoming ? (
          changeable ? (
            <View className="tk-my-booking-actions">
              <Button className="tk-move-booking" size="small" fill="outline" disabled={busy !== null} onClick={() => move(booking)}>
                改约
              </Button>
              <Button className="tk-cancel-booking" size="small" fill="outline" disabled={busy !== null} onClick={() => void askCancel(booking)}>
                {busy === booking.id ? '取消中…' : '取消预约'}
              </Button>
            </View>
          ) : booking.status === 'booked' ? (
            <View className="tk-my-booking-actions">
              <Button className="tk-cancel-booking tk-cancel-closed" size="small" fill="none" disabled>
                距开始不足2小时，无法取消或改约
              </Button>
            </View>
          ) : null
        ) : null}
      </View>
    );
  };

  return (
    <View className="tk-page tk-mine-page">
      {error ? (
        <ErrorBlock message={error.message} onRetry={error.retry ? () => void sendCancel(error.retry!) : undefined} />
      ) : null}
      {loadError ? <ErrorBlock message={loadError} onRetry={() => void reload()} /> : null}

      {lists === null ? (
        loadError ? null : <Loading />
      ) : (
        <>
          <Text className="tk-section-title">即将到店</Text>
          <View className="tk-upcoming">
            {lists.upcoming.length === 0 ? (
              <EmptyState title="暂无预约" description="选择门店和时段，到店出示会员码签到" />
            ) : (
              lists.upcoming.map((b) => item(b, true))
            )}
          </View>

          <View className="tk-form-actions">
            <Button className="tk-mine-book" type="primary" block onClick={book}>
              预约服务
            </Button>
          </View>

          {lists.past.length > 0 ? (
            <>
              <Text className="tk-section-title">历史预约</Text>
              <View className="tk-past">{lists.past.map((b) => item(b, false))}</View>
            </>
          ) : null}
        </>
      )}
    </View>
  );
}
