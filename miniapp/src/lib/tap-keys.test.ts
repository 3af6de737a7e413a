import { IdempotencyKey } from '../../../shared/api';
import { TapKeys } from './tap-keys';

describe('Idempotency-Keys for one-tap writes (claim, exchange, create a template)', () => {
  it('makes a new key the API accepts for every tap', () => {
    const keys = new TapKeys();
    const first = keys.tap('tpl-1');
    const second = keys.tap('tpl-1');
    expect(second).not.toBe(first);
    expect(IdempotencyKey.safeParse(first).success).toBe(true);
  });

  it('sends the same key on 重试 until the action settles', () => {
    const keys = new TapKeys();
    const key = keys.tap('tpl-1');
    expect(keys.has('tpl-1')).toBe(true);
    expect(keys.retry('tpl-1')).toBe(key);
    expect(keys.retry('tpl-1')).toBe(key);
    keys.settle('tpl-1');
    expect(keys.has('tpl-1')).toBe(false);
    expect(keys.retry('tpl-1')).not.toBe(key);
  });

  it('keeps actions apart', () => {
    const keys = new TapKeys();
    expect(keys.tap('tpl-1')).not.toBe(keys.tap('tpl-2'));
  });
});
