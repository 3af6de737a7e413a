import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Booking, VisitResponse } from '../../../../shared/api';
import { checkInBooking } from '../../api';
import { bookingTimeText, checkInOpen, shortStoreName, statusLabel } from '../../lib/booking';
import { useSubmit } from '../../lib/use-submit';
import { currentVisit, setCurrentVisit } from '../../lib/visit';
import { ErrorBlock } from '../ErrorBlock';
import { Button } from '../ui';
import './visit-bookings.scss';

/**
 * The scanned member's upcoming bookings at every store of the chain (store named), with 签到 for
 * those at this counter's store. Check-in is idempotent on the server: 重试 simply asks again.
 */
export function VisitBookings({ visit }: { visit: VisitResponse }) {
  const [bookings, setBookings] = useState<Booking[]>(() => visit.bookings);
  // Checking in twice leaves it checked in: the key goes unused, 重试 simply asks again.
  const checkIn = useSubmit('check-in', (_key, bookingId: string) => checkInBooking(visit.visitId, bookingId));

  const arrive = async (bookingId: string) => {
    const outcome = await checkIn.submit(bookingId);
    if (!outcome.ok) return;
    const done = outcome.value;
    const next = bookings.map((b) => (b.id === done.id ? done : b));
    setBookings(next);
    // Keep the handed-over visit in step, so coming back to this page still shows 已签到.
    const stored = currentVisit();
    if (stored?.visitId === visit.visitId) setCurrentVisit({ ...stored, bookings: next });
  };
  const failure = checkIn.error;

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
                    disabled={checkIn.busy}
                    onClick={() => void arrive(b.id)}
                  >
                    {checkIn.running?.[0] === b.id ? '签到中…' : '签到'}
                  </Button>
                ) : (
                  <Text className={`tk-status tk-visit-booking-status${b.status === 'checked_in' ? ' tk-status-success' : ''}`}>
                    {b.status === 'booked' ? '其他门店' : statusLabel(b)}
                  </Text>
                )}
              </View>
            </View>
          );
        })
      )}
      {failure ? <ErrorBlock message={failure.message} onRetry={failure.retryable ? () => void arrive(failure.args[0]) : undefined} /> : null}
    </View>
  );
}
