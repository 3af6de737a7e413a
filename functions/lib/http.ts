import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { IDEMPOTENCY_HEADER, IdempotencyKey } from '../../shared/schemas/common';
import { AppError, RetryableError, ValidationError, type FieldIssue } from './errors';
import { asRetryable, transientCause } from './faults';
import { CORRELATION_ID, errorFields, logger } from './log';
import { countError, metrics } from './metrics';
import { tracer } from './tracer';

/** What every handler answers: API Gateway's structured result (never the bare-string form). */
export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json(statusCode: number, body: unknown): HttpResult {
  return { statusCode, headers: { ...JSON_HEADERS }, body: JSON.stringify(body) };
}
export const ok = (body: unknown) => json(200, body);

function issuesOf(error: z.core.$ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix,
    message: issue.message,
  }));
}

/** The parsed parts of a request; every accessor validates against a shared zod schema. */
export class HttpRequest {
  constructor(readonly event: APIGatewayProxyEventV2) {}

  header(name: string): string | undefined {
    const headers = this.event.headers ?? {};
    const wanted = name.toLowerCase();
    for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
    return undefined;
  }

  /** The JSON body; a missing or non-JSON body is a 400 naming `body`. */
  body<S extends z.ZodMiniType>(schema: S): z.output<S> {
    const raw = this.event.body;
    if (raw === undefined || raw === null || raw === '') {
      throw new ValidationError([{ field: 'body', message: 'A JSON body is required' }]);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw);
    } catch {
      throw new ValidationError([{ field: 'body', message: 'The body is not valid JSON' }]);
    }
    return this.validate(schema, parsed, '');
  }

  query<S extends z.ZodMiniType>(schema: S): z.output<S> {
    return this.validate(schema, this.event.queryStringParameters ?? {}, '');
  }

  path<S extends z.ZodMiniType>(schema: S): z.output<S> {
    return this.validate(schema, this.event.pathParameters ?? {}, '');
  }

  /** Writes that a retry could double carry an Idempotency-Key header (required). */
  idempotencyKey(): string {
    const result = IdempotencyKey.safeParse(this.header(IDEMPOTENCY_HEADER));
    if (!result.success) {
      throw new ValidationError([{ field: 'Idempotency-Key', message: 'Header required: 8-128 characters of letters, digits, _ . : -' }]);
    }
    return result.data;
  }

  bearerToken(): string | undefined {
    const value = this.header('authorization');
    const match = value?.match(/^Bearer\s+(.+)$/i);
    return match?.[1];
  }

  private validate<S extends z.ZodMiniType>(schema: S, value: unknown, prefix: string): z.output<S> {
    const result = schema.safeParse(value);
    if (!result.success) throw new ValidationError(issuesOf(result.error, prefix));
    return result.data;
  }
}

function errorResponse(error: unknown): HttpResult {
  if (error instanceof AppError) {
    countError(error.code, error.statusCode);
    const response = json(error.statusCode, {
      error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
    });
    // Retryable answers say when: a client retries with the same Idempotency-Key after this.
    if (error.statusCode === 503 || error.statusCode === 429) {
      const seconds = error instanceof RetryableError ? error.retryAfterSeconds : 1;
      response.headers = { ...response.headers, 'retry-after': String(seconds) };
    }
    return response;
  }
  // A failure that passes if retried answers 503 with Retry-After (README § Failing safely).
  const retryable = asRetryable(error);
  if (retryable) {
    logger.warn('transient failure', { cause: transientCause(error), error: String(error) });
    return errorResponse(retryable);
  }
  // Nothing internal reaches a client; the log keeps the detail.
  logger.error('unhandled', errorFields(error));
  countError('internal', 500);
  return json(500, { error: { code: 'internal', message: 'Internal error' } });
}

/** Wraps a route: the function gets a parsed request and returns a response; errors get the one shape. */
export function api(route: (req: HttpRequest) => Promise<HttpResult>) {
  // Powertools (README § Seeing it in production): JSON logs with the API's request id as
  // correlation id, one X-Ray segment per invocation (responses left out: they can hold personal
  // data), and the invocation's EMF metrics flushed at the end, errors included.
  // Answer (503) half a second before Lambda would kill the invocation, rather than not at all.
  return middy<APIGatewayProxyEventV2, HttpResult, Error, Context>({ timeoutEarlyInMillis: 500 })
    .handler(async (event) => route(new HttpRequest(event)))
    .use(injectLambdaContext(logger, { correlationIdPath: CORRELATION_ID.http, resetKeys: true }))
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use({
      onError: async (request) => {
        request.response = errorResponse(request.error);
      },
    });
}
