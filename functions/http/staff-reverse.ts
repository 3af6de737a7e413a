import * as z from 'zod';
import { reverseCheckout } from '../domain/checkout';
import { api, ok } from '../lib/http';
import { staffCaller } from './caller';

const Path = z.object({ checkoutId: z.string().min(1).max(64) });

/** POST /v1/staff/checkouts/{checkoutId}/reverse — a manager refunds a bill's points. */
export const handler = api(async (req) => {
  const { checkoutId } = req.path(Path);
  const idempotencyKey = req.idempotencyKey();
  const staff = await staffCaller(req);
  return ok(await reverseCheckout(staff, { checkoutId, idempotencyKey }));
});
