import { BookRequest } from '../../shared/schemas/booking';
import { book } from '../domain/booking';
import { api, json } from '../lib/http';
import { memberCaller } from './caller';

/** POST /v1/bookings — book a service at any store; capacity and overlap hold under concurrency. */
export const handler = api(async (req) => {
  const input = req.body(BookRequest);
  const idempotencyKey = req.idempotencyKey();
  const { memberId } = await memberCaller(req);
  return json(201, await book(memberId, input, idempotencyKey));
});
