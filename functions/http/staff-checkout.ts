import * as z from 'zod';
import { CheckoutRequest } from '../../shared/schemas/staff';
import { checkout } from '../domain/checkout';
import { api, ok } from '../lib/http';
import { staffCaller } from './caller';

const Path = z.object({ visitId: z.string().min(1).max(64) });

/** POST /v1/staff/visits/{visitId}/checkout — spend and earn points on a bill, exactly once. */
export const handler = api(async (req) => {
  const { visitId } = req.path(Path);
  const bill = req.body(CheckoutRequest);
  const idempotencyKey = req.idempotencyKey();
  const staff = await staffCaller(req);
  return ok(await checkout(staff, { visitId, ...bill, idempotencyKey }));
});
