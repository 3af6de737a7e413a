/**
 * Issue 15 §5, SCALE.md: a flash coupon with sharded stock. 2,000 distinct members claim a stock of
 * 1,000 split over 10 shards, all at once, over the API: exactly 1,000 win, 1,000 hear `sold_out`,
 * the shards' `remaining` sum to 0, `issuedCount` is 1,000 and nobody holds two. A claim answered
 * 503 (the transactions still conflicting after the server's own retries) is sent again with the
 * same Idempotency-Key, as the app does. The members are setup, not the subject: written in bulk as
 * their first login and consent would write them (test/support/bulk-members.ts — 2,000 logins
 * through the API, or even one by one in-process, take minutes); their tokens are the API's own.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { consentedMembers } from '../support/bulk-members';
import { useStack } from './fixtures';

const { client, staff } = useStack('hq');

const STOCK = 1_000;
const SHARDS = 10;
const MEMBERS = 2_000;

/** Runs every item with at most `width` in flight (a pool: the next starts as soon as one ends). */
async function pool<T, R>(items: T[], width: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await run(items[i]!);
      }
    }),
  );
  return out;
}

test('2,000 concurrent claims of a stock of 1,000 over 10 shards: exactly 1,000 issued, never oversold', async () => {
  const { db, table } = await import('../../functions/store/client');
  const { keys } = await import('../../functions/store/keys');

  const created = await client.post('/v1/admin/coupon-templates', {
    token: staff.hq,
    headers: { 'Idempotency-Key': randomUUID() },
    body: { name: '秒杀券', kind: 'amount_off', valueFen: 500, validity: { type: 'relative', days: 7 }, stock: STOCK, stockShards: SHARDS, obtainedBy: 'claim' },
  });
  expect(created.status).toBe(201);
  const templateId = created.body.id as string;
  expect(created.body).toMatchObject({ stock: STOCK, remaining: STOCK, issuedCount: 0 });

  const t0 = Date.now();
  const tokens = await consentedMembers(MEMBERS, `flash-${randomUUID().slice(0, 8)}`);
  const membersMs = Date.now() - t0;

  // Everyone at once — 200 connections in flight (one local HTTP server and one DynamoDB Local
  // refuse thousands of sockets at once); a 503 is asked again with the same key (the app's retry).
  const t1 = Date.now();
  const answers = await pool(tokens, 200, async ({ token }) => {
    {
      const key = randomUUID();
      for (let attempt = 0; ; attempt++) {
        const res = await client.post(`/v1/coupons/templates/${templateId}/claim`, { token, headers: { 'Idempotency-Key': key } });
        if (res.status !== 503 || attempt >= 5) return res;
        await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 800));
      }
    }
  });
  const claimsMs = Date.now() - t1;
  const byStatus = new Map<string, number>();
  for (const res of answers) {
    const label = res.status === 201 ? '201' : `${res.status} ${res.body?.code ?? res.body?.error?.code ?? JSON.stringify(res.body).slice(0, 60)}`;
    byStatus.set(label, (byStatus.get(label) ?? 0) + 1);
  }
  console.log(`flash: ${MEMBERS} members in ${membersMs} ms; ${MEMBERS} claims in ${claimsMs} ms:`, Object.fromEntries(byStatus));

  const won = answers.filter((res) => res.status === 201);
  const soldOut = answers.filter((res) => res.status === 409 && JSON.stringify(res.body).includes('sold_out'));
  expect(won).toHaveLength(STOCK);
  expect(soldOut).toHaveLength(MEMBERS - STOCK);

  // The shards: each never below 0, together 0 left and 1,000 issued.
  const shards = await Promise.all(
    Array.from(
      { length: SHARDS },
      async (_, n) => (await db().send(new GetCommand({ TableName: table(), Key: keys.templateStockShard(templateId, n), ConsistentRead: true }))).Item!,
    ),
  );
  for (const shard of shards) expect(Number(shard.remaining)).toBe(0);
  expect(shards.reduce((sum, s) => sum + Number(s.remaining), 0)).toBe(0);
  expect(shards.reduce((sum, s) => sum + Number(s.issuedCount), 0)).toBe(STOCK);

  // What HQ sees: the sums of the shards.
  const list = (await client.get('/v1/admin/coupon-templates', { token: staff.hq })).body.items as Array<{ id: string; remaining: number; issuedCount: number }>;
  expect(list.find((t) => t.id === templateId)).toMatchObject({ remaining: 0, issuedCount: STOCK });

  // Nobody holds two; every winner holds exactly the coupon they were answered.
  const winners = new Set(won.map((res) => res.body.id as string));
  expect(winners.size).toBe(STOCK);
  const held = await pool(tokens, 50, async ({ token }) => {
    const mine = (await client.get('/v1/me/coupons?status=available', { token })).body.items as Array<{ id: string; templateId: string }>;
    return mine.filter((c) => c.templateId === templateId);
  });
  expect(held.every((coupons) => coupons.length <= 1)).toBe(true);
  expect(
    held
      .flat()
      .map((c) => c.id)
      .sort(),
  ).toEqual([...winners].sort());
}, 180_000);
