/**
 * The visit the clerk is serving and the last checkout, handed from page to page. Kept in memory
 * and mirrored to storage so that an H5 reload (or WeChat restoring a page) still has it.
 */
import Taro from '@tarojs/taro';
import * as z from 'zod/mini';
import { CheckoutResponse, VisitResponse } from '../../../shared/api';

/** A finished bill: the API's answer, with the bill as the server recorded it (amount, receipt number, time). */
export const FinishedBill = z.object({ result: CheckoutResponse, amountFen: z.int(), receiptNo: z.string(), at: z.string() });
export type FinishedBill = z.infer<typeof FinishedBill>;

const VISIT_KEY = 'tongka.visit';
const RESULT_KEY = 'tongka.checkout';

/** A value kept in memory and mirrored to storage under `key`; read back from storage only if it still fits `schema`. */
function stored<T>(key: string, schema: z.ZodMiniType<T>) {
  let value: T | null = null;
  return {
    get(): T | null {
      if (value === null) {
        try {
          const parsed = schema.safeParse(Taro.getStorageSync(key));
          value = parsed.success ? parsed.data : null;
        } catch {
          value = null;
        }
      }
      return value;
    },
    set(next: T): void {
      value = next;
      Taro.setStorageSync(key, next);
    },
    forget(): void {
      value = null;
    },
  };
}

const visit = stored(VISIT_KEY, VisitResponse);
const result = stored(RESULT_KEY, FinishedBill);

export const setCurrentVisit = (next: VisitResponse): void => visit.set(next);
export const currentVisit = (): VisitResponse | null => visit.get();
export const setLastCheckout = (next: FinishedBill): void => result.set(next);
export const lastCheckout = (): FinishedBill | null => result.get();

export function clearVisit(): void {
  visit.forget();
  result.forget();
  try {
    Taro.removeStorageSync(VISIT_KEY);
    Taro.removeStorageSync(RESULT_KEY);
  } catch {
    // nothing to keep
  }
}
