/**
 * The member code on screen: fetched when the page shows, refreshed before it expires, dropped
 * when it may have expired, and never fetched while the page is hidden. `refresh` fetches a new
 * one now (the member's tap); `nextRefreshAt` is when the next automatic one is due (for the
 * countdown), in this device's clock.
 */
import { useDidHide, useDidShow, useUnload } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { MemberCodeResponse } from '../../../shared/api';
import { getMemberCode } from '../api';
import { messageOf } from '../api/errors';

/**
 * When to fetch the next code. The server's refreshAt is a full window before expiry, and a fresh
 * code is always valid for at least 60 s, so refreshing at most every 60 s keeps an unexpired code
 * on screen even when the phone's clock is off.
 */
export function refreshDelay(code: MemberCodeResponse, now = Date.now()): number {
  const untilRefresh = Date.parse(code.refreshAt) - now + 500;
  return Math.min(Math.max(Number.isFinite(untilRefresh) ? untilRefresh : 0, 2_000), 60_000);
}
/** After this long without a successful refresh the code is hidden (it is valid ≥ 60 s, ≤ 120 s). */
export function expiryDelay(code: MemberCodeResponse, now = Date.now()): number {
  const untilExpiry = Date.parse(code.expiresAt) - now;
  return Math.min(Math.max(Number.isFinite(untilExpiry) ? untilExpiry : 0, 60_000), 120_000);
}
const RETRY_MS = 5_000;
/** A code older than this is not shown again after the app comes back from the background. */
const STALE_AFTER_MS = 55_000;

export interface MemberCode {
  code: MemberCodeResponse | null;
  error: string | null;
  /** A fetch is in flight. */
  loading: boolean;
  /** When the next automatic refresh is due (Date.now() scale), or null when none is scheduled. */
  nextRefreshAt: number | null;
  refresh: () => void;
  /** Stops every timer (before leaving, e.g. 退出登录). */
  stop: () => void;
}

export function useMemberCode(): MemberCode {
  const [code, setCode] = useState<MemberCodeResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [nextRefreshAt, setNextRefreshAt] = useState<number | null>(null);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const expiryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const visible = useRef(false);
  /** Bumped by every fetch and by hiding the page, so a stale answer is dropped. */
  const generation = useRef(0);
  /** When the code on screen was fetched (this device's clock). */
  const fetchedAt = useRef(0);

  const stop = useCallback(() => {
    generation.current++;
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    if (expiryTimer.current) clearTimeout(expiryTimer.current);
    refreshTimer.current = null;
    expiryTimer.current = null;
    setNextRefreshAt(null);
    setLoading(false);
  }, []);

  const schedule = useCallback((delay: number, run: () => void) => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(run, delay);
    setNextRefreshAt(Date.now() + delay);
  }, []);

  /** Fetches a code and schedules the next; only the latest call's result is kept. */
  const fetchCode = useCallback(
    async function next(): Promise<void> {
      const mine = ++generation.current;
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
      refreshTimer.current = null;
      setNextRefreshAt(null);
      setLoading(true);
      try {
        const fresh = await getMemberCode();
        if (!visible.current || mine !== generation.current) return;
        fetchedAt.current = Date.now();
        setCode(fresh);
        setError(null);
        if (expiryTimer.current) clearTimeout(expiryTimer.current);
        expiryTimer.current = setTimeout(() => setCode(null), expiryDelay(fresh));
        schedule(refreshDelay(fresh), () => void next());
      } catch (err) {
        if (!visible.current || mine !== generation.current) return;
        setError(messageOf(err));
        schedule(RETRY_MS, () => void next());
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [schedule],
  );

  useDidShow(() => {
    visible.current = true;
    // Timers do not run while the app is in the background: never show a code that may have expired.
    if (Date.now() - fetchedAt.current > STALE_AFTER_MS) setCode(null);
    void fetchCode();
  });
  useDidHide(() => {
    visible.current = false;
    stop();
  });
  useUnload(() => {
    visible.current = false;
    stop();
  });

  const refresh = useCallback(() => {
    if (visible.current) void fetchCode();
  }, [fetchCode]);

  return { code, error, loading, nextRefreshAt, refresh, stop };
}
