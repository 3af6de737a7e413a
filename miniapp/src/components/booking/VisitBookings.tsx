import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Booking, VisitResponse } from '../../../../shared/api';
import { ApiError, checkInBooking, messageOf } from '../../api';
import { bookingTimeText, checkInOpen, shortStoreName, statusLabel } from '../../lib/booking';
import { currentVisit, setCurrentVisit } from '../../lib/visit';
import { ErrorBlock } from '../ErrorBlock';
import { Button, Tag } from '../ui';
import './visit-bookings.scss';

/**
 * The scanned member's upcoming bookings at every store of the chain (store named), with 签到 for
 * those at this counter's store. Check-in is idempotent on the server: 重试 simply asks again.
 */
export function VisitBookings({ visit }: { visit: VisitResponse }) {
  const [bookings, setBookings] = useState<Booking[]>(() => visit.bookings);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; retry: Booking | null } | null>(null);

  const checkIn = async (booking: Booking) => {
    if (busy) return;
    setBusy(booking.id);
    setError(null);
    try {
      const done = await checkInBooking(visit.visitId, booking.id);
      const next = bookings.map((b) => (b.id === done.id ? done : b));
      setBookings(next);
      // Keep the handed-over visit in step, so coming back to this page still shows 已签到.
      const stored = currentVisit();
      if (stored?.visitId === visit.visitId) setCurrentVisit({ ...stored, bookings: next });
    } catch (err) {
      setError({ message: messageOf(err), retry: err instanceof ApiError && err.retryable ? booking : null });
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className="tk-visit-bookings">
      <Text className="tk-section-title">预约（全部门店）</Text>
      {bookings.length === 0 ? (
        <Text className="tk-muted tk-visit-bookings-none">没有待到店的预约</Text>
      ) : (
        bookings.map((b) => {
          const here = b.storeId === visit.storeId;
          return (
            <View key={b.id} className={`tk-visit-booking${here ? ' tk-visit-booking-here' : ''}`}>
              <View className="tk-visit-booking-main">
                <Text className="tk-visit-booking-service">{b.serviceName}</Text>
                <Text className="tk-visit-booking-store">
                  {shortStoreName(b.storeName)}
                  {here ? '（本店）' : ''}
                </Text>
                <Text className="tk-visit-booking-time">{bookingTimeText(b)}</Text>
              </View>
              <View className="tk-visit-booking-side">
                {b.status === 'booked' && here ? (
                  <Button
                    className="tk-check-in"
                    size="small"
                    type="primary"
                    fill={checkInOpen(b) ? 'solid' : 'outline'}
                    disabled={busy !== null}
                    onClick={() => void checkIn(b)}
                  >
                    {busy === b.id ? '签到中…' : '签到'}
                  </Button>
                ) : (
                  <Tag
                    className="tk-visit-booking-status"
                    background={b.status === 'checked_in' ? '#e8f6ee' : '#eef0f3'}
                    color={b.status === 'checked_in' ? '#1f8a4c' : '#8a8f99'}
                  >
                    {b.status === 'booked' ? '其他门店' : statusLabel(b)}
                  </Tag>
                )}
              </View>
            </View>
          );
        })
      )}
      {error ? <ErrorBlock message={error.message} onRetry={error.retry ? () => void checkIn(error.retry!) : undefined} /> : null}
    </View>
  );
}
