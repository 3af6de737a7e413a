/**
 * A route is a value: method, path, path params, query, body, response, the error codes it may
 * answer, whether it takes an Idempotency-Key, and who may call it — declared once (routes.ts) and
 * read by the server wrapper (functions/lib/route.ts), the app's client (miniapp/src/api/client.ts),
 * the test clients, the serverless.yml check and the OpenAPI document (README § API).
 */
import type * as z from 'zod/mini';
import type { StaffRole } from '../schemas/auth';
import { ERROR_CODES, type ErrorCode } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT';

/**
 * Who may call: anyone; a signed-in member (every staff member is also a member); a staff member
 * whose rights are read fresh on each request (`roles` narrows it further).
 */
export type Access = 'public' | 'member' | 'staff';

export interface RouteSpec {
  method: HttpMethod;
  /** With `{param}` placeholders, as API Gateway and serverless.yml write them. */
  path: string;
  /** One line for the reference; `description` may say more. */
  summary: string;
  description?: string;
  /** Groups routes in the reference: 会员, 柜台, 优惠券, 预约, 推送, 总部 … */
  tag: Tag;
  access: Access;
  /** For staff routes: the roles allowed (default: every role). */
  roles?: readonly StaffRole[];
  params?: z.ZodMiniType<Record<string, unknown>>;
  query?: z.ZodMiniType<Record<string, unknown>>;
  body?: z.ZodMiniType;
  /** Writes a retry could double take an Idempotency-Key header (required). */
  idempotent?: boolean;
  /** The success status (default 200). */
  status?: 200 | 201;
  response: z.ZodMiniType;
  /** The route's own error codes; those that follow from access, input and idempotency are added. */
  errors?: readonly ErrorCode[];
}

export const TAGS = {
  auth: 'Sign-in',
  member: 'Member card',
  counter: 'Counter (staff)',
  coupons: 'Coupons',
  booking: 'Booking',
  pushes: 'Pushes and privacy switches',
  admin: 'Headquarters and managers',
  staff: 'Staff accounts',
  identity: 'Phone binding and duplicate members',
  dev: 'Local stage only',
} as const;
export type Tag = keyof typeof TAGS;

export function defineRoute<const S extends RouteSpec>(spec: S): S {
  return spec;
}

/** Every code a route may answer: its own, plus what its access, input and key imply. */
export function errorCodesOf(route: RouteSpec): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.errors ?? []);
  if (route.params || route.query || route.body || route.idempotent) codes.add('validation_error');
  if (route.access !== 'public') ['unauthorized', 'token_expired', 'invalid_token'].forEach((c) => codes.add(c as ErrorCode));
  if (route.access === 'member') codes.add('member_merged');
  if (route.access === 'staff') codes.add('not_staff');
  if (route.roles?.length === 1 && route.roles[0] === 'hq') codes.add('not_hq');
  else if (route.roles && !route.roles.includes('clerk')) codes.add('not_manager');
  if (route.idempotent) codes.add('idempotency_key_reused');
  ['rate_limited', 'busy', 'unavailable', 'internal'].forEach((c) => codes.add(c as ErrorCode));
  return [...codes].sort((a, b) => ERROR_CODES[a] - ERROR_CODES[b] || a.localeCompare(b));
}

/** The path with its params filled in (each one URI-encoded). */
export function pathWith(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') throw new Error(`Missing path param ${name} for ${path}`);
    return encodeURIComponent(String(value));
  });
}

/** Input and output types of a route, as the client sends and receives them. */
type InputOf<T> = T extends z.ZodMiniType ? z.input<T> : never;
export type ParamsOf<R extends RouteSpec> = InputOf<R['params']>;
export type QueryOf<R extends RouteSpec> = InputOf<R['query']>;
export type BodyOf<R extends RouteSpec> = InputOf<R['body']>;
export type ResponseOf<R extends RouteSpec> = z.output<R['response']>;
