/**
 * A small stand-in for API Gateway's HTTP API (payload v2) that serves the handlers of
 * serverless.yml over real HTTP, in this process: the very handlers and routes that deploy, with
 * no build step. Tests and the benchmark run it in their own process; `npm start`, the browser
 * suite and `npm run load` run it as its own process (infra/local/api-server.ts).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { functionDefinitions, ROOT } from './serverless-config';

type Handler = (event: APIGatewayProxyEventV2, context: unknown) => Promise<{ statusCode: number; headers?: Record<string, string>; body?: string }>;

interface Route {
  /** The function's name in serverless.yml (the Lambda context's functionName). */
  name: string;
  method: string;
  pattern: RegExp | null;
  params: string[];
  routeKey: string;
  load: () => Promise<Handler>;
}

function compile(path: string): { pattern: RegExp; params: string[] } {
  const params: string[] = [];
  const source = path
    .split('/')
    .map((part) => {
      const param = part.match(/^\{(\w+)\+?\}$/);
      if (!param) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(param[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), params };
}

export function routesFromServerlessYml(): Route[] {
  const routes: Route[] = [];
  for (const fn of functionDefinitions()) {
    let cached: Promise<Handler> | undefined;
    const load = () => (cached ??= import(join(ROOT, fn.entry)).then((mod) => mod[fn.exportName] as Handler));
    for (const { method, path } of fn.routes) {
      const compiled = path === '*' ? { pattern: null, params: [] } : compile(path);
      routes.push({ name: fn.name, method, ...compiled, routeKey: path === '*' ? '$default' : `${method} ${path}`, load });
    }
  }
  // API Gateway matches the most specific route; the catch-all goes last.
  return routes.sort((a, b) => Number(a.pattern === null) - Number(b.pattern === null));
}

function match(routes: Route[], method: string, path: string): { route: Route; pathParameters: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.pattern === null) return { route, pathParameters: {} };
    if (route.method !== method && route.method !== 'ANY') continue;
    const found = path.match(route.pattern);
    if (found) {
      return { route, pathParameters: Object.fromEntries(route.params.map((name, i) => [name, decodeURIComponent(found[i + 1]!)])) };
    }
  }
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function toEvent(
  req: { method: string; url: string; headers: Record<string, string> },
  body: string,
  routeKey: string,
  pathParameters: Record<string, string>,
): APIGatewayProxyEventV2 {
  const url = new URL(req.url, 'http://localhost');
  const query = Object.fromEntries(url.searchParams);
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers: req.headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    ...(body ? { body } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: req.method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: req.headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
  } as APIGatewayProxyEventV2;
}

export interface HttpApi {
  url: string;
  stop(): Promise<void>;
}

export interface HttpApiOptions {
  /**
   * The functions' timeout: each invocation's context counts down from it, as Lambda's does, so a
   * handler that runs out of time answers 503 (functions/lib/http.ts). Without it, no deadline.
   */
  timeoutMs?: number;
  /** Load every handler before answering, so that no request pays a cold start. */
  warm?: boolean;
}

/** The Lambda context of one invocation. */
function contextFor(route: Route, requestId: string, timeoutMs: number | undefined) {
  const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
  return {
    awsRequestId: requestId,
    functionName: route.name,
    callbackWaitsForEmptyEventLoop: true,
    ...(deadline === undefined ? {} : { getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) }),
  };
}

export async function startHttpApi(port = 0, host = '127.0.0.1', options: HttpApiOptions = {}): Promise<HttpApi> {
  const routes = routesFromServerlessYml();
  if (options.warm) for (const route of routes) await route.load();
  const server: Server = createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const method = (req.method ?? 'GET').toUpperCase();
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const found = match(routes, method, path);
      if (!found) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
      const handler = await found.route.load();
      const event = toEvent({ method, url: req.url ?? '/', headers }, body, found.route.routeKey, found.pathParameters);
      const result = await handler(event, contextFor(found.route, event.requestContext.requestId, options.timeoutMs));
      res.writeHead(result.statusCode, result.headers ?? {}).end(result.body ?? '');
    } catch (error) {
      // API Gateway answers a crashed Lambda with a bare 500: so do we, so tests see it.
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"message":"Internal Server Error"}');
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((done) => server.listen(port, host, done));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
