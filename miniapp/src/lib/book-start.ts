/**
 * What the booking picker needs before the member picks anything: the stores, and for 改约 the
 * booking being moved and the services (for the stores that offer the booked one).
 */
import type { Booking, Service, Store } from '../../../shared/api';
import { getMyBookings, getServices, getStores } from '../api';

export interface BookingStart {
  stores: Store[];
  /** 改约 only: the booking being moved. */
  original: Booking | null;
  /** 改约 only: every service (with each store's capacity). */
  services: Service[];
}

export async function loadBookingStart(moveId: string | null): Promise<BookingStart> {
  const [stores, services, upcoming] = await Promise.all([
    getStores(),
    moveId ? getServices() : Promise.resolve(null),
    moveId ? getMyBookings('upcoming') : Promise.resolve(null),
  ]);
  if (!moveId) return { stores: stores.items, original: null, services: [] };
  const original = upcoming?.items.find((b) => b.id === moveId) ?? null;
  if (!original) throw new Error('该预约已不能改约（已取消、已签到或已结束）');
  return { stores: stores.items, original, services: services?.items ?? [] };
}

/** After these the slot list is out of date: read it again and let the member pick anew. */
export const STALE_SLOT_CODES = new Set([
  'slot_full',
  'slot_in_the_past',
  'slot_too_soon',
  'slot_store_closed',
  'slot_outside_opening_hours',
  'slot_beyond_horizon',
  'slot_off_grid',
  'service_not_offered',
]);
