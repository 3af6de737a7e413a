// zod/mini rather than ENGINEERING.md's `import * as z from 'zod'`: the same schemas and messages,
// but its functions tree-shake, which kept every Lambda bundle within 1.25× the DynamoDB client's
// (README § Bundles). Every schema in shared/ is written this way.
import * as z from 'zod/mini';

/** The one error shape every route answers with (ENGINEERING.md § Errors). */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.array(z.object({ field: z.string(), message: z.string() }))),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Iso = z.string();
/** A Shanghai business date. */
export const BusinessDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'));
export const StoreId = z.string().check(z.minLength(1), z.maxLength(40), z.regex(/^[a-z0-9-]+$/, 'a store id'));
export const Cursor = z.string().check(z.maxLength(512));

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Keys are opaque to us but bounded: a UUID fits comfortably. */
export const IdempotencyKey = z.string().check(z.minLength(8), z.maxLength(128), z.regex(/^[A-Za-z0-9_.:-]+$/));
