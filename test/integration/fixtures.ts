/** Small steps the integration tests share: sign in as a demo account, scan, check out. */
import { randomUUID } from 'node:crypto';
import type { CheckoutRequest, LoginResponse, VisitResponse } from '../../shared/api';
import { api, type TestStack } from '../support/stack';

export type Client = ReturnType<typeof api>;

export async function login(client: Client, openid: string): Promise<LoginResponse> {
  const res = await client.post('/v1/auth/wechat', { body: { code: `dev-${openid}` } });
  if (res.status !== 200) throw new Error(`login ${openid}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as LoginResponse;
}

export async function tokenOf(client: Client, openid: string): Promise<string> {
  return (await login(client, openid)).token;
}

/** The member shows their code; the clerk types the digits. */
export async function scan(client: Client, memberToken: string, staffToken: string): Promise<VisitResponse> {
  const code = await client.get('/v1/me/code', { token: memberToken });
  const res = await client.post('/v1/staff/visits', { token: staffToken, body: { code: code.body.digits } });
  if (res.status !== 201) throw new Error(`scan: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as VisitResponse;
}

export function checkout(
  client: Client,
  staffToken: string,
  visitId: string,
  bill: CheckoutRequest,
  key: string = randomUUID(),
) {
  return client.post(`/v1/staff/visits/${visitId}/checkout`, {
    token: staffToken,
    body: bill,
    headers: { 'Idempotency-Key': key },
  });
}

export async function card(client: Client, token: string) {
  const res = await client.get('/v1/me/card', { token });
  if (res.status !== 200) throw new Error(`card: ${res.status}`);
  return res.body as { points: number; tier: string; spend365Fen: number; memberNo: string };
}

export async function wholeLedger(client: Client, token: string) {
  const items: Array<{ delta: number; balanceAfter: number; reason: string; storeId: string; receiptNo: string | null }> = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=50&cursor=${encodeURIComponent(cursor)}` : '?limit=50';
    const res = await client.get(`/v1/me/ledger${query}`, { token });
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

let receiptSeq = 0;
export const receipt = (prefix = 'R') => `${prefix}-${Date.now().toString(36)}-${++receiptSeq}`;

export type { TestStack };
