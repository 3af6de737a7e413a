import * as z from 'zod';

/** The one error shape every route answers with (ENGINEERING.md § Errors). */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Iso = z.string();
/** A Shanghai business date. */
export const BusinessDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
export const StoreId = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9-]+$/, 'a store id');
export const Cursor = z.string().max(512);

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Keys are opaque to us but bounded: a UUID fits comfortably. */
export const IdempotencyKey = z
  .string()
  .min(8)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/);
