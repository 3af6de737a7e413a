/**
 * The OpenAPI 3.1 document, generated from the route contract (shared/contract/routes.ts) with
 * zod-openapi, which renders zod 4 schemas through zod's own JSON Schema output (3.1 is JSON
 * Schema 2020-12). This is what a chain's IT or POS vendor integrates against.
 */
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import * as z from 'zod/mini';
import { errorCodesOf, TAGS, type RouteSpec } from '../../shared/contract/define';
import { ERROR_CODES } from '../../shared/contract/errors';
import { routes } from '../../shared/contract/routes';
import { ErrorBody, IdempotencyKey } from '../../shared/schemas/common';
import * as auth from '../../shared/schemas/auth';
import * as booking from '../../shared/schemas/booking';
import * as coupons from '../../shared/schemas/coupons';
import * as member from '../../shared/schemas/member';
import * as pushes from '../../shared/schemas/pushes';
import * as staff from '../../shared/schemas/staff';
import * as stores from '../../shared/schemas/stores';

/** Shared shapes named once under components/schemas, so the reference reads by name. */
const COMPONENTS = {
  Error: ErrorBody,
  LoginResponse: auth.LoginResponse,
  Card: member.CardResponse,
  LedgerEntry: member.LedgerEntry,
  Store: stores.Store,
  StaffMemberView: staff.StaffMemberView,
  Visit: staff.VisitResponse,
  CheckoutRequest: staff.CheckoutRequest,
  Checkout: staff.CheckoutResponse,
  Reversal: staff.ReverseResponse,
  StoreCheckout: staff.StoreCheckout,
  CouponTemplateInput: coupons.CouponTemplateInput,
  CouponTemplate: coupons.CouponTemplate,
  MemberCoupon: coupons.MemberCoupon,
  IssueRule: coupons.IssueRule,
  Service: booking.Service,
  Schedule: booking.Schedule,
  Slot: booking.Slot,
  Booking: booking.Booking,
  StoreBooking: booking.StoreBooking,
  Profile: pushes.Profile,
  Campaign: pushes.Campaign,
};

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  400: 'The request does not parse: `details` names each field',
  401: 'No valid session: sign in again',
  403: 'Signed in, but not allowed',
  404: 'Not found',
  409: 'Taken, used, full, or changed meanwhile',
  422: 'A business rule says no',
  429: 'Too many requests: retry after `Retry-After` seconds',
  500: 'A bug on our side; nothing internal is said',
  503: 'Busy or a dependency is down: retry after `Retry-After` seconds, with the same Idempotency-Key',
};

function errorResponses(route: RouteSpec) {
  const byStatus = new Map<number, string[]>();
  for (const code of errorCodesOf(route)) byStatus.set(ERROR_CODES[code], [...(byStatus.get(ERROR_CODES[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      String(status),
      {
        description: `${STATUS_TEXT[status]}. error.code: ${codes.map((c) => `\`${c}\``).join(', ')}`,
        content: { 'application/json': { schema: ErrorBody } },
        ...(status === 503 || status === 429 ? { headers: { 'Retry-After': { schema: { type: 'integer' as const }, description: 'Seconds to wait' } } } : {}),
      },
    ]),
  );
}

function who(route: RouteSpec): string {
  if (route.access === 'public') return 'Anyone.';
  if (route.access === 'member') return 'A signed-in member.';
  return `Staff${route.roles ? ` (${route.roles.join(', ')})` : ''}, rights read fresh on every request.`;
}

function operation(name: string, route: RouteSpec): ZodOpenApiOperationObject {
  const header = route.idempotent
    ? z.object({ 'idempotency-key': IdempotencyKey.clone().register(z.globalRegistry, { description: 'One per intent; sent again unchanged on a retry' }) })
    : undefined;
  return {
    operationId: name,
    tags: [TAGS[route.tag]],
    summary: route.summary,
    description: [
      route.description,
      `**Who:** ${who(route)}`,
      route.idempotent ? '**Idempotent:** same key and body → the first answer again; same key, other body → 422 `idempotency_key_reused`.' : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
    ...(route.access === 'public' ? {} : { security: [{ session: [] }] }),
    requestParams: {
      ...(route.params ? { path: route.params as z.ZodMiniObject } : {}),
      ...(route.query ? { query: route.query as z.ZodMiniObject } : {}),
      ...(header ? { header } : {}),
    },
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
    responses: {
      [String(route.status ?? 200)]: { description: STATUS_TEXT[route.status ?? 200]!, content: { 'application/json': { schema: route.response } } },
      ...errorResponses(route),
    },
  };
}

export function openApiDocument() {
  const paths: ZodOpenApiPathsObject = {};
  for (const [name, route] of Object.entries(routes) as Array<[string, RouteSpec]>) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(name, route) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Tongka (通卡) API',
      version: '1',
      description:
        'One membership card for every store of a chain. Money is integer fen; times are ISO 8601 in Asia/Shanghai (+08:00). Every error answers `{ "error": { "code", "message", "details" } }`.',
    },
    servers: [{ url: 'http://127.0.0.1:3000', description: 'npm start (local stage)' }],
    tags: Object.values(TAGS).map((tag) => ({ name: tag })),
    paths,
    components: {
      schemas: COMPONENTS,
      securitySchemes: { session: { type: 'http', scheme: 'bearer', description: 'The token from POST /v1/auth/wechat' } },
    },
  });
}
