/**
 * Typed errors carrying an HTTP status and a message that is safe to show a client
 * (middy's model: `statusCode` + `expose`). The code comes from the API's one catalogue
 * (shared/contract/errors.ts), and so does the status: a code cannot be answered with two.
 * Anything else that escapes becomes a plain 500.
 */
import { ERROR_CODES, type ErrorCode } from '../../shared/contract/errors';

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly expose = true;
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldIssue[],
  ) {
    super(message);
    this.name = new.target.name;
    this.statusCode = ERROR_CODES[code];
  }
}

export class ValidationError extends AppError {
  constructor(details: FieldIssue[], message?: string) {
    const first = details[0];
    super('validation_error', message ?? (first ? `${first.field}: ${first.message}` : 'Invalid request'), details);
  }
}
export class UnauthorizedError extends AppError {
  constructor(code: ErrorCode = 'unauthorized', message = 'Sign in first') {
    super(code, message);
  }
}
export class ForbiddenError extends AppError {
  constructor(code: ErrorCode = 'forbidden', message = 'Not allowed') {
    super(code, message);
  }
}
export class NotFoundError extends AppError {
  constructor(code: ErrorCode = 'not_found', message = 'Not found') {
    super(code, message);
  }
}
/** Taken, already used, already reversed, or changed meanwhile. */
export class ConflictError extends AppError {
  constructor(code: ErrorCode, message: string) {
    super(code, message);
  }
}
/** A business rule says no: insufficient points, code expired, … */
export class BusinessRuleError extends AppError {
  constructor(code: ErrorCode, message: string, details?: FieldIssue[]) {
    super(code, message, details);
  }
}
/** Safe to retry with the same Idempotency-Key: contention did not settle in time, or a dependency is down. */
export class RetryableError extends AppError {
  /** Seconds a client should wait before retrying (the `Retry-After` header). */
  readonly retryAfterSeconds: number;
  constructor(code: ErrorCode = 'busy', message = 'The service is busy, please retry', retryAfterSeconds = 1) {
    super(code, message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
/** Too many of one thing from this caller (429 `rate_limited`): `Retry-After` says when the window reopens. */
export class RateLimitedError extends RetryableError {
  constructor(message: string, retryAfterSeconds: number) {
    super('rate_limited', message, Math.max(1, Math.ceil(retryAfterSeconds)));
  }
}
