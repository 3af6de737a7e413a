import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { StoreBookingsResponse } from '../../../../shared/api';
import { addDays, shanghaiDate } from '../../../../shared/dates';
import { currentSession, getStoreBookings, markNoShow, messageOf, type Session } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loading } from '../../components/Loading';
import { StoreDayPicker } from '../../components/StoreDayPicker';
import { Button, Tag } from '../../components/ui';
import { canMarkNoShow, nextDays, shanghaiTime, statusLabel } from '../../lib/booking';
import { useHqStores } from '../../lib/use-hq-stores';
import { useSignedInLoad } from '../../lib/use-signed-in';
import './index.scss';

type StoreBooking = StoreBookingsResponse['items'][number];

const STATUS_COLORS: Record<StoreBooking['status'], { background: string; color: string }> = {
  booked: { background: '#fff1f2', color: '#c8102e' },
  checked_in: { background: '#e8f6ee', color: '#1f8a4c' },
  cancelled: { background: '#eef0f3', color: '#8a8f99' },
  no_show: { background: '#fff7e6', color: '#8a5a00' },
};

/** Yesterday (for late no-shows), today and the next six days. */
function dayChoices(now = Date.now()): string[] {
  return [addDays(shanghaiDate(now), -1), ...nextDays(7, now)];
}

/**
 * 今日预约 — a store's bookings of the chosen day, soonest first: who, what, when, and their state;
 * 未到店 for bookings that ended without a check-in. Clerks and managers see their store, HQ picks one.
 */
export default function StaffBookingsPage() {
  const [session, setSession] = useState<Session | null>(() => currentSession());
  const staff = session?.staff ?? null;
  const isHq = staff?.role === 'hq';
  const [days] = useState(() => dayChoices());
  const [date, setDate] = useState(() => shanghaiDate());
  const [items, setItems] = useState<StoreBooking[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // HQ belongs to no store: it picks one.
  const { stores, storeId, setStoreId } = useHqStores(staff, setError);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(async () => {
    if (!storeId) return;
    const mine = ++generation.current;
    setError(null);
    try {
      const res = await getStoreBookings(date, isHq ? storeId : undefined);
      if (mine === generation.current) setItems(res.items);
    } catch (err) {
      if (mine === generation.current) setError(messageOf(err));
    }
  }, [date, storeId, isHq]);

  useSignedInLoad(load, { onShow: setSession, onChange: () => setItems(null) });

  const noShow = async (booking: StoreBooking) => {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: '登记未到店',
      content: `${booking.nickname} · ${booking.serviceName} ${shanghaiTime(booking.start)}`,
      confirmText: '登记',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy(booking.id);
    setActionError(null);
    try {
      const done = await markNoShow(booking.id);
      setItems((list) => list?.map((b) => (b.id === done.id ? { ...b, ...done } : b)) ?? null);
    } catch (err) {
      setActionError(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

  if (!staff) {
    return (
      <View className="tk-page tk-staff-bookings-page">
        <ErrorBlock message="仅限门店店员使用" />
      </View>
    );
  }

  const checkedIn = items?.filter((b) => b.status === 'checked_in').length ?? 0;
  const waiting = items?.filter((b) => b.status === 'booked').length ?? 0;

  return (
    <View className="tk-page tk-staff-bookings-page">
      <StoreDayPicker staff={staff} stores={stores} storeId={storeId} onStore={setStoreId} days={days} date={date} onDate={setDate} />

      <View className="tk-staff-bookings-head">
        <Text className="tk-staff-bookings-count">
          {items ? `共 ${items.length} 个预约 · 已签到 ${checkedIn} · 待到店 ${waiting}` : ' '}
        </Text>
        <Text className="tk-refresh" onClick={() => void load()}>
          刷新
        </Text>
      </View>

      {actionError ? <ErrorBlock message={actionError} /> : null}
      {error ? <ErrorBlock message={error} onRetry={() => void load()} /> : null}

      {items === null ? (
        error ? null : <Loading />
      ) : items.length === 0 ? (
        <EmptyState title="当天没有预约" />
      ) : (
        items.map((b) => {
          const colors = STATUS_COLORS[b.status];
          return (
            <View key={b.id} className={`tk-store-booking tk-booking-status-${b.status}`}>
              <View className="tk-store-booking-when">
                <Text className="tk-store-booking-time">{shanghaiTime(b.start)}</Text>
                <Text className="tk-store-booking-end">至 {shanghaiTime(b.end)}</Text>
              </View>
              <View className="tk-store-booking-main">
                <Text className="tk-store-booking-member">{b.nickname}</Text>
                <Text className="tk-store-booking-service">{b.serviceName}</Text>
                {b.movedFrom.length > 0 ? <Text className="tk-muted">由其他门店改约而来</Text> : null}
              </View>
              <View className="tk-store-booking-side">
                <Tag className="tk-store-booking-status" background={colors.background} color={colors.color}>
                  {statusLabel(b)}
                </Tag>
                {canMarkNoShow(b) ? (
                  <Button className="tk-no-show" size="small" fill="outline" disabled={busy !== null} onClick={() => void noShow(b)}>
                    {busy === b.id ? '登记中…' : '未到店'}
                  </Button>
                ) : null}
              </View>
            </View>
          );
        })
      )}
    </View>
  );
}
