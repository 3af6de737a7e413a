/**
 * The route contract (shared/contract) is the one description of the API: serverless.yml deploys
 * exactly its routes, each handler serves its own declaration, the generated reference is current,
 * and every error code has a Chinese text in the app.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorCodesOf, pathWith, type RouteSpec } from '../../shared/contract/define';
import { ERROR_CODES, type ErrorCode } from '../../shared/contract/errors';
import { NOT_FOUND_FUNCTION, routes } from '../../shared/contract/routes';
import { chineseMessageFor } from '../../miniapp/src/api/errors';
import { functionDefinitions, ROOT } from '../../infra/local/serverless-config';
import { DOCS, generatedDocs } from '../../infra/openapi/generate';

const declared = Object.entries(routes) as Array<[string, RouteSpec]>;
const httpFunctions = functionDefinitions().filter((fn) => fn.routes.length > 0 && fn.name !== NOT_FOUND_FUNCTION);

describe('the route contract', () => {
  it('and serverless.yml name the same set of routes, each under the same function name', () => {
    const fromYml = httpFunctions.flatMap((fn) => fn.routes.map((r) => `${fn.name} ${r.method} ${r.path}`)).sort();
    const fromContract = declared.map(([name, r]) => `${name} ${r.method} ${r.path}`).sort();
    expect(fromYml).toEqual(fromContract);
  });

  it('has every unknown route answered by the catch-all function', () => {
    const notFound = functionDefinitions().find((fn) => fn.name === NOT_FOUND_FUNCTION);
    expect(notFound?.routes).toEqual([{ method: '*', path: '*' }]);
  });

  it('serves each route from a handler that declares it (handle(<group>Routes.<name>, …))', () => {
    for (const fn of httpFunctions) {
      const source = readFileSync(join(ROOT, fn.entry), 'utf8');
      expect(`${fn.entry}: ${new RegExp(`handle(?:StaffAlongside)?\\(\\w+Routes\\.${fn.name},`).test(source)}`).toBe(`${fn.entry}: true`);
    }
  });

  it('declares path params exactly for the placeholders in each path', () => {
    for (const [name, route] of declared) {
      const placeholders = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const shape = route.params ? Object.keys((route.params as unknown as { shape: object }).shape).sort() : [];
      expect(`${name}: ${shape.join(',')}`).toBe(`${name}: ${placeholders.join(',')}`);
    }
  });

  it('gives every write that a retry could double an Idempotency-Key', () => {
    const moneyOrStock = [
      'staffCheckout',
      'staffReverse',
      'couponsClaim',
      'couponsExchange',
      'bookingsCreate',
      'bookingsCancel',
      'bookingsMove',
      'adminTemplatesCreate',
      'adminRulesCreate',
    ];
    for (const name of moneyOrStock) expect(`${name}: ${(routes[name as keyof typeof routes] as RouteSpec).idempotent}`).toBe(`${name}: true`);
    for (const [name, route] of declared) if (route.method === 'GET') expect(`${name}: ${route.idempotent ?? false}`).toBe(`${name}: false`);
  });

  it('lists only catalogued error codes, and implies auth and key errors from access', () => {
    for (const [, route] of declared) for (const code of errorCodesOf(route)) expect(ERROR_CODES[code]).toBeDefined();
    expect(errorCodesOf(routes.staffReverse)).toEqual(expect.arrayContaining(['not_staff', 'not_manager', 'idempotency_key_reused', 'unauthorized']));
    expect(errorCodesOf(routes.storesList)).not.toContain('unauthorized');
  });

  it('fills path params URI-encoded and refuses a missing one', () => {
    expect(pathWith(routes.staffCheckIn.path, { visitId: 'v 1', bookingId: 'b/2' })).toBe('/v1/staff/visits/v%201/bookings/b%2F2/check-in');
    expect(() => pathWith(routes.staffCheckIn.path, { visitId: 'v1' })).toThrow('bookingId');
  });
});

describe('the generated API reference', () => {
  it.each(Object.keys(generatedDocs()))('docs/%s is current (run npm run openapi)', (file) => {
    const committed = existsSync(join(DOCS, file)) ? readFileSync(join(DOCS, file), 'utf8') : '';
    expect(committed === generatedDocs()[file]).toBe(true);
  });

  it('is an OpenAPI 3.1 document with one operation per route', () => {
    const doc = JSON.parse(generatedDocs()['openapi.json']!);
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(operations.sort()).toEqual(declared.map(([name]) => name).sort());
  });
});

describe('error texts in the app', () => {
  it.each(Object.keys(ERROR_CODES) as ErrorCode[])('%s has a Chinese message', (code) => {
    const text = chineseMessageFor(ERROR_CODES[code], code, 'Some English text from the server');
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(text).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('shows a generic Chinese message for a code it does not know, never the server’s English', () => {
    expect(chineseMessageFor(418, 'teapot_mode', 'I am a teapot')).not.toMatch(/teapot/i);
    expect(chineseMessageFor(502, 'gateway', 'Bad gateway')).toMatch(/[\u4e00-\u9fff]/);
  });
});
