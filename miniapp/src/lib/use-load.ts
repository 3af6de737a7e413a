/**
 * A page's read: what it shows while loading, after a failure (with 重试) and when there is nothing.
 * Pages hold layout; this hook holds the request, its state and the dropping of stale answers.
 *
 *   const bookings = useLoad(() => getMyBookings('upcoming'), []);
 *   const slots = useLoad(() => getSlots(storeId!, serviceId!, date!), [storeId, serviceId, date], { enabled: !!storeId });
 *   <Loadable state={bookings} isEmpty={(b) => b.items.length === 0} empty={…}>{(b) => …}</Loadable>
 */
import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState, type DependencyList, type Dispatch, type SetStateAction } from 'react';
import { messageOf } from '../api/errors';

export interface Load<T> {
  /** The last value loaded for the current inputs; undefined until the first load succeeds. */
  data: T | undefined;
  /** The last load's failure as Chinese text; null once a load succeeds. The old value stays. */
  error: string | null;
  /** A load is in flight (the first one, or a reload while the old value is still shown). */
  loading: boolean;
  /** Load again now (重试, pull-down refresh, after a write). Answers of older loads are dropped. */
  reload: () => Promise<void>;
  /** Change the value in place from a write's answer, without a request. */
  setData: Dispatch<SetStateAction<T | undefined>>;
}

export interface LoadOptions {
  /** false: wait (e.g. no store picked yet): nothing is requested and the value is cleared. Default true. */
  enabled?: boolean;
  /** Load again each time the page is shown after the first (back from another page). Default true. */
  reloadOnShow?: boolean;
  /** Keep the old value on screen while new inputs load (e.g. the next day of a list). Default false. */
  keepPrevious?: boolean;
}

/**
 * Runs `load` on mount and whenever `deps` change (like useEffect's list: every input of `load`),
 * and again when the page shows again. Only the latest load's answer is kept: a slow answer for
 * an old store or day never overwrites the new one.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList, options: LoadOptions = {}): Load<T> {
  const { enabled = true, reloadOnShow = true, keepPrevious = false } = options;
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(enabled);
  const latest = useRef({ load, enabled });
  latest.current = { load, enabled };
  /** Bumped by every load and by a change of inputs: an answer is kept only if it is still the latest. */
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    if (!latest.current.enabled) {
      setLoading(false);
      return;
    }
    setLoading(true);
    try {
      const value = await latest.current.load();
      if (mine !== generation.current) return;
      setData(() => value);
      setError(null);
    } catch (err) {
      if (mine !== generation.current) return;
      setError(messageOf(err));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  /** A change of inputs or leaving the page: answers still in flight are for nothing on screen. */
  const dropPending = useCallback(() => {
    generation.current++;
  }, []);

  useEffect(() => {
    if (!keepPrevious || !enabled) setData(undefined);
    setError(null);
    void reload();
    return dropPending;
    // `deps` are the caller's inputs of `load`, as with useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps]);

  // The first show is the mount's load; later shows (back from another page) load again.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && reloadOnShow) void reload();
    shown.current = true;
  });

  return { data, error, loading, reload, setData };
}
