import { useDidShow } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { currentSession, goToLogin, type Session } from '../api/session';

/**
 * Every page but login: on each show, back to login when there is no session (it expired, or the
 * member logged out on another page), else `onShow` with the session.
 */
export function useSignedInShow(onShow: (session: Session) => void): void {
  useDidShow(() => {
    const session = currentSession();
    if (!session) {
      goToLogin();
      return;
    }
    onShow(session);
  });
}

/**
 * A list page's loading: `load` runs when it changes (the store or day picked), after `onChange`
 * (e.g. clearing the old list), and again on each later show (back from another page), when the
 * list may have moved on. The first show is the first run. `load` must be stable (useCallback).
 */
export function useSignedInLoad(load: () => unknown, options: { onShow?: (session: Session) => void; onChange?: () => void } = {}): void {
  const shown = useRef(false);
  const { onShow, onChange } = options;
  useSignedInShow((session) => {
    onShow?.(session);
    if (shown.current) void load();
    shown.current = true;
  });
  useEffect(() => {
    onChange?.();
    void load();
    // onChange is a setter-like callback: the list reloads when `load` (its inputs) changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load]);
}
