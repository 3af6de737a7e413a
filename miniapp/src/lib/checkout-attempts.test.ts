import { IdempotencyKey } from '../../../shared/api';
import { keyForBill, newIdempotencyKey, settleAttempt } from './checkout-attempts';

const bill = { receiptNo: 'JA-001', amountFen: 8800, redeemPoints: 0 };

describe('Idempotency-Keys for bills at the counter', () => {
  it('makes keys the API accepts, a new one each time', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(IdempotencyKey.safeParse(key).success).toBe(true);
  });

  it('sends the same key again when the same bill is retried after a failure', () => {
    const first = keyForBill('visit-1', bill);
    expect(keyForBill('visit-1', { ...bill })).toBe(first);
  });

  it('makes a new key once the server has answered, or when the bill changes', () => {
    const first = keyForBill('visit-2', bill);
    const changed = keyForBill('visit-2', { ...bill, amountFen: 8900 });
    expect(changed).not.toBe(first);
    settleAttempt('visit-2');
    expect(keyForBill('visit-2', { ...bill, amountFen: 8900 })).not.toBe(changed);
  });

  it('makes a new key when the coupons ticked for the bill change', () => {
    const first = keyForBill('visit-5', { ...bill, couponIds: ['cpn-1'] });
    expect(keyForBill('visit-5', { ...bill, couponIds: ['cpn-1'] })).toBe(first);
    expect(keyForBill('visit-5', { ...bill, couponIds: [] })).not.toBe(first);
  });

  it('keeps visits apart', () => {
    expect(keyForBill('visit-3', bill)).not.toBe(keyForBill('visit-4', bill));
  });
});
