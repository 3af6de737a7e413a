/**
 * The visit the clerk is serving and the last checkout, handed from page to page. Kept in memory
 * and mirrored to storage so that an H5 reload (or WeChat restoring a page) still has it.
 */
import Taro from '@tarojs/taro';
import * as z from 'zod';
import { CheckoutResponse, VisitResponse } from '../../../shared/api';

/** A finished bill: the API's answer, with the bill as the server recorded it (amount, receipt number, time). */
export const FinishedBill = z.object({ result: CheckoutResponse, amountFen: z.number().int(), receiptNo: z.string(), at: z.string() });
export type FinishedBill = z.infer<typeof FinishedBill>;

const VISIT_KEY = 'tongka.visit';
const RESULT_KEY = 'tongka.checkout';

let visit: VisitResponse | null = null;
let result: FinishedBill | null = null;

function load<T>(key: string, parse: (raw: unknown) => T | null): T | null {
  try {
    return parse(Taro.getStorageSync(key));
  } catch {
    return null;
  }
}

export function setCurrentVisit(next: VisitResponse): void {
  visit = next;
  Taro.setStorageSync(VISIT_KEY, next);
}

export function currentVisit(): VisitResponse | null {
  visit ??= load(VISIT_KEY, (raw) => {
    const parsed = VisitResponse.safeParse(raw);
    return parsed.success ? parsed.data : null;
  });
  return visit;
}

export function setLastCheckout(next: FinishedBill): void {
  result = next;
  Taro.setStorageSync(RESULT_KEY, next);
}

export function lastCheckout(): FinishedBill | null {
  result ??= load(RESULT_KEY, (raw) => {
    const parsed = FinishedBill.safeParse(raw);
    return parsed.success ? parsed.data : null;
  });
  return result;
}

export function clearVisit(): void {
  visit = null;
  result = null;
  try {
    Taro.removeStorageSync(VISIT_KEY);
    Taro.removeStorageSync(RESULT_KEY);
  } catch {
    // nothing to keep
  }
}
