import { useState } from 'react';
import type { StaffSummary, Store, StoresResponse } from '../../../shared/api';
import { shanghaiDate } from '../../../shared/dates';
import { getStores } from '../api';
import { useLoad, type Load } from './use-load';

export interface HqStores {
  /** HQ's choice of stores: null while loading, and for staff of a store (their own store only). */
  stores: Store[] | null;
  /** The stores' read, for HQ's 加载中 / 重试 (nothing is requested for staff of a store). */
  load: Load<StoresResponse>;
  /** The store the page shows: the staff member's own, or the one HQ picked (the first until then). */
  storeId: string | null;
  setStoreId: (storeId: string) => void;
}

/**
 * The store a staff page shows. Clerks and managers see their own store; HQ belongs to no store,
 * so for HQ the stores are loaded and the first is picked until HQ chooses another.
 */
export function useHqStores(staff: StaffSummary): HqStores {
  const isHq = staff.role === 'hq';
  const load = useLoad(() => getStores(), [], { enabled: isHq, reloadOnShow: false });
  const [picked, setStoreId] = useState<string | null>(null);
  const stores = isHq ? (load.data?.items ?? null) : null;
  const storeId = isHq ? (picked ?? stores?.[0]?.id ?? null) : staff.storeId;
  return { stores, load, storeId, setStoreId };
}

/**
 * A staff page's list of one store and one day (今日预约, 收银记录): the store (see useHqStores), the
 * day among `dayChoices` (today first chosen), and the list read for both. `picker` is what
 * StoreDayPicker takes; `loadingStores` while HQ's stores are still loading (show `hq.load` then).
 */
export function useStoreDayList<T>(staff: StaffSummary, dayChoices: () => string[], read: (date: string, storeId?: string) => Promise<T>) {
  const isHq = staff.role === 'hq';
  const [days] = useState(dayChoices);
  const [date, setDate] = useState(() => shanghaiDate());
  const hq = useHqStores(staff);
  const { storeId } = hq;
  const list = useLoad(() => read(date, isHq ? storeId! : undefined), [date, storeId, isHq], { enabled: storeId !== null });
  const picker = { staff, stores: hq.stores, storeId, onStore: hq.setStoreId, days, date, onDate: setDate };
  return { hq, list, picker, loadingStores: isHq && !hq.stores };
}
