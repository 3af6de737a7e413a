/**
 * The server side of the route contract (shared/contract): a handler is the route's declaration
 * plus one function from the parsed request to the response body. The wrapper authenticates
 * first (a request without a valid token gets 401, never the schema's field details), then
 * parses params, query, body and Idempotency-Key with the declared schemas, and answers with the
 * declared status. On the local stage and in tests it also checks every answer against the
 * declaration — the response schema and the route's error codes — and fails loudly on drift.
 */
import type * as z from 'zod/mini';
import { errorCodesOf, type RouteSpec } from '../../shared/contract/define';
import type { Session } from '../domain/sessions';
import { api, json, type HttpRequest } from '../lib/http';
import { contractChecks } from '../lib/config';
import { AppError } from '../lib/errors';
import type { StaffRecord } from '../store/records';
import { memberCaller, requireSessionLive, staffAccess, staffCaller, type StaffAccess } from './caller';

type Parsed<T> = T extends z.ZodMiniType ? z.output<T> : undefined;
type CallerOf<R extends RouteSpec> = R['access'] extends 'staff' ? StaffRecord : R['access'] extends 'member' ? Session : undefined;

export interface RouteRequest<R extends RouteSpec> {
  caller: CallerOf<R>;
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
  /** Present exactly when the route is declared `idempotent`. */
  idempotencyKey: R['idempotent'] extends true ? string : undefined;
  /** Public routes that act differently for a signed-in member (改约's slots) ask for one here. */
  signedInMember(): Promise<Session>;
  http: HttpRequest;
}

async function callerOf(route: RouteSpec, req: HttpRequest): Promise<unknown> {
  if (route.access === 'member') return memberCaller(req);
  if (route.access === 'staff') return staffCaller(req, route.roles);
  return undefined;
}

/** Local stage and tests: an answer that drifts from its declaration is a bug, said at once. */
function checkAnswer(route: RouteSpec, body: unknown): void {
  const result = route.response.safeParse(body);
  if (result.success) return;
  const where = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new Error(`Contract drift: ${route.method} ${route.path} answered outside its response schema — ${where}`);
}

function checkErrorCode(route: RouteSpec, error: unknown): void {
  if (!(error instanceof AppError)) return;
  if (!errorCodesOf(route).includes(error.code)) {
    throw new Error(`Contract drift: ${route.method} ${route.path} answered '${error.code}', which its declaration does not list`);
  }
}

/** A member's read, answered only if the session's member still exists (checked at the same time). */
async function answerLive<T>(answering: Promise<T>, session: Session): Promise<T> {
  const [answered, live] = await Promise.allSettled([answering, requireSessionLive(session)]);
  if (live.status === 'rejected') throw live.reason;
  if (answered.status === 'rejected') throw answered.reason;
  return answered.value;
}

const isStaffAccess = (caller: unknown): caller is StaffAccess => typeof caller === 'object' && caller !== null && 'rights' in caller;

/** A staff route's answer, given only once the caller's rights hold: their refusal comes first. */
async function answerAsStaff<T>(answering: Promise<T>, access: StaffAccess): Promise<T> {
  const [answered, rights] = await Promise.allSettled([answering, access.rights]);
  if (rights.status === 'rejected') throw rights.reason;
  if (answered.status === 'rejected') throw answered.reason;
  return answered.value;
}

export function handle<R extends RouteSpec>(route: R, answer: (req: RouteRequest<R>) => Promise<z.input<R['response']>>) {
  return serve(route, callerOf, answer);
}

/**
 * A staff route whose domain reads its first items beside the caller's staff record (see
 * `StaffAccess`): the caller is the access, not yet the record.
 */
export function handleStaffAlongside<R extends RouteSpec & { access: 'staff' }>(
  route: R,
  answer: (req: Omit<RouteRequest<R>, 'caller'> & { caller: StaffAccess }) => Promise<z.input<R['response']>>,
) {
  return serve(route, (r, http) => staffAccess(http, r.roles), answer as unknown as (req: RouteRequest<R>) => Promise<z.input<R['response']>>);
}

function serve<R extends RouteSpec>(
  route: R,
  callerFor: (route: RouteSpec, http: HttpRequest) => Promise<unknown>,
  answer: (req: RouteRequest<R>) => Promise<z.input<R['response']>>,
) {
  const checks = contractChecks();
  return api(async (http) => {
    try {
      const caller = await callerFor(route, http);
      // Parsing runs inside the answer, so that a staff caller's refusal still comes before a field's.
      const answering = (async () =>
        answer({
          caller,
          params: route.params ? http.path(route.params) : undefined,
          query: route.query ? http.query(route.query) : undefined,
          body: route.body ? http.body(route.body) : undefined,
          idempotencyKey: route.idempotent ? http.idempotencyKey() : undefined,
          signedInMember: () => memberCaller(http),
          http,
        } as RouteRequest<R>))();
      const body = isStaffAccess(caller)
        ? await answerAsStaff(answering, caller)
        : route.access === 'member' && route.method === 'GET'
          ? await answerLive(answering, caller as Session)
          : await answering;
      if (checks) checkAnswer(route, body);
      return json(route.status ?? 200, body);
    } catch (error) {
      if (checks) checkErrorCode(route, error);
      throw error;
    }
  });
}
