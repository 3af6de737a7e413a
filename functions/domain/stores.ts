import type { Store } from '../../shared/schemas/stores';
import { listStores } from '../store/stores';

/** Store names change rarely; a container keeps them a minute to save a read per ledger page. */
const CACHE_MS = 60_000;
let cached: { at: number; stores: Store[] } | undefined;

export async function chainStores(now = Date.now()): Promise<Store[]> {
  if (!cached || now - cached.at > CACHE_MS) {
    const stores = (await listStores()).map(({ storeId, name, city, district, address, phone, openingHours }) => ({
      id: storeId,
      name,
      city,
      district,
      address,
      phone,
      openingHours,
    }));
    stores.sort((a, b) => a.id.localeCompare(b.id));
    cached = { at: now, stores };
  }
  return cached.stores;
}

export async function storeNames(): Promise<Map<string, string>> {
  return new Map((await chainStores()).map((store) => [store.id, store.name]));
}

/** Drops this container's copy after an edit (other containers catch up within a minute). */
export function forgetStores(): void {
  cached = undefined;
}
