import * as z from 'zod/mini';

const HHMM = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));

export const OpeningHours = z.object({
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: z.int().check(z.minimum(1), z.maximum(7)),
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
