/**
 * The stack an integration test file talks to: its own table in the shared DynamoDB Local, the
 * fake WeChat server and the API's handlers served over real HTTP (routes from serverless.yml).
 * Tests refuse to run without a local endpoint rather than touch anything else.
 */
import { randomUUID } from 'node:crypto';
import { startFakeWechat, type FakeWechat } from '../../infra/wechat-fake/server';
import { startHttpApi, type HttpApi } from '../../infra/local/http-api';
import { dropTable, ensureTable } from '../../infra/local/tables';
import { seedDemoChain } from '../../infra/seed/demo-chain';
import type { BodyOf, ParamsOf, QueryOf, ResponseOf, RouteSpec } from '../../shared/contract/define';
import type { ErrorBody } from '../../shared/schemas/common';
import { checkAnswer, urlOf } from './contract-check';
import { seedFromTemplate } from './seed-template';

export interface TestStack {
  endpoint: string;
  tableName: string;
  api: HttpApi;
  wechat: FakeWechat;
  stop(): Promise<void>;
}

/**
 * A fresh table on this DynamoDB endpoint, the fake WeChat server, and the API's handlers over
 * real HTTP pointed at both (through the environment the handlers read).
 */
export async function serveNewTable(endpoint: string, prefix: string): Promise<{ tableName: string; api: HttpApi; wechat: FakeWechat }> {
  const tableName = `${prefix}-${randomUUID().slice(0, 8)}`;
  await ensureTable(endpoint, tableName);
  const wechat = await startFakeWechat();
  process.env.TABLE_NAME = tableName;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.WECHAT_API_BASE = wechat.url;
  return { tableName, api: await startHttpApi(), wechat };
}

export async function startTestStack(): Promise<TestStack> {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint || !/^http:\/\/(127\.0\.0\.1|localhost):\d+$/.test(endpoint)) {
    throw new Error('Integration tests need DynamoDB Local (TEST_DYNAMODB_ENDPOINT on loopback): run them with `npm run test:jest`.');
  }
  const { tableName, api, wechat } = await serveNewTable(endpoint, 'tongka-test');
  return {
    endpoint,
    tableName,
    api,
    wechat,
    stop: async () => {
      await api.stop();
      await wechat.stop();
      await dropTable(endpoint, tableName);
    },
  };
}

/**
 * The demo chain in the stack's table: a copy of the run's seeded template (test/support/seed-template.ts),
 * or, given `now`, seeded afresh as of then.
 */
export async function seed(stack: TestStack, now?: number): Promise<void> {
  const target = { tableName: stack.tableName, endpoint: stack.endpoint };
  await (now === undefined ? seedFromTemplate(target) : seedDemoChain(target, now));
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

interface RequestOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/**
 * A route's answer as a test reads it: the declared response on a 2xx, `error` otherwise. Both are
 * typed so a test can read either after asserting the status; the runtime check in `send` has
 * already held the answer to exactly one of them.
 */
export type Answer<R extends RouteSpec> = ResponseOf<R> & ErrorBody;

/** A call of a declared route: its params, query and body typed from the contract. */
export type RouteCall<R extends RouteSpec> = {
  params?: ParamsOf<R>;
  query?: QueryOf<R>;
  body?: BodyOf<R>;
  token?: string;
  idempotencyKey?: string;
  headers?: Record<string, string>;
};

/**
 * A small HTTP client for the stack's API: JSON in, `{ status, body }` out. Every answer is held to
 * the route contract (status, response schema, declared error codes) and fails the test on drift.
 * `call`/`ok` name the route and type the answer; `get`/`post`/`put` send any path, bad ones
 * included, for the tests of what malformed requests get. Given a function, it asks it for the
 * stack on each call, so a client can be made before the stack is started.
 */
export function api(stack: TestStack | (() => TestStack)) {
  const current = typeof stack === 'function' ? stack : () => stack;
  const send = async (method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${current().api.url}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: leave the text for the assertion to show.
    }
    checkAnswer(method, path, res.status, parsed);
    return { status: res.status, body: parsed, headers: res.headers };
  };
  const call = <R extends RouteSpec>(route: R, input: RouteCall<R> = {}): Promise<ApiResponse<Answer<R>>> => {
    const headers = { ...(input.headers ?? {}), ...(input.idempotencyKey ? { 'Idempotency-Key': input.idempotencyKey } : {}) };
    const path = urlOf(route, input.params as Record<string, unknown>, input.query as Record<string, unknown>);
    return send(route.method, path, { token: input.token, body: input.body, headers });
  };
  return {
    call,
    /** A call that must succeed: its typed answer, or the test fails with what came back. */
    ok: async <R extends RouteSpec>(route: R, input: RouteCall<R> = {}): Promise<ResponseOf<R>> => {
      const res = await call(route, input);
      if (res.status >= 300) throw new Error(`${route.method} ${route.path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as ResponseOf<R>;
    },
    get: (path: string, options?: RequestOptions) => send('GET', path, options),
    post: (path: string, options?: RequestOptions) => send('POST', path, options),
    put: (path: string, options?: RequestOptions) => send('PUT', path, options),
    patch: (path: string, options?: RequestOptions) => send('PATCH', path, options),
    delete: (path: string, options?: RequestOptions) => send('DELETE', path, options),
  };
}
