import * as z from 'zod/mini';
import { BusinessDate, Iso, StoreId } from './common';
import { OpeningHours } from './stores';

export const ServiceId = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'a service id'));
export const BookingId = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'a booking id'));

export const Service = z.object({
  id: z.string(),
  name: z.string(),
  durationMinutes: z.int(),
  priceFen: z.int(),
  /** Seats (or staff) that serve at once, per store; a store missing here does not offer it. */
  capacityByStore: z.record(z.string(), z.int()),
  active: z.boolean(),
});
export type Service = z.infer<typeof Service>;
export const ServicesResponse = z.object({ items: z.array(Service) });
export type ServicesResponse = z.infer<typeof ServicesResponse>;

export const ServiceInput = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(30)),
  durationMinutes: z.number().check(z.int(), z.minimum(15), z.maximum(8 * 60), z.multipleOf(15, 'a multiple of 15 minutes')),
  priceFen: z.int().check(z.minimum(0), z.maximum(100_000_000)),
  capacityByStore: z.record(StoreId, z.int().check(z.minimum(1), z.maximum(100))).check(z.refine((m) => Object.keys(m).length > 0, 'offer it at one store at least')),
  active: z._default(z.boolean(), true),
});
export type ServiceInput = z.input<typeof ServiceInput>;

export const ScheduleInput = z
  .object({
    openingHours: z.array(OpeningHours).check(z.maxLength(7)),
    closedDates: z._default(z.array(BusinessDate).check(z.maxLength(366)), []),
    slotMinutes: z._default(z.union([z.literal(15), z.literal(30), z.literal(60)]), 30),
    minNoticeMinutes: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(7 * 24 * 60)), 60),
    horizonDays: z._default(z.int().check(z.minimum(1), z.maximum(90)), 14),
  })
  .check(
    z.superRefine((s, ctx) => {
      const days = new Set<number>();
      s.openingHours.forEach((h, i) => {
        if (days.has(h.weekday)) ctx.addIssue({ code: 'custom', path: ['openingHours', i, 'weekday'], message: 'a weekday is listed twice' });
        days.add(h.weekday);
        if (h.open >= h.close) ctx.addIssue({ code: 'custom', path: ['openingHours', i, 'close'], message: 'close must be after open' });
      });
    }),
  );
export type ScheduleInput = z.input<typeof ScheduleInput>;

export const Schedule = z.object({
  storeId: z.string(),
  openingHours: z.array(OpeningHours),
  closedDates: z.array(z.string()),
  slotMinutes: z.int(),
  minNoticeMinutes: z.int(),
  horizonDays: z.int(),
  cancelCutoffMinutes: z.int(),
});
export type Schedule = z.infer<typeof Schedule>;

export const SlotsQuery = z.object({
  serviceId: ServiceId,
  date: BusinessDate,
  /** 改约: the member's booking being moved; its own seats count as free (needs the member's token). */
  moving: z.optional(BookingId),
});
export const Slot = z.object({ start: Iso, end: Iso, time: z.string(), remaining: z.int() });
export const SlotsResponse = z.object({
  storeId: z.string(),
  serviceId: z.string(),
  date: z.string(),
  capacity: z.int(),
  items: z.array(Slot),
});
export type SlotsResponse = z.infer<typeof SlotsResponse>;

export const BookRequest = z.object({
  storeId: StoreId,
  serviceId: ServiceId,
  /** ISO 8601 with offset, e.g. 2026-11-25T14:00:00+08:00. */
  start: z.iso.datetime({ offset: true }),
  /** Whether the member accepted the reminder subscribe message when booking. */
  reminderAccepted: z._default(z.boolean(), false),
});
export type BookRequest = z.input<typeof BookRequest>;

export const MoveRequest = z.object({ storeId: StoreId, start: z.iso.datetime({ offset: true }) });
export type MoveRequest = z.input<typeof MoveRequest>;

export const BookingStatus = z.enum(['booked', 'cancelled', 'checked_in', 'no_show']);
export type BookingStatus = z.infer<typeof BookingStatus>;

export const Booking = z.object({
  id: z.string(),
  memberNo: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  start: Iso,
  end: Iso,
  status: BookingStatus,
  /** Free cancellation ends here (start − cut-off). */
  cancellableUntil: Iso,
  /** Stores the booking was moved from, oldest first. */
  movedFrom: z.array(z.string()),
  reminderAccepted: z.boolean(),
  createdAt: Iso,
});
export type Booking = z.infer<typeof Booking>;

export const MyBookingsQuery = z.object({ scope: z._default(z.enum(['upcoming', 'past']), 'upcoming') });
export const BookingsResponse = z.object({ items: z.array(Booking) });
export type BookingsResponse = z.infer<typeof BookingsResponse>;

export const BookingPath = z.object({ bookingId: BookingId });
export const StorePath = z.object({ storeId: StoreId });
export const ServicesQuery = z.object({ storeId: z.optional(StoreId) });
/** A store's bookings of a day: the clerk's and manager's own store; HQ names one. */
export const StoreBookingsQuery = z.object({ date: BusinessDate, storeId: z.optional(StoreId) });
export const ServiceStorePath = z.object({ serviceId: ServiceId, storeId: StoreId });
/** null: the store stops offering the service. */
export const ServiceCapacityRequest = z.object({ capacity: z.nullable(z.int().check(z.minimum(1), z.maximum(100))) });

/** A store's bookings for a day, as staff see them: the member's nickname, never their phone. */
export const StoreBooking = z.extend(Booking, { nickname: z.string() });
export const StoreBookingsResponse = z.object({ items: z.array(StoreBooking) });
export type StoreBookingsResponse = z.infer<typeof StoreBookingsResponse>;
