import { randomUUID } from 'node:crypto';
import { card, checkout, receipt, scan, tokenOf, useStack, wholeLedger } from './fixtures';

const { client, staff } = useStack('clerkA');
let member: string;
let visitId: string;

beforeAll(async () => {
  member = await tokenOf(client, `bad-input-${randomUUID()}`);
  visitId = (await scan(client, member, staff.clerkA)).visitId;
  expect((await checkout(client, staff.clerkA, visitId, { receiptNo: receipt(), amountFen: 10_000 })).status).toBe(200);
});

function expectErrorShape(res: { status: number; body: any }, status: number, field?: string) {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
  if (field) {
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(res.body.error.message).toContain(field);
  }
}

describe('bad input at the counter gets a 4xx naming the field, and changes nothing', () => {
  const cases: Array<[string, unknown, string]> = [
    ['a negative amount', { receiptNo: 'R-1', amountFen: -100 }, 'amountFen'],
    ['a zero amount', { receiptNo: 'R-1', amountFen: 0 }, 'amountFen'],
    ['a fractional amount', { receiptNo: 'R-1', amountFen: 88.5 }, 'amountFen'],
    ['a huge amount', { receiptNo: 'R-1', amountFen: 1e15 }, 'amountFen'],
    ['a non-numeric amount', { receiptNo: 'R-1', amountFen: '88' }, 'amountFen'],
    ['a missing amount', { receiptNo: 'R-1' }, 'amountFen'],
    ['a missing receipt number', { amountFen: 100 }, 'receiptNo'],
    ['an empty receipt number', { receiptNo: '   ', amountFen: 100 }, 'receiptNo'],
    ['an oversized receipt number', { receiptNo: 'R'.repeat(65), amountFen: 100 }, 'receiptNo'],
    ['a receipt number with odd characters', { receiptNo: 'R<script>', amountFen: 100 }, 'receiptNo'],
    ['negative points', { receiptNo: 'R-1', amountFen: 100, redeemPoints: -5 }, 'redeemPoints'],
    ['fractional points', { receiptNo: 'R-1', amountFen: 100, redeemPoints: 1.5 }, 'redeemPoints'],
    ['an array body', [1, 2], 'body'],
  ];

  it.each(cases)('refuses %s', async (_name, body, field) => {
    const before = await card(client, member);
    const res = await checkout(client, staff.clerkA, visitId, body as never);
    expectErrorShape(res, 400, field === 'body' ? undefined : field);
    expect(await card(client, member)).toEqual(before);
  });

  it('refuses a non-JSON body', async () => {
    const res = await client.post(`/v1/staff/visits/${visitId}/checkout`, {
      token: staff.clerkA,
      rawBody: '{"receiptNo": "R-1", amountFen: 1',
      headers: { 'Idempotency-Key': randomUUID(), 'content-type': 'application/json' },
    });
    expectErrorShape(res, 400, 'body');
  });

  it('refuses a checkout without an Idempotency-Key', async () => {
    const res = await client.post(`/v1/staff/visits/${visitId}/checkout`, { token: staff.clerkA, body: { receiptNo: receipt(), amountFen: 100 } });
    expectErrorShape(res, 400, 'Idempotency-Key');
  });

  it('answers an unknown visit with 404', async () => {
    const res = await checkout(client, staff.clerkA, 'vis_nope', { receiptNo: receipt(), amountFen: 100 });
    expectErrorShape(res, 404);
  });

  it('leaves the ledger exactly as it was', async () => {
    const ledger = await wholeLedger(client, member);
    expect(ledger).toHaveLength(1);
    expect((await card(client, member)).points).toBe(100);
  });
});

describe('bad input elsewhere', () => {
  it('answers unknown routes with 404 in the error shape', async () => {
    expectErrorShape(await client.get('/v1/nope'), 404);
    expectErrorShape(await client.post('/v2/me/card', { body: {} }), 404);
  });

  it('refuses a login without a code, and a code WeChat rejects (40029 → 401)', async () => {
    expectErrorShape(await client.post('/v1/auth/wechat', { body: {} }), 400, 'code');
    expectErrorShape(await client.post('/v1/auth/wechat', { body: { code: 'x'.repeat(500) } }), 400, 'code');
    const rejected = await client.post('/v1/auth/wechat', { body: { code: 'not-a-real-code' } });
    expectErrorShape(rejected, 401);
    expect(rejected.body.error.code).toBe('invalid_wechat_code');
  });

  it('refuses a scan without a code or with an oversized one', async () => {
    expectErrorShape(await client.post('/v1/staff/visits', { token: staff.clerkA, body: {} }), 400, 'code');
    expectErrorShape(await client.post('/v1/staff/visits', { token: staff.clerkA, body: { code: '1'.repeat(300) } }), 400, 'code');
  });

  it('refuses a bad ledger page size or cursor', async () => {
    expectErrorShape(await client.get('/v1/me/ledger?limit=0', { token: member }), 400, 'limit');
    expectErrorShape(await client.get('/v1/me/ledger?limit=abc', { token: member }), 400, 'limit');
    expectErrorShape(await client.get('/v1/me/ledger?cursor=%%%', { token: member }), 400, 'cursor');
  });
});
