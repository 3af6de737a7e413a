/** One function per route, each a call of its declaration in shared/contract/routes.ts (docs/API.md). */
import type { CheckoutRequest, LoginResponse } from '../../../shared/api';
import { routes } from '../../../shared/contract/routes';
import { callRoute } from './client';
import { saveSession } from './session';

export { ApiError, messageOf } from './errors';
export { currentSession, clearSession, goToLogin, CARD_PAGE, LOGIN_PAGE } from './session';
export type { Session } from './session';
export * from './coupons';
export * from './booking';
export * from './pushes';
export * from './staff-admin';

/** A wx.login code (or a demo `dev-<openid>` code on H5) → our session. */
export async function login(code: string): Promise<LoginResponse> {
  const res = await callRoute(routes.authWechat, { body: { code } });
  saveSession(res);
  return res;
}

/** The demo accounts (local stage only). */
export const devAccounts = () => callRoute(routes.devAccounts);

export const getCard = () => callRoute(routes.meCard);
export const getMemberCode = () => callRoute(routes.meCode);
export const getLedger = (cursor?: string | null, limit = 20) => callRoute(routes.meLedger, { query: { cursor: cursor ?? undefined, limit } });
export const getStores = () => callRoute(routes.storesList);

/** 报手机号积分: the full 11-digit phone → a visit with its member, registering a walk-in if new. */
export const openPhoneVisit = (phone: string) => callRoute(routes.staffPhoneVisit, { body: { phone } });

/** The scanned QR text or the typed 16 digits → a visit with the member. */
export const openVisit = (code: string) => callRoute(routes.staffOpenVisit, { body: { code } });

/**
 * The caller owns the Idempotency-Key: one per bill attempt, sent again unchanged when the clerk
 * retries after a failure.
 */
export const checkout = (visitId: string, bill: CheckoutRequest, idempotencyKey: string) =>
  callRoute(routes.staffCheckout, { params: { visitId }, body: bill, idempotencyKey });

/** A store's bills of a day (its manager; HQ names the store). */
export const getStoreCheckouts = (date: string, storeId?: string) => callRoute(routes.staffCheckouts, { query: { date, storeId } });

/** The manager's refund: one Idempotency-Key per refund attempt, sent again unchanged on 重试. */
export const reverseCheckout = (checkoutId: string, idempotencyKey: string) => callRoute(routes.staffReverse, { params: { checkoutId }, idempotencyKey });
