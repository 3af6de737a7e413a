/**
 * What the test clients hold every answer to: the route contract. A 2xx must be the route's
 * declared status and parse with its response schema; anything else must be the one error shape
 * with a code the route declares. Used by the integration client (stack.ts) and the browser
 * tests' API helper (test/e2e/api.ts).
 */
import { errorCodesOf, pathWith, type RouteSpec } from '../../shared/contract/define';
import { routes } from '../../shared/contract/routes';
import { ErrorBody } from '../../shared/schemas/common';

const declared = Object.entries(routes) as Array<[string, RouteSpec]>;
const patterns = declared.map(([name, route]) => ({
  name,
  route,
  pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}$`),
}));

/** The declared route a request went to, if any (the catch-all answers the rest). */
export function routeFor(method: string, url: string): { name: string; route: RouteSpec } | undefined {
  const path = new URL(url, 'http://localhost').pathname;
  return patterns.find((p) => p.route.method === method.toUpperCase() && p.pattern.test(path));
}

export class ContractViolation extends Error {}

/** Throws a ContractViolation when an answer is outside what its route declares. */
export function checkAnswer(method: string, url: string, status: number, body: unknown): void {
  const found = routeFor(method, url);
  const where = `${method} ${new URL(url, 'http://localhost').pathname}`;
  if (status >= 200 && status < 300) {
    if (!found) throw new ContractViolation(`${where} answered ${status} but no route declares it`);
    const expected = found.route.status ?? 200;
    if (status !== expected) throw new ContractViolation(`${where} answered ${status}; routes.${found.name} declares ${expected}`);
    const parsed = found.route.response.safeParse(body);
    if (!parsed.success) {
      throw new ContractViolation(
        `${where} answered outside routes.${found.name}.response: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    return;
  }
  const error = ErrorBody.safeParse(body);
  if (!error.success) throw new ContractViolation(`${where} answered ${status} without the error shape: ${JSON.stringify(body).slice(0, 200)}`);
  if (found && !errorCodesOf(found.route).includes(error.data.error.code as never)) {
    throw new ContractViolation(`${where} answered '${error.data.error.code}', which routes.${found.name} does not declare`);
  }
}

/** The URL of a route call: its path with params filled in, and the query. */
export function urlOf(route: RouteSpec, params?: Record<string, unknown>, query?: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null) search.set(key, String(value));
  const qs = search.toString();
  return `${pathWith(route.path, params)}${qs ? `?${qs}` : ''}`;
}
