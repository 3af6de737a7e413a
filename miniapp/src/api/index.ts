/** One function per route (README § API); request and response types come from shared/. */
import {
  CardResponse,
  CheckoutResponse,
  DevAccountsResponse,
  LedgerResponse,
  LoginResponse,
  MemberCodeResponse,
  ReverseResponse,
  StoreCheckoutsResponse,
  StoresResponse,
  VisitResponse,
  type CheckoutRequest,
  type OpenVisitRequest,
  type WechatLoginRequest,
} from '../../../shared/api';
import { call } from './client';
import { saveSession } from './session';

export { ApiError, messageOf } from './errors';
export { currentSession, clearSession, goToLogin, CARD_PAGE, LOGIN_PAGE } from './session';
export type { Session } from './session';
export * from './coupons';
export * from './booking';
export * from './pushes';

/** POST /v1/auth/wechat: a wx.login code (or a demo `dev-<openid>` code on H5) → our session. */
export async function login(code: string): Promise<LoginResponse> {
  const body: WechatLoginRequest = { code };
  const res = await call(LoginResponse, '/v1/auth/wechat', { method: 'POST', body, auth: false });
  saveSession(res);
  return res;
}

/** GET /v1/dev/accounts — the demo accounts (local stage only). */
export const devAccounts = () => call(DevAccountsResponse, '/v1/dev/accounts', { auth: false });

export const getCard = () => call(CardResponse, '/v1/me/card');
export const getMemberCode = () => call(MemberCodeResponse, '/v1/me/code');
export const getLedger = (cursor?: string | null, limit = 20) =>
  call(LedgerResponse, '/v1/me/ledger', { query: { cursor, limit } });
export const getStores = () => call(StoresResponse, '/v1/stores', { auth: false });

/** POST /v1/staff/visits: the scanned QR text or the typed 16 digits → a visit with the member. */
export function openVisit(code: string) {
  const body: OpenVisitRequest = { code };
  return call(VisitResponse, '/v1/staff/visits', { method: 'POST', body });
}

/**
 * POST /v1/staff/visits/{visitId}/checkout. The caller owns the Idempotency-Key: one per bill
 * attempt, sent again unchanged when the clerk retries after a failure (see staff/checkout-attempts).
 */
export function checkout(visitId: string, bill: CheckoutRequest, idempotencyKey: string) {
  return call(CheckoutResponse, `/v1/staff/visits/${encodeURIComponent(visitId)}/checkout`, {
    method: 'POST',
    body: bill,
    idempotencyKey,
  });
}

/** GET /v1/staff/checkouts?date=&storeId= — a store's bills of a day (its manager; HQ names the store). */
export const getStoreCheckouts = (date: string, storeId?: string) =>
  call(StoreCheckoutsResponse, '/v1/staff/checkouts', { query: { date, storeId } });

/**
 * POST /v1/staff/checkouts/{checkoutId}/reverse — the manager's refund. One Idempotency-Key per
 * refund attempt, sent again unchanged on 重试, so a lost answer never refunds twice.
 */
export const reverseCheckout = (checkoutId: string, idempotencyKey: string) =>
  call(ReverseResponse, `/v1/staff/checkouts/${encodeURIComponent(checkoutId)}/reverse`, { method: 'POST', idempotencyKey });
