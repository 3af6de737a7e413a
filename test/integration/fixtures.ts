/** Small steps the integration tests share: sign in as a demo account, scan, check out — typed calls of the route contract. */
import { randomUUID } from 'node:crypto';
import type { CheckoutRequest, LedgerEntry, LoginResponse, VisitResponse } from '../../shared/api';
import { routes } from '../../shared/contract/routes';
import { api, seed, startTestStack, type TestStack } from '../support/stack';

export type Client = ReturnType<typeof api>;

/**
 * Applies every checkout's counter adds still recorded on its bill (README § Dashboards, Checkouts
 * at once), as the applier does in a second or so after a checkout: call it before reading a
 * dashboard figure a checkout just moved.
 */
export async function settleCounters(): Promise<void> {
  const { settlePendingStats } = await import('../../functions/domain/pending-stats');
  await settlePendingStats();
}

/**
 * Signs in as the app does, agreeing to the privacy notice when it is shown (the app lets nobody
 * further without agreeing). The answer is the login's own, so a first login still says
 * `agreedVersion: null`. `agree: false` leaves the notice unanswered (the consent tests).
 */
export async function login(client: Client, openid: string, options: { agree?: boolean } = {}): Promise<LoginResponse> {
  const answer = await client.ok(routes.authWechat, { body: { code: `dev-${openid}` } });
  if (options.agree !== false && answer.privacy.agreedVersion !== answer.privacy.noticeVersion) {
    await client.ok(routes.meConsent, { token: answer.token, body: { version: answer.privacy.noticeVersion } });
  }
  return answer;
}

export async function tokenOf(client: Client, openid: string): Promise<string> {
  return (await login(client, openid)).token;
}

/** The member shows their code; the clerk types the digits. */
export async function scan(client: Client, memberToken: string, staffToken: string): Promise<VisitResponse> {
  const code = await client.ok(routes.meCode, { token: memberToken });
  return client.ok(routes.staffOpenVisit, { token: staffToken, body: { code: code.digits } });
}

export function checkout(client: Client, staffToken: string, visitId: string, bill: CheckoutRequest, key: string = randomUUID()) {
  return client.call(routes.staffCheckout, { token: staffToken, params: { visitId }, body: bill, idempotencyKey: key });
}

export function card(client: Client, token: string) {
  return client.ok(routes.meCard, { token });
}

export async function wholeLedger(client: Client, token: string): Promise<LedgerEntry[]> {
  const items: LedgerEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.ok(routes.meLedger, { token, query: { limit: 50, cursor } });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

let receiptSeq = 0;
export const receipt = (prefix = 'R') => `${prefix}-${Date.now().toString(36)}-${++receiptSeq}`;

/** The seeded demo chain's staff accounts the tests sign in as (store A is 静安寺, store B 徐家汇). */
export const DEMO_STAFF = {
  hq: 'demo-hq-admin',
  clerkA: 'demo-clerk-jingan',
  clerkB: 'demo-clerk-xuhui',
  managerA: 'demo-manager-jingan',
  managerB: 'demo-manager-xuhui',
} as const;

export type DemoStaff = keyof typeof DEMO_STAFF;

export interface StackContext<S extends DemoStaff> {
  /** The started stack; only inside hooks and tests. */
  readonly stack: TestStack;
  /** A client of the stack's API, usable from hooks and tests. */
  client: Client;
  /** Session tokens of the named demo staff, filled before the first test. */
  staff: Record<S, string>;
}

/**
 * Gives the test file its own stack: started, seeded with the demo chain and signed in as the named
 * demo staff before its tests (`beforeAll`), stopped after them (`afterAll`). The returned context
 * is filled in then, so read its fields inside hooks and tests.
 */
export function useStack<S extends DemoStaff>(...staffNames: S[]): StackContext<S> {
  let started: TestStack | undefined;
  const stack = (): TestStack => {
    if (!started) throw new Error('The test stack is not started yet: use it inside a hook or a test.');
    return started;
  };
  const client = api(stack);
  const staff = {} as Record<S, string>;
  beforeAll(async () => {
    started = await startTestStack();
    await seed(started);
    await Promise.all(
      staffNames.map(async (name) => {
        staff[name] = await tokenOf(client, DEMO_STAFF[name]);
      }),
    );
  });
  afterAll(() => started?.stop());
  return {
    get stack() {
      return stack();
    },
    client,
    staff,
  };
}

export type { TestStack };
