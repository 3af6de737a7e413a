/**
 * A table that cannot be reached, or stalls, answers 503 with Retry-After — never 500 — and so does a
 * handler that runs out of time (README § Failing safely). No stack: the handlers point at a port
 * nobody listens on, or at a socket that accepts and never answers.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

type Handler = (event: APIGatewayProxyEventV2, context: unknown) => Promise<{ statusCode: number; headers?: Record<string, string>; body: string }>;

let stalled: Server;
const sockets: Socket[] = [];

beforeAll(async () => {
  // Accepts connections and never answers: DynamoDB paused (SIGSTOP) looks like this to a client.
  stalled = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((done) => stalled.listen(0, '127.0.0.1', done));
  process.env.TABLE_NAME = 'tongka-unreachable';
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((done) => stalled.close(() => done()));
});

function event(token: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'GET /v1/me/card',
    rawPath: '/v1/me/card',
    rawQueryString: '',
    headers: { authorization: `Bearer ${token}` },
    requestContext: {
      http: { method: 'GET', path: '/v1/me/card', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'r',
      routeKey: 'GET /v1/me/card',
      stage: '$default',
      time: '',
      timeEpoch: Date.now(),
      accountId: 'a',
      apiId: 'a',
      domainName: 'l',
      domainPrefix: 'l',
    },
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2;
}

/** The card handler, loaded fresh against `endpoint` (each load has its own DynamoDB client). */
async function cardHandlerAt(endpoint: string): Promise<{ handler: Handler; token: string }> {
  process.env.DYNAMODB_ENDPOINT = endpoint;
  let loaded!: { handler: Handler; token: string };
  await jest.isolateModulesAsync(async () => {
    const { handler } = (await import('../../functions/http/me-card')) as unknown as { handler: Handler };
    const { issueToken } = await import('../../functions/domain/sessions');
    loaded = { handler, token: (await issueToken({ memberId: 'mem_x', openid: 'o_x' })).token };
  });
  return loaded;
}

const lambdaContext = (remainingMs: number) => {
  const deadline = Date.now() + remainingMs;
  return { getRemainingTimeInMillis: () => deadline - Date.now(), callbackWaitsForEmptyEventLoop: false };
};

function expectUnavailable(res: { statusCode: number; headers?: Record<string, string>; body: string }): void {
  expect(res.statusCode).toBe(503);
  expect(JSON.parse(res.body).error.code).toBe('unavailable');
  expect(Number(res.headers?.['retry-after'])).toBeGreaterThanOrEqual(1);
}

it('answers 503 with Retry-After when DynamoDB refuses connections', async () => {
  const { handler, token } = await cardHandlerAt('http://127.0.0.1:1');
  expectUnavailable(await handler(event(token), lambdaContext(10_000)));
}, 30_000);

it('answers 503 with Retry-After when DynamoDB accepts and never answers (its calls time out)', async () => {
  const { port } = stalled.address() as AddressInfo;
  const { handler, token } = await cardHandlerAt(`http://127.0.0.1:${port}`);
  expectUnavailable(await handler(event(token), lambdaContext(30_000)));
}, 40_000);

it('answers 503 with Retry-After when the handler runs out of time, before Lambda would end it', async () => {
  const { port } = stalled.address() as AddressInfo;
  const { handler, token } = await cardHandlerAt(`http://127.0.0.1:${port}`);
  const started = Date.now();
  expectUnavailable(await handler(event(token), lambdaContext(1_500)));
  expect(Date.now() - started).toBeLessThan(1_500); // answered inside the invocation's time
}, 20_000);
