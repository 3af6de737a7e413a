/**
 * Typed errors carrying an HTTP status and a message that is safe to show a client
 * (middy's model: `statusCode` + `expose`). Anything else that escapes becomes a plain 500.
 */
export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly expose = true;
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: FieldIssue[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(details: FieldIssue[], message?: string) {
    const first = details[0];
    super(400, 'validation_error', message ?? (first ? `${first.field}: ${first.message}` : 'Invalid request'), details);
  }
}
export class UnauthorizedError extends AppError {
  constructor(code = 'unauthorized', message = 'Sign in first') {
    super(401, code, message);
  }
}
export class ForbiddenError extends AppError {
  constructor(code = 'forbidden', message = 'Not allowed') {
    super(403, code, message);
  }
}
export class NotFoundError extends AppError {
  constructor(code = 'not_found', message = 'Not found') {
    super(404, code, message);
  }
}
/** Taken, already used, already reversed, or a retry still in flight. */
export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}
/** A business rule says no: insufficient points, code expired, … */
export class BusinessRuleError extends AppError {
  constructor(code: string, message: string, details?: FieldIssue[]) {
    super(422, code, message, details);
  }
}
/** Safe to retry: contention did not settle in time. */
export class RetryableError extends AppError {
  constructor(code = 'busy', message = 'The service is busy, please retry') {
    super(503, code, message);
  }
}
