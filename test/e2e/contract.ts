/**
 * The browser tests hold the API to its route contract too. `test` (use it instead of
 * @playwright/test's) watches every /v1 answer any page of the test receives and fails the test
 * when one is outside its route's declaration; `apiCall` is the typed, checked way for a spec to
 * call the API directly (setup steps, fake-clock moves).
 */
import { test as base, expect, type APIRequestContext, type BrowserContext } from '@playwright/test';
import type { BodyOf, ParamsOf, QueryOf, ResponseOf, RouteSpec } from '../../shared/contract/define';
import { checkAnswer, urlOf } from '../support/contract-check';

function watch(context: BrowserContext, violations: string[], pending: Set<Promise<void>>): void {
  context.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/v1/')) return;
    const check = (async () => {
      // A page that navigated away before the body was read leaves nothing to check.
      const text = await response.text().catch(() => undefined);
      if (text === undefined) return;
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: checkAnswer says so
      }
      try {
        checkAnswer(response.request().method(), url.pathname + url.search, response.status(), body);
      } catch (error) {
        violations.push((error as Error).message);
      }
    })();
    pending.add(check);
    void check.finally(() => pending.delete(check));
  });
}

export const test = base.extend<{ contractCheck: void }>({
  contractCheck: [
    async ({ browser, context }, use) => {
      const violations: string[] = [];
      const pending = new Set<Promise<void>>();
      watch(context, violations, pending);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const created = await newContext(options);
        watch(created, violations, pending);
        return created;
      };
      await use();
      browser.newContext = newContext;
      await Promise.all([...pending]);
      expect(violations, 'API answers outside the route contract (shared/contract/routes.ts)').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export interface ApiCall<R extends RouteSpec> {
  params?: ParamsOf<R>;
  query?: QueryOf<R>;
  body?: BodyOf<R>;
  token?: string;
  idempotencyKey?: string;
}

/** Calls a declared route through Playwright's request context; the typed answer, checked. */
export async function apiCall<R extends RouteSpec>(request: APIRequestContext, route: R, input: ApiCall<R> = {}): Promise<ResponseOf<R>> {
  const path = urlOf(route, input.params as Record<string, unknown>, input.query as Record<string, unknown>);
  const headers: Record<string, string> = {};
  if (input.token) headers.authorization = `Bearer ${input.token}`;
  if (input.idempotencyKey) headers['idempotency-key'] = input.idempotencyKey;
  const res = await request.fetch(path, { method: route.method, headers, ...(input.body !== undefined ? { data: input.body } : {}) });
  const body: unknown = await res.json().catch(() => null);
  checkAnswer(route.method, path, res.status(), body);
  if (!res.ok()) throw new Error(`${route.method} ${path}: ${res.status()} ${JSON.stringify(body)}`);
  return body as ResponseOf<R>;
}
