/** Small steps the integration tests share: sign in as a demo account, scan, check out — typed calls of the route contract. */
import { randomUUID } from 'node:crypto';
import type { CheckoutRequest, LedgerEntry, LoginResponse, VisitResponse } from '../../shared/api';
import { routes } from '../../shared/contract/routes';
import { api, type TestStack } from '../support/stack';

export type Client = ReturnType<typeof api>;

export function login(client: Client, openid: string): Promise<LoginResponse> {
  return client.ok(routes.authWechat, { body: { code: `dev-${openid}` } });
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

export type { TestStack };
