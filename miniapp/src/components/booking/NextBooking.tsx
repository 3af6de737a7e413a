import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Booking } from '../../../../shared/api';
import { BOOK_PAGE, MINE_PAGE, bookingTimeText, shortStoreName } from '../../lib/booking';
import './next-booking.scss';

/**
 * The card page's booking block: the member's next booking (from GET /v1/me/card, no extra
 * request) with the way to 预约 and to 我的预约. Nothing until the card has loaded.
 */
export function NextBooking({ booking, loaded }: { booking: Booking | null; loaded: boolean }) {
  if (!loaded) return null;
  const open = (url: string) => () => void Taro.navigateTo({ url });
  return (
    <View className="tk-next-booking">
      <View className="tk-next-booking-main" onClick={open(booking ? MINE_PAGE : BOOK_PAGE)}>
        <Text className="tk-next-booking-label">{booking ? '下次预约' : '预约服务'}</Text>
        {booking ? (
          <>
            <Text className="tk-next-booking-service">
              {booking.serviceName} · {shortStoreName(booking.storeName)}
            </Text>
            <Text className="tk-next-booking-time">{bookingTimeText(booking)}</Text>
          </>
        ) : (
          <Text className="tk-next-booking-none">暂无预约，茶艺课、包间等可在线预约</Text>
        )}
      </View>
      <View className="tk-next-booking-links">
        <View className="tk-book-entry tk-tap" onClick={open(BOOK_PAGE)}>
          <Text>去预约</Text>
        </View>
        <View className="tk-my-bookings-entry tk-tap" onClick={open(MINE_PAGE)}>
          <Text>我的预约 ›</Text>
        </View>
      </View>
    </View>
  );
}
