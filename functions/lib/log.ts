/**
 * The one logger (README § Seeing it in production): Powertools Logger, one JSON object per line,
 * with the Lambda context (function, cold start, request id) and the request id as correlation id
 * — added by `injectLambdaContext` in `api()` and `scheduled()`.
 *
 * Personal data never reaches a log line: call sites pass ids through `hashId`, and as a second
 * line of defence the JSON replacer below hashes any `memberId`/`staffId` field and drops phone,
 * name, birthday and WeChat identity fields wherever they appear (test/integration/logs.test.ts
 * scans an integration run's logs for them).
 */
import { Logger, type LogItem } from '@aws-lambda-powertools/logger';
import { createHash } from 'node:crypto';

/**
 * A member or staff id as it appears in logs: `h:` + the first 16 hex digits of sha256("tongka-log:" + id).
 * Deterministic, so lines about one member correlate across functions and days, and an operator
 * who holds an id can compute its hash to search for it. Ids are random (functions/domain/ids.ts),
 * so the hash cannot be turned back into one. Never hash a phone number for logging: the space of
 * numbers is small enough to enumerate — phones are not logged at all.
 */
export function hashId(id: string | undefined | null): string | undefined {
  if (id === undefined || id === null || id === '') return undefined;
  if (HASHED_FORM.test(id)) return id;
  return `h:${createHash('sha256').update(`tongka-log:${id}`).digest('hex').slice(0, 16)}`;
}
const HASHED_FORM = /^h:[0-9a-f]{16}$/;

/** A table key as it appears in logs: its kind kept, its id hashed (`MEMBER#m_…` → `MEMBER#h:…`). */
export function hashKey(key: string | undefined): string | undefined {
  if (!key) return key;
  const at = key.indexOf('#');
  return at < 0 ? hashId(key) : `${key.slice(0, at)}#${hashId(key.slice(at + 1))}`;
}

/** Fields that never appear in a log line, whatever a caller passes. */
const NEVER_LOGGED = new Set([
  'phone',
  'phoneNumber',
  'purePhoneNumber',
  'mobile',
  'nickname',
  'name',
  'realName',
  'birthday',
  'birthDate',
  'birthYear',
  'openid',
  'unionid',
  'sessionKey',
  'session_key',
]);
/** Fields that hold a member's or staff member's id: logged hashed. */
const HASHED = new Set(['memberId', 'staffId', 'member_id', 'staff_id']);

function replacer(key: string, value: unknown): unknown {
  if (NEVER_LOGGED.has(key)) return undefined;
  if (HASHED.has(key) && typeof value === 'string') return hashId(value);
  return value;
}

/** `a.b.c` on an object: the correlation id's path, without pulling in a JMESPath engine. */
function byPath(expression: string, data: unknown): unknown {
  return expression.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), data);
}

/**
 * In Lambda the lines go straight to stdout/stderr (Powertools' own Console: no runtime prefix).
 * On the local stage — serverless-offline and jest, all functions in one process — they go through
 * the global console instead, one compact line each, so a test can capture them as it captures
 * any console output (POWERTOOLS_DEV would do that too, but pretty-prints over many lines).
 */
class TongkaLogger extends Logger {
  protected override printLog(logLevel: number, log: LogItem): void {
    if ((process.env.STAGE ?? 'dev') !== 'local') return super.printLog(logLevel, log);
    log.prepareForPrint();
    const line = JSON.stringify(log.getAttributes(), this.getJsonReplacer());
    if (logLevel >= 20) console.error(line);
    else if (logLevel >= 16) console.warn(line);
    else if (logLevel >= 12) console.info(line);
    else console.debug(line);
  }
}

export const logger = new TongkaLogger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'tongka',
  persistentKeys: { stage: process.env.STAGE ?? 'dev' },
  jsonReplacerFn: replacer,
  correlationIdSearchFn: byPath,
});

/** Where the correlation id sits: HTTP API events carry the API's request id; EventBridge events their id. */
export const CORRELATION_ID = { http: 'requestContext.requestId', scheduled: 'id' } as const;

/** An error as log fields: the message and stack, never the object (an SDK error may hold a request). */
export function errorFields(error: unknown): { error: string; stack?: string } {
  return { error: String(error), ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) };
}
