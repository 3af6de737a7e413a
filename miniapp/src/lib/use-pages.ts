/**
 * A paged list (积分明细, and any list the API pages by cursor): the first page through useLoad
 * (loading, 重试, reload on show), then `loadMore` appends the next page. A page that arrives
 * after the list was reloaded from the top is dropped: it belongs to the old list.
 */
import { useCallback, useRef, useState, type DependencyList } from 'react';
import { messageOf } from '../api/errors';
import { useLoad, type Load, type LoadOptions } from './use-load';

export interface Page<I> {
  items: I[];
  nextCursor: string | null;
}

export interface Pages<I> extends Load<Page<I>> {
  loadMore: () => Promise<void>;
  loadingMore: boolean;
  /** Why the last loadMore failed (Chinese), null otherwise; the list stays as it was. */
  moreError: string | null;
}

export function usePages<I extends { id: string }>(loadPage: (cursor: string | null) => Promise<Page<I>>, deps: DependencyList, options?: LoadOptions): Pages<I> {
  const first = useLoad(() => loadPage(null), deps, options);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const latest = useRef(loadPage);
  latest.current = loadPage;
  const busy = useRef(false);
  const { data, setData } = first;
  const cursor = data?.nextCursor ?? null;

  const loadMore = useCallback(async () => {
    if (!cursor || busy.current) return;
    busy.current = true;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await latest.current(cursor);
      // Only onto the list this page continues (not one reloaded meanwhile); no item twice.
      setData((list) => {
        if (!list || list.nextCursor !== cursor) return list;
        const seen = new Set(list.items.map((i) => i.id));
        return { items: [...list.items, ...page.items.filter((i) => !seen.has(i.id))], nextCursor: page.nextCursor };
      });
    } catch (err) {
      setMoreError(messageOf(err));
    } finally {
      busy.current = false;
      setLoadingMore(false);
    }
  }, [cursor, setData]);

  return { ...first, loadMore, loadingMore, moreError };
}
