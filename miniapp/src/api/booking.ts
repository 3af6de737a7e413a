/**
 * Booking routes (README § Booking), each a call of its declared route. Writes that a retry could
 * double (book, cancel, move) take the caller's Idempotency-Key: one per intent, sent again
 * unchanged by 重试.
 */
import type { BookRequest, MoveRequest, ScheduleInput } from '../../../shared/api';
import { routes } from '../../../shared/contract/routes';
import { callRoute } from './client';

/** The chain's services, or only those the store offers. */
export const getServices = (storeId?: string) => callRoute(routes.servicesList, { query: { storeId } });

/** Opening hours, closed days, grid, notice, horizon. */
export const getStoreSchedule = (storeId: string) => callRoute(routes.storeSchedule, { params: { storeId } });

/** Bookable starts of a Shanghai day, with seats left. */
export const getSlots = (storeId: string, serviceId: string, date: string, moving?: string | null) =>
  // 改约 sends the booking being moved (its own seats count as free), which needs the member's token.
  callRoute(routes.storeSlots, { params: { storeId }, query: { serviceId, date, moving: moving ?? undefined }, signedIn: !!moving });

export const createBooking = (request: BookRequest, idempotencyKey: string) => callRoute(routes.bookingsCreate, { body: request, idempotencyKey });

/** Upcoming (soonest first) or past (latest first, any status). */
export const getMyBookings = (scope: 'upcoming' | 'past') => callRoute(routes.meBookings, { query: { scope } });

/** Free until `cancellableUntil`. */
export const cancelBooking = (bookingId: string, idempotencyKey: string) => callRoute(routes.bookingsCancel, { params: { bookingId }, idempotencyKey });

/** To another store or time, same cut-off as cancel. */
export const moveBooking = (bookingId: string, request: MoveRequest, idempotencyKey: string) =>
  callRoute(routes.bookingsMove, { params: { bookingId }, body: request, idempotencyKey });

// ---- staff ----------------------------------------------------------------------------------------

/** A store's bookings of a day (own store; HQ passes storeId). */
export const getStoreBookings = (date: string, storeId?: string) => callRoute(routes.staffBookings, { query: { date, storeId } });

/** After a scan, at the booking's store. */
export const checkInBooking = (visitId: string, bookingId: string) => callRoute(routes.staffCheckIn, { params: { visitId, bookingId } });

/** After the booking has ended. */
export const markNoShow = (bookingId: string) => callRoute(routes.staffNoShow, { params: { bookingId } });

// ---- store managers and HQ ------------------------------------------------------------------------

/** 营业时间与预约设置: the store's own manager, or HQ. */
export const saveStoreSchedule = (storeId: string, input: ScheduleInput) => callRoute(routes.adminSchedule, { params: { storeId }, body: input });

/** Offer a service at a store with that many seats, or stop offering it (null). */
export const setServiceCapacity = (serviceId: string, storeId: string, capacity: number | null) =>
  callRoute(routes.adminServiceCapacity, { params: { serviceId, storeId }, body: { capacity } });
