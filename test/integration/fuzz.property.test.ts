/**
 * Schema fuzz (issue 14 §3): every route of the contract gets generated path params, queries,
 * bodies, tokens and Idempotency-Keys over real HTTP — values drawn from the route's own zod
 * schemas (valid-ish) mixed with junk at any depth (wrong types, huge and unicode strings, negative
 * and fractional numbers, nulls, extra fields, bodies that are not JSON). Whatever arrives, the
 * answer is never a 5xx, a request without a valid token on a signed-in route is 401 (before any
 * field detail), and every other answer is held to the route's declaration by the test client
 * (status, response schema, the error shape with a code the route declares: test/support/contract-check.ts).
 * A failure prints the route, its seed and the request: see README § Test it.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type * as z from 'zod/mini';
import type { RouteSpec } from '../../shared/contract/define';
import { routes } from '../../shared/contract/routes';
import { ErrorBody } from '../../shared/schemas/common';
import { tokenOf, useStack } from './fixtures';

const { client, staff } = useStack('hq', 'managerA', 'clerkA');

const RUNS_PER_ROUTE = 15;

// ---- values from a zod schema, with junk mixed in -------------------------------------------------

/** Junk of every JSON kind, and then some: what a broken or hostile client sends. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -1e12, max: 1e12 }),
  fc.constantFrom(-1, 0, 0.5, -0.0001, 1e21, Number.MAX_SAFE_INTEGER + 2, 1e308),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '💥'.repeat(50),
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '../../etc/passwd',
    '%00',
    '2026-02-30',
    '24:00',
    'null',
    'undefined',
    '__proto__',
  ),
  fc.constant('長'.repeat(20_000)),
  fc.constant({}),
  fc.constant({ __proto__: { polluted: true } }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

type Def = { type: string; [key: string]: any };
const defOf = (schema: z.ZodMiniType): Def => (schema as any)._zod.def;
const checksOf = (schema: z.ZodMiniType): Def[] => (defOf(schema).checks ?? []).map((c: any) => c._zod.def);

/** The bounds a schema's checks set (a format schema such as z.int() is its own first check). */
function boundsOf(schema: z.ZodMiniType): { min?: number; max?: number; isInt: boolean } {
  const s = schema as any;
  const list: Def[] = [...(s._zod.traits.has('$ZodCheck') ? [s] : []), ...(defOf(schema).checks ?? [])].map((c: any) => c._zod.def);
  const bounds: { min?: number; max?: number; isInt: boolean } = { isInt: false };
  const atLeast = (v: number) => (bounds.min = Math.max(bounds.min ?? -Infinity, v));
  const atMost = (v: number) => (bounds.max = Math.min(bounds.max ?? Infinity, v));
  for (const c of list) {
    if (c.check === 'min_length') atLeast(c.minimum);
    if (c.check === 'max_length') atMost(c.maximum);
    if (c.check === 'greater_than') atLeast(c.value);
    if (c.check === 'less_than') atMost(c.value);
    if (c.check === 'multiple_of' && Number.isSafeInteger(c.value)) bounds.isInt = true;
    if (c.check === 'number_format' && c.format === 'safeint') {
      bounds.isInt = true;
      atLeast(Number.MIN_SAFE_INTEGER);
      atMost(Number.MAX_SAFE_INTEGER);
    }
  }
  return bounds;
}

function stringArb(schema: z.ZodMiniType): fc.Arbitrary<string> {
  const bounds = boundsOf(schema);
  const min: number = bounds.min ?? 0;
  const max: number = Math.min(bounds.max ?? 40, 200);
  const patterns: RegExp[] = [
    ...checksOf(schema)
      .filter((c) => c.pattern)
      .map((c) => c.pattern),
    ...(defOf(schema).pattern ? [defOf(schema).pattern] : []),
  ];
  const plain = fc.string({ minLength: Math.min(min, max), maxLength: max });
  if (patterns.length === 0) return plain;
  let matching: fc.Arbitrary<string>;
  try {
    matching = fc.stringMatching(patterns[0]!).map((v) => (v.length > max ? v.slice(0, max) : v));
  } catch {
    return plain;
  }
  return fc.oneof({ arbitrary: matching, weight: 4 }, { arbitrary: plain, weight: 1 });
}

function numberArb(schema: z.ZodMiniType): fc.Arbitrary<number> {
  const s = boundsOf(schema);
  const min = Math.max(s.min !== undefined && Number.isFinite(s.min) ? s.min : -1e9, -1e12);
  const max = Math.min(s.max !== undefined && Number.isFinite(s.max) ? s.max : 1e9, 1e12);
  const step: number | undefined = checksOf(schema).find((c) => c.check === 'multiple_of')?.value;
  if (s.isInt || step) {
    const base = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
    const onStep = step ? base.map((n) => Math.max(Math.ceil(min / step) * step, Math.min(Math.floor(max / step) * step, Math.round(n / step) * step))) : base;
    // The edges are where off-by-ones live.
    return fc.oneof(onStep, fc.constantFrom(Math.ceil(min), Math.floor(max)));
  }
  return fc.double({ min, max, noNaN: true });
}

/**
 * A value for the schema: mostly what it accepts (recursively, so a field deep inside can be wrong),
 * sometimes junk. `junkWeight` 0 gives only schema-shaped values.
 */
function arbOf(schema: z.ZodMiniType, junkWeight = 1, depth = 0): fc.Arbitrary<unknown> {
  const shaped = shapedArb(schema, junkWeight, depth);
  return junkWeight === 0 ? shaped : fc.oneof({ arbitrary: shaped, weight: 10 }, { arbitrary: junk, weight: junkWeight });
}

function shapedArb(schema: z.ZodMiniType, junkWeight: number, depth: number): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (s: z.ZodMiniType) => arbOf(s, junkWeight, depth + 1);
  if (depth > 6) return fc.constant(null);
  switch (def.type) {
    case 'string':
      return stringArb(schema);
    case 'number':
      return numberArb(schema);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string | number>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'optional':
      return fc.option(inner(def.innerType), { nil: undefined, freq: 3 });
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
      return fc.option(inner(def.innerType), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(inner(def.innerType), { nil: null, freq: 4 });
    case 'pipe':
      return shapedArb(def.in, junkWeight, depth);
    case 'union':
      return fc.oneof(...(def.options as z.ZodMiniType[]).map((o) => shapedArb(o, junkWeight, depth)));
    case 'array': {
      const min = checksOf(schema).find((c) => c.check === 'min_length')?.minimum ?? 0;
      const max = checksOf(schema).find((c) => c.check === 'max_length')?.maximum ?? 4;
      return fc.array(inner(def.element), { minLength: Math.min(min, 6), maxLength: Math.min(max, 6) });
    }
    case 'record':
      return fc.dictionary(stringArb(def.keyType), inner(def.valueType), { maxKeys: 3 });
    case 'object': {
      const fields = Object.fromEntries(Object.entries(def.shape as Record<string, z.ZodMiniType>).map(([key, s]) => [key, inner(s)]));
      const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), junk, { maxKeys: 2 });
      return fc.tuple(fc.record(fields), fc.option(extra, { nil: undefined, freq: 4 })).map(([known, more]) => (more ? { ...more, ...known } : known));
    }
    default:
      // transform, any, unknown, …: nothing to aim at.
      return junk;
  }
}

// ---- requests --------------------------------------------------------------------------------------

type Who = 'none' | 'garbage' | 'member' | 'hq' | 'managerA' | 'clerkA';

interface Request {
  who: Who;
  params: Record<string, unknown>;
  query: Record<string, unknown> | undefined;
  body: { json: unknown } | { raw: string } | undefined;
  key: string | undefined;
}

/** A path or query value as text, bounded (a URL over Node's 16 KB header limit is not the API's to answer). */
const asText = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? '')).slice(0, 300);

function requestArb(route: RouteSpec): fc.Arbitrary<Request> {
  const callers: Who[] =
    route.access === 'public'
      ? ['none', 'member', 'garbage']
      : route.access === 'member'
        ? ['member', 'member', 'hq', 'none', 'garbage']
        : ['hq', 'managerA', 'clerkA', 'member', 'none', 'garbage'];
  const paramsShape = route.params ? (defOf(route.params).shape as Record<string, z.ZodMiniType>) : {};
  return fc.record({
    who: fc.constantFrom(...callers),
    // Path params must be non-empty to reach the route at all.
    params: fc.record(Object.fromEntries(Object.keys(paramsShape).map((k) => [k, arbOf(paramsShape[k]!).map((v) => asText(v) || 'x')]))),
    query: route.query ? (arbOf(route.query) as fc.Arbitrary<Record<string, unknown> | undefined>) : fc.constant(undefined),
    body: route.body
      ? fc.oneof(
          { arbitrary: arbOf(route.body).map((json) => ({ json })), weight: 8 },
          { arbitrary: fc.constantFrom('{', 'not json', '', '[]', '"text"', '{"a":'.repeat(500), `{"x":"${'y'.repeat(200_000)}"}`).map((raw) => ({ raw })), weight: 1 },
        )
      : route.method === 'GET'
        ? fc.constant(undefined) // fetch sends no body with a GET
        : fc.option(
            junk.map((json) => ({ json })),
            { nil: undefined, freq: 3 },
          ),
    key: fc.oneof({ arbitrary: fc.uuid(), weight: 6 }, { arbitrary: fc.constantFrom(undefined, '', 'short', 'x'.repeat(200), 'bad key!'), weight: 1 }),
  });
}

const members = new Map<string, string>();
/** A fresh member per route, so one route's fuzz (a deletion asked, a phone bound) cannot colour another's. */
async function memberFor(name: string): Promise<string> {
  if (!members.has(name)) members.set(name, await tokenOf(client, `fuzz-${name}-${randomUUID()}`));
  return members.get(name)!;
}

async function send(name: string, route: RouteSpec, r: Request) {
  const token = r.who === 'none' ? undefined : r.who === 'garbage' ? 'not-a-token.at.all' : r.who === 'member' ? await memberFor(name) : staff[r.who];
  const path = route.path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(String(r.params[p])));
  const search = new URLSearchParams();
  if (r.query && typeof r.query === 'object' && !Array.isArray(r.query)) {
    for (const [k, v] of Object.entries(r.query)) if (v !== undefined) search.set(k, asText(v));
  } else if (r.query !== undefined) search.set('q', asText(r.query));
  const url = `${path}${search.size ? `?${search}` : ''}`;
  const headers: Record<string, string> = r.key !== undefined ? { 'Idempotency-Key': r.key } : {};
  const options = {
    token,
    headers,
    ...(r.body === undefined ? {} : 'json' in r.body ? { body: r.body.json } : { rawBody: r.body.raw, headers: { ...headers, 'content-type': 'application/json' } }),
  };
  // The client holds the answer to the route contract and throws a ContractViolation on drift.
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put';
  return { url, res: await client[method](url, options) };
}

// ---- the routes ----------------------------------------------------------------------------------

/**
 * Routes left out of the fuzz while a bug it found is open (none now). It found one: a date that
 * matched YYYY-MM-DD but was not on the calendar answered 500 on the dashboard (seed -69033262);
 * the dashboard's query refuses it now, which the test at the end keeps.
 */
const KNOWN_FAILURES = new Set<string>();

/** Local-stage helpers are not the API. */
const fuzzed = (Object.entries(routes) as Array<[string, RouteSpec]>).filter(([name, route]) => route.tag !== 'dev' && !KNOWN_FAILURES.has(name));

describe('every route of the contract, fuzzed over HTTP', () => {
  it('covers every route but the local-stage ones', () => {
    expect(fuzzed.length).toBeGreaterThan(50);
  });

  it.each(fuzzed)('%s never answers 5xx, and answers 401 without a valid token and the declared error shape otherwise', async (name, route) => {
    await fc.assert(
      fc.asyncProperty(requestArb(route), async (r) => {
        const { url, res } = await send(name, route, r);
        const where = `${route.method} ${url.slice(0, 200)} as ${r.who}`;
        if (res.status >= 500) throw new Error(`${where} answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        if (res.status >= 300) expect(ErrorBody.safeParse(res.body).success).toBe(true);
        if (route.access !== 'public' && (r.who === 'none' || r.who === 'garbage')) {
          if (res.status !== 401) throw new Error(`${where} answered ${res.status}, not 401, to a caller with no valid token`);
        }
      }),
      // Shrinking replays requests against a changed store; a failure names the request and the seed.
      { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
    );
  });

  it('refuses a dashboard date that is not on the calendar with a 400 naming date (found by this fuzz)', async () => {
    const res = await client.get('/v1/admin/dashboard?period=month&date=2249-86-02', { token: staff.managerA });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['date']);
  });
});
