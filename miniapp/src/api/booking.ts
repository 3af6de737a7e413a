/**
 * Booking routes (PRODUCT.md § Booking): one function per route, request and response types from
 * shared/schemas/booking.ts. Writes that a retry could double (book, cancel, move) take the
 * caller's Idempotency-Key: one per tap, sent again unchanged by 重试.
 */
import {
  Booking,
  BookingsResponse,
  Schedule,
  Service,
  ServicesResponse,
  SlotsResponse,
  StoreBookingsResponse,
  type BookRequest,
  type MoveRequest,
  type ScheduleInput,
} from '../../../shared/api';
import { call } from './client';

const enc = encodeURIComponent;

/** GET /v1/services?storeId= — the chain's services, or only those the store offers. */
export const getServices = (storeId?: string) => call(ServicesResponse, '/v1/services', { query: { storeId }, auth: false });

/** GET /v1/stores/{storeId}/schedule — opening hours, closed days, grid, notice, horizon. */
export const getStoreSchedule = (storeId: string) => call(Schedule, `/v1/stores/${enc(storeId)}/schedule`, { auth: false });

/** GET /v1/stores/{storeId}/slots?serviceId=&date= — bookable starts of a Shanghai day, with seats left. */
export const getSlots = (storeId: string, serviceId: string, date: string, moving?: string | null) =>
  // 改约 sends the booking being moved (its own seats count as free), which needs the member's token.
  call(SlotsResponse, `/v1/stores/${enc(storeId)}/slots`, { query: { serviceId, date, moving }, auth: !!moving });

/** POST /v1/bookings → 201 Booking. */
export const createBooking = (request: BookRequest, idempotencyKey: string) =>
  call(Booking, '/v1/bookings', { method: 'POST', body: request, idempotencyKey });

/** GET /v1/me/bookings?scope= — upcoming (soonest first) or past (latest first, any status). */
export const getMyBookings = (scope: 'upcoming' | 'past') => call(BookingsResponse, '/v1/me/bookings', { query: { scope } });

/** POST /v1/bookings/{id}/cancel — free until `cancellableUntil`. */
export const cancelBooking = (bookingId: string, idempotencyKey: string) =>
  call(Booking, `/v1/bookings/${enc(bookingId)}/cancel`, { method: 'POST', idempotencyKey });

/** POST /v1/bookings/{id}/move {storeId, start} — to another store or time, same cut-off as cancel. */
export const moveBooking = (bookingId: string, request: MoveRequest, idempotencyKey: string) =>
  call(Booking, `/v1/bookings/${enc(bookingId)}/move`, { method: 'POST', body: request, idempotencyKey });

// ---- staff ----------------------------------------------------------------------------------------

/** GET /v1/staff/bookings?date=&storeId= — a store's bookings of a day (own store; HQ passes storeId). */
export const getStoreBookings = (date: string, storeId?: string) =>
  call(StoreBookingsResponse, '/v1/staff/bookings', { query: { date, storeId } });

/** POST /v1/staff/visits/{visitId}/bookings/{bookingId}/check-in — after a scan, at the booking's store. */
export const checkInBooking = (visitId: string, bookingId: string) =>
  call(Booking, `/v1/staff/visits/${enc(visitId)}/bookings/${enc(bookingId)}/check-in`, { method: 'POST' });

/** POST /v1/staff/bookings/{bookingId}/no-show — after the booking has ended. */
export const markNoShow = (bookingId: string) => call(Booking, `/v1/staff/bookings/${enc(bookingId)}/no-show`, { method: 'POST' });

// ---- store managers and HQ ------------------------------------------------------------------------

/** PUT /v1/admin/stores/{storeId}/schedule — the store's own manager, or HQ. */
export const saveStoreSchedule = (storeId: string, input: ScheduleInput) =>
  call(Schedule, `/v1/admin/stores/${enc(storeId)}/schedule`, { method: 'PUT', body: input });

/**
 * PUT /v1/admin/services/{serviceId}/stores/{storeId} {capacity} — offer a service at a store with
 * that many seats, or stop offering it (null). (The body's schema lives in the handler, not shared/.)
 */
export const setServiceCapacity = (serviceId: string, storeId: string, capacity: number | null) =>
  call(Service, `/v1/admin/services/${enc(serviceId)}/stores/${enc(storeId)}`, { method: 'PUT', body: { capacity } });
