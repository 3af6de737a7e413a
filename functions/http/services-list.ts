import * as z from 'zod';
import { StoreId } from '../../shared/schemas/common';
import { chainServices } from '../domain/booking-admin';
import { api, ok } from '../lib/http';

const Query = z.object({ storeId: StoreId.optional() });

/** GET /v1/services?storeId= — the chain's services, or those a store offers (public). */
export const handler = api(async (req) => {
  const { storeId } = req.query(Query);
  return ok({ items: await chainServices(storeId) });
});
