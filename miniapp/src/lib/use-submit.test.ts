/** @jest-environment jsdom */
import { act, renderHook } from '@testing-library/react';
import { IdempotencyKey } from '../../../shared/api';
import { ApiError } from '../api/errors';
import { useSubmit } from './use-submit';

const lost = () => new ApiError(0, 'network_error', 'Failed to fetch');
const soldOut = () => new ApiError(409, 'sold_out', 'Sold out');

/** A write whose answers the test scripts: each call takes the next answer (a value or an error). */
function scripted(answers: unknown[]) {
  const keys: string[] = [];
  const send = jest.fn(async (key: string, templateId: string) => {
    keys.push(key);
    const next = answers.shift();
    if (next instanceof Error) throw next;
    return `${templateId}:${String(next)}`;
  });
  return { send, keys };
}

describe('useSubmit', () => {
  it('sends a key the API accepts and answers with the value', async () => {
    const { send, keys } = scripted(['done']);
    const { result } = renderHook(() => useSubmit('t-ok', send));
    let outcome: unknown;
    await act(async () => {
      outcome = await result.current.submit('tpl-1');
    });
    expect(outcome).toEqual({ ok: true, value: 'tpl-1:done' });
    expect(IdempotencyKey.safeParse(keys[0]).success).toBe(true);
    expect(result.current.error).toBeNull();
    expect(result.current.busy).toBe(false);
  });

  it('keeps the key across 重试 after a lost answer, and a new tap after success gets a new key', async () => {
    const { send, keys } = scripted([lost(), lost(), 'done', 'again']);
    const { result } = renderHook(() => useSubmit('t-retry', send));
    await act(() => result.current.submit('tpl-1'));
    expect(result.current.error).toMatchObject({ retryable: true, code: 'network_error', args: ['tpl-1'] });
    expect(result.current.error?.message).toBe('网络不稳定，请检查网络后重试');
    await act(() => result.current.retry());
    // The same tap again (not 重试) is the same intent while it has no answer: same key.
    await act(() => result.current.submit('tpl-1'));
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).toBe(keys[0]);
    expect(result.current.error).toBeNull();
    await act(() => result.current.submit('tpl-1'));
    expect(keys[3]).not.toBe(keys[0]);
  });

  it('renews the key after a definite refusal, and reports its code', async () => {
    const { send, keys } = scripted([soldOut(), 'done']);
    const { result } = renderHook(() => useSubmit('t-refused', send));
    let outcome: unknown;
    await act(async () => {
      outcome = await result.current.submit('tpl-1');
    });
    expect(outcome).toMatchObject({ ok: false, busy: false, code: 'sold_out', retryable: false, message: '已领完' });
    expect(result.current.error).toMatchObject({ retryable: false, message: '已领完' });
    await act(() => result.current.submit('tpl-1'));
    expect(keys[1]).not.toBe(keys[0]);
  });

  it('gives another intent (other arguments) its own key', async () => {
    const { send, keys } = scripted([lost(), 'done']);
    const { result } = renderHook(() => useSubmit('t-intents', send));
    await act(() => result.current.submit('tpl-1'));
    await act(() => result.current.submit('tpl-2'));
    expect(keys[1]).not.toBe(keys[0]);
  });

  it('keeps an unsettled key when the page is left and opened again', async () => {
    const { send, keys } = scripted([lost(), 'done']);
    const first = renderHook(() => useSubmit('t-remount', send));
    await act(() => first.result.current.submit('tpl-1'));
    first.unmount();
    const second = renderHook(() => useSubmit('t-remount', send));
    await act(() => second.result.current.submit('tpl-1'));
    expect(keys[1]).toBe(keys[0]);
  });

  it('sends one write at a time: a second tap while busy is not sent', async () => {
    let finish!: (value: string) => void;
    const send = jest.fn((_key: string, _id: string) => new Promise<string>((resolve) => (finish = resolve)));
    const { result } = renderHook(() => useSubmit('t-busy', send));
    let first!: Promise<unknown>;
    let second: unknown;
    await act(async () => {
      first = result.current.submit('tpl-1');
      second = await result.current.submit('tpl-2');
    });
    expect(second).toMatchObject({ ok: false, busy: true });
    expect(result.current.busy).toBe(true);
    expect(result.current.running).toEqual(['tpl-1']);
    await act(async () => {
      finish('ok');
      await first;
    });
    expect(send).toHaveBeenCalledTimes(1);
    expect(result.current.running).toBeNull();
  });

  it('clears the error on demand', async () => {
    const { send } = scripted([soldOut()]);
    const { result } = renderHook(() => useSubmit('t-clear', send));
    await act(() => result.current.submit('tpl-1'));
    act(() => result.current.clearError());
    expect(result.current.error).toBeNull();
  });
});
