import type { ReactNode } from 'react';
import type { Load } from '../lib/use-load';
import { ErrorBlock } from './ErrorBlock';
import { Loading } from './Loading';

/**
 * What a useLoad read shows: 加载中 first, the failure with 重试, the empty state, or the content.
 * A failed reload keeps the old content on screen under its error.
 */
export function Loadable<T>({
  state,
  children,
  isEmpty,
  empty = null,
  loadingText,
}: {
  state: Load<T>;
  children: (data: T) => ReactNode;
  /** Nothing to show (an empty list): `empty` is shown instead of the content. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  loadingText?: string;
}) {
  const { data, error, reload } = state;
  const retry = () => void reload();
  if (data === undefined) return error ? <ErrorBlock message={error} onRetry={retry} /> : <Loading text={loadingText} />;
  return (
    <>
      {error ? <ErrorBlock message={error} onRetry={retry} /> : null}
      {isEmpty?.(data) ? empty : children(data)}
    </>
  );
}
