/** @jest-environment jsdom */
import { act, renderHook, waitFor } from '@testing-library/react';
import { ApiError } from '../api/errors';
import { useLoad } from './use-load';

/** The page's show callbacks, fired by `show()` as Taro fires them when the page shows again. */
const shows: Array<() => void> = [];
jest.mock('@tarojs/taro', () => ({ useDidShow: (fn: () => void) => shows.push(fn) }));
/** The latest render's callback, as Taro calls it. */
function show() {
  act(() => shows[shows.length - 1]!());
}

/** A promise the test settles by hand, to answer loads out of order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

beforeEach(() => {
  shows.length = 0;
});

describe('useLoad', () => {
  it('is loading, then holds the value', async () => {
    const { result } = renderHook(() => useLoad(() => Promise.resolve([1, 2]), []));
    expect(result.current.loading).toBe(true);
    expect(result.current.data).toBeUndefined();
    await waitFor(() => expect(result.current.data).toEqual([1, 2]));
    expect(result.current.loading).toBe(false);
    expect(result.current.error).toBeNull();
  });

  it('shows a failure in Chinese, and 重试 (reload) clears it once a load succeeds', async () => {
    let fail = true;
    const load = jest.fn(() => (fail ? Promise.reject(new ApiError(0, 'network_error', 'Failed to fetch')) : Promise.resolve('ok')));
    const { result } = renderHook(() => useLoad(load, []));
    await waitFor(() => expect(result.current.error).toBe('网络不稳定，请检查网络后重试'));
    expect(result.current.data).toBeUndefined();
    fail = false;
    await act(() => result.current.reload());
    expect(result.current.data).toBe('ok');
    expect(result.current.error).toBeNull();
  });

  it('keeps the old value on screen when a reload fails', async () => {
    let fail = false;
    const { result } = renderHook(() => useLoad(() => (fail ? Promise.reject(new Error('断网了')) : Promise.resolve('v1')), []));
    await waitFor(() => expect(result.current.data).toBe('v1'));
    fail = true;
    await act(() => result.current.reload());
    expect(result.current.data).toBe('v1');
    expect(result.current.error).toBe('断网了');
  });

  it('drops the answer for old inputs when it arrives after the answer for new ones', async () => {
    const answers: Record<string, ReturnType<typeof deferred<string>>> = { a: deferred(), b: deferred() };
    const { result, rerender } = renderHook(({ day }) => useLoad(() => answers[day]!.promise, [day]), { initialProps: { day: 'a' } });
    rerender({ day: 'b' });
    await act(async () => answers.b!.resolve('list of b'));
    await act(async () => answers.a!.resolve('list of a'));
    expect(result.current.data).toBe('list of b');
    expect(result.current.loading).toBe(false);
  });

  it('drops an older reload answered after a newer one', async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const queue = [Promise.resolve('initial'), first.promise, second.promise];
    const { result } = renderHook(() => useLoad(() => queue.shift()!, []));
    await waitFor(() => expect(result.current.data).toBe('initial'));
    let one!: Promise<void>;
    let two!: Promise<void>;
    act(() => {
      one = result.current.reload();
      two = result.current.reload();
    });
    await act(async () => {
      second.resolve('newest');
      await two;
      first.resolve('stale');
      await one;
    });
    expect(result.current.data).toBe('newest');
  });

  it('clears the value when the inputs change, unless asked to keep it', async () => {
    const { result, rerender } = renderHook(({ day, keep }) => useLoad(() => new Promise<string>(() => undefined).then(() => day), [day], { keepPrevious: keep }), {
      initialProps: { day: 'a', keep: true },
    });
    act(() => result.current.setData('shown'));
    rerender({ day: 'b', keep: true });
    expect(result.current.data).toBe('shown');
    expect(result.current.loading).toBe(true);
    rerender({ day: 'c', keep: false });
    expect(result.current.data).toBeUndefined();
  });

  it('waits while disabled and loads once enabled', async () => {
    const load = jest.fn(() => Promise.resolve('slots'));
    const { result, rerender } = renderHook(({ storeId }) => useLoad(load, [storeId], { enabled: storeId !== null }), {
      initialProps: { storeId: null as string | null },
    });
    expect(result.current.loading).toBe(false);
    expect(load).not.toHaveBeenCalled();
    rerender({ storeId: 's1' });
    await waitFor(() => expect(result.current.data).toBe('slots'));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads again when the page shows again, not on its first show', async () => {
    let n = 0;
    const { result } = renderHook(() => useLoad(() => Promise.resolve(++n), []));
    show();
    await waitFor(() => expect(result.current.data).toBe(1));
    show();
    await waitFor(() => expect(result.current.data).toBe(2));
  });

  it('does not load again on show when told not to', async () => {
    const load = jest.fn(() => Promise.resolve('x'));
    const { result } = renderHook(() => useLoad(load, [], { reloadOnShow: false }));
    show();
    show();
    await waitFor(() => expect(result.current.data).toBe('x'));
    expect(load).toHaveBeenCalledTimes(1);
  });
});
