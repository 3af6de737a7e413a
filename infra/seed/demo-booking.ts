/** The demo chain's bookable services, a holiday closure and a few bookings (README § Booking). */
import { addDays, shanghaiDate } from '../../shared/dates';
import { ServiceInput } from '../../shared/schemas/booking';
import { book } from '../../functions/domain/booking';
import { changeSchedule, createService } from '../../functions/domain/booking-admin';
import { memberIdByOpenid } from '../../functions/store/members';
import type { StaffRecord, StoreRecord } from '../../functions/store/records';

const services = [
  { key: 'tea-class', input: { name: '茶艺体验课', durationMinutes: 60, priceFen: 12_800, capacityByStore: { jingan: 6, xuhui: 4 } } },
  { key: 'private-room', input: { name: '包间下午茶', durationMinutes: 90, priceFen: 38_800, capacityByStore: { jingan: 2, xuhui: 2, pudong: 3 } } },
  { key: 'cake-diy', input: { name: '蛋糕DIY', durationMinutes: 120, priceFen: 19_800, capacityByStore: { pudong: 4 } } },
] as const;

export async function seedDemoBooking(hq: StaffRecord, stores: StoreRecord[], now: number): Promise<void> {
  const ids = new Map<string, string>();
  for (const service of services) ids.set(service.key, (await createService(hq, ServiceInput.parse(service.input), now)).id);

  // 徐家汇店 closes for a day next week (店庆盘点).
  const xuhui = stores.find((s) => s.storeId === 'xuhui')!;
  await changeSchedule(hq, 'xuhui', {
    openingHours: xuhui.openingHours,
    closedDates: [addDays(shanghaiDate(now), 6)],
    slotMinutes: 30,
    minNoticeMinutes: 60,
    horizonDays: 14,
  });

  const tomorrow = addDays(shanghaiDate(now), 1);
  const bookings = [
    { openid: 'demo-member-wang', storeId: 'jingan', service: 'tea-class', start: `${tomorrow}T15:00:00+08:00` },
    { openid: 'demo-member-li', storeId: 'pudong', service: 'private-room', start: `${addDays(tomorrow, 2)}T14:30:00+08:00` },
  ];
  for (const [index, b] of bookings.entries()) {
    const memberId = await memberIdByOpenid(b.openid);
    if (!memberId) continue;
    await book(memberId, { storeId: b.storeId, serviceId: ids.get(b.service)!, start: b.start, reminderAccepted: true }, `seed-booking-${index}`, () => now);
  }
}
