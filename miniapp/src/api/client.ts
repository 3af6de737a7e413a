/**
 * The typed API client: a call names its route (shared/contract/routes.ts), which says the method,
 * the path, whether it signs in and takes an Idempotency-Key, and the response schema every answer
 * is parsed with. Taro.request underneath (wx.request on WeChat, fetch on H5); every failure is an
 * ApiError with Chinese text.
 */
import Taro from '@tarojs/taro';
import type * as z from 'zod/mini';
import { ErrorBody, IDEMPOTENCY_HEADER } from '../../../shared/api';
import { pathWith, type BodyOf, type ParamsOf, type QueryOf, type ResponseOf, type RouteSpec } from '../../../shared/contract/define';
import { ApiError } from './errors';
import { currentSession, dropSessionStaff, goToLogin } from './session';

type Query = Record<string, string | number | boolean | undefined | null>;

interface CallOptions {
  method: 'GET' | 'POST' | 'PUT';
  query?: Query;
  body?: unknown;
  /** Send the session token. */
  auth: boolean;
  idempotencyKey?: string;
}

/** What a call of route R takes: only the parts R declares, typed from its schemas. */
export type RouteInput<R extends RouteSpec> = (R['params'] extends z.ZodMiniType ? { params: ParamsOf<R> } : { params?: never }) &
  (R['query'] extends z.ZodMiniType ? { query?: QueryOf<R> } : { query?: never }) &
  (R['body'] extends z.ZodMiniType ? { body: BodyOf<R> } : { body?: never }) &
  (R['idempotent'] extends true ? { idempotencyKey: string } : { idempotencyKey?: never }) & {
    /** A public route that acts for a signed-in member when asked (改约's slots). */
    signedIn?: boolean;
  };

/** Calls a declared route: `callRoute(routes.meCard)`, `callRoute(routes.couponsClaim, { params, idempotencyKey })`. */
export function callRoute<R extends RouteSpec>(
  route: R,
  ...[input]: Partial<RouteInput<R>> extends RouteInput<R> ? [RouteInput<R>?] : [RouteInput<R>]
): Promise<ResponseOf<R>> {
  const { params, query, body, idempotencyKey, signedIn } = (input ?? {}) as {
    params?: Record<string, unknown>;
    query?: Query;
    body?: unknown;
    idempotencyKey?: string;
    signedIn?: boolean;
  };
  return call(route.response, pathWith(route.path, params), {
    method: route.method,
    query,
    body,
    idempotencyKey,
    auth: route.access !== 'public' || !!signedIn,
  }) as Promise<ResponseOf<R>>;
}

const TIMEOUT_MS = 20_000;
/** How often a 503 is asked again before the page offers 重试. */
const BUSY_RETRIES = 2;

/** Retry-After (seconds, at least 1, at most 4), doubled per retry, with jitter so a crowd spreads out. */
export function busyDelayMs(retryAfterSeconds: number, retry: number): number {
  const base = Math.min(4, Math.max(1, Number.isFinite(retryAfterSeconds) ? retryAfterSeconds : 1)) * 1000 * 2 ** retry;
  return Math.min(8_000, base) * (0.75 + Math.random() * 0.5);
}
/**
 * A read that has not answered in 8 s is asked again rather than waited on: a lost request (a
 * dropped connection, a stalled container) then costs the user seconds, not the whole 20.
 */
const GET_TIMEOUT_MS = 8_000;
/** Reads are safe to repeat: one quiet retry after a lost answer before the user sees an error. */
const GET_RETRIES = 1;

/** '' on H5 (same origin: the local stack proxies /v1), an absolute base on WeChat. */
export const apiBase: string = typeof TONGKA_API_BASE === 'string' ? TONGKA_API_BASE : '';

function urlOf(path: string, query?: Query): string {
  const params = Object.entries(query ?? {})
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null && entry[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return `${apiBase}${path}${params.length ? `?${params.join('&')}` : ''}`;
}

let redirecting = false;

/** One place that sends the user back to login on a 401, once even when several calls fail together. */
function onUnauthorized(): void {
  if (redirecting) return;
  redirecting = true;
  goToLogin();
  setTimeout(() => {
    redirecting = false;
  }, 1500);
}

async function call<S extends z.ZodMiniType>(schema: S, path: string, options: CallOptions): Promise<z.infer<S>> {
  const { method, query, body, auth, idempotencyKey } = options;
  const header: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) header['Content-Type'] = 'application/json';
  if (idempotencyKey) header[IDEMPOTENCY_HEADER] = idempotencyKey;
  if (auth) {
    const session = currentSession();
    if (!session) {
      onUnauthorized();
      throw new ApiError(401, 'unauthorized', 'Sign in first');
    }
    header.Authorization = `Bearer ${session.token}`;
  }

  const send = async (attempt: number): Promise<Taro.request.SuccessCallbackResult> => {
    try {
      return await Taro.request({
        url: urlOf(path, query),
        method,
        header,
        data: body === undefined ? undefined : (body as Record<string, unknown>),
        dataType: 'json',
        timeout: method === 'GET' ? GET_TIMEOUT_MS : TIMEOUT_MS,
      });
    } catch (error) {
      if (method === 'GET' && attempt < GET_RETRIES) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        return send(attempt + 1);
      }
      const text = (error as { errMsg?: string; message?: string } | null)?.errMsg ?? (error as Error | null)?.message ?? '';
      throw new ApiError(0, /timeout|abort/i.test(text) ? 'timeout' : 'network_error', text || 'request failed');
    }
  };
  // A 503 says the server is busy or a part of it failed, and nothing was done twice: reads, and
  // writes carrying their Idempotency-Key, are asked again after Retry-After (capped, with jitter),
  // a bounded number of times; then the page shows 网络繁忙 with 重试 (the same key again).
  let response = await send(0);
  for (let retry = 0; response.statusCode === 503 && (method === 'GET' || idempotencyKey) && retry < BUSY_RETRIES; retry++) {
    const header = (response.header ?? {}) as Record<string, string | undefined>;
    const retryAfter = Number(header['retry-after'] ?? header['Retry-After'] ?? 1);
    await new Promise((resolve) => setTimeout(resolve, busyDelayMs(retryAfter, retry)));
    response = await send(0);
  }

  const { statusCode, data } = response;
  if (statusCode >= 200 && statusCode < 300) {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new ApiError(statusCode, 'bad_response', `Unexpected response from ${path}`);
    return parsed.data;
  }

  const error = ErrorBody.safeParse(data);
  const apiError = error.success
    ? new ApiError(statusCode, error.data.error.code, error.data.error.message, error.data.error.details)
    : new ApiError(statusCode, statusCode >= 500 ? 'internal' : 'http_error', `HTTP ${statusCode}`);
  if (statusCode === 401 && auth) onUnauthorized();
  // No longer staff: the member part of the session stays; the page shows the Chinese message.
  if (apiError.code === 'not_staff' && auth) dropSessionStaff();
  throw apiError;
}
