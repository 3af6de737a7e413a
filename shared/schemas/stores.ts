import * as z from 'zod';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const OpeningHours = z.object({
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1).max(7),
  open: HHMM,
  close: HHMM,
});
export type OpeningHours = z.infer<typeof OpeningHours>;

export const Store = z.object({
  id: z.string(),
  name: z.string(),
  city: z.string(),
  district: z.string(),
  address: z.string(),
  phone: z.string(),
  openingHours: z.array(OpeningHours),
});
export type Store = z.infer<typeof Store>;

export const StoresResponse = z.object({ items: z.array(Store) });
export type StoresResponse = z.infer<typeof StoresResponse>;
