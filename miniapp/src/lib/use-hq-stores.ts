import { useEffect, useRef, useState } from 'react';
import type { StaffSummary, Store } from '../../../shared/api';
import { getStores, messageOf } from '../api';

/**
 * The store a staff page shows. Clerks and managers see their own store; HQ belongs to no store,
 * so for HQ the stores are loaded and the first is picked until HQ chooses another. `stores` stays
 * null for everyone but HQ; a failure to load them goes to `onError` (Chinese text).
 */
export function useHqStores(
  staff: StaffSummary | null,
  onError: (message: string) => void,
): { stores: Store[] | null; storeId: string | null; setStoreId: (storeId: string) => void } {
  const isHq = staff?.role === 'hq';
  const [stores, setStores] = useState<Store[] | null>(null);
  const [storeId, setStoreId] = useState<string | null>(staff?.storeId ?? null);
  // The latest callback, without reloading the stores when a page passes a new one.
  const reportError = useRef(onError);
  reportError.current = onError;

  useEffect(() => {
    if (!isHq) return;
    getStores()
      .then((res) => {
        setStores(res.items);
        setStoreId((current) => current ?? res.items[0]?.id ?? null);
      })
      .catch((err: unknown) => reportError.current(messageOf(err)));
  }, [isHq]);

  return { stores, storeId, setStoreId };
}
