import { randomUUID } from 'node:crypto';
import { shanghaiDate } from '../../shared/dates';
import { card, checkout, receipt, scan, tokenOf, useStack, wholeLedger } from './fixtures';

const { client, staff } = useStack('clerkA', 'clerkB', 'managerA', 'managerB');

/** A brand-new WeChat user, so each test starts from an empty card. */
async function newMember(): Promise<string> {
  return tokenOf(client, `it-${randomUUID()}`);
}

/** Gives a fresh member points by a purchase at store A (regular tier: 1 point per yuan). */
async function memberWithPoints(points: number): Promise<string> {
  const token = await newMember();
  const visit = await scan(client, token, staff.clerkA);
  const res = await checkout(client, staff.clerkA, visit.visitId, { receiptNo: receipt('SEED'), amountFen: points * 100 });
  expect(res.status).toBe(200);
  return token;
}

describe('one card, points at any store', () => {
  it('earns at store A and shows the new balance to the member and to store B on the very next read', async () => {
    const member = await newMember();
    const visitA = await scan(client, member, staff.clerkA);
    expect(visitA.member).toEqual({ memberNo: expect.any(String), nickname: expect.any(String), maskedPhone: null, tier: 'regular', points: 0, segment: 'new', tags: [] });

    const receiptNo = receipt();
    const res = await checkout(client, staff.clerkA, visitA.visitId, { receiptNo, amountFen: 8_800 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      checkoutId: expect.any(String),
      receiptNo,
      amountFen: 8_800,
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+08:00$/),
      couponDiscountFen: 0,
      couponsUsed: [],
      pointsSpent: 0,
      discountFen: 0,
      payableFen: 8_800,
      pointsEarned: 88,
      balance: 88,
      issuedCoupons: [],
    });

    expect((await card(client, member)).points).toBe(88);
    const visitB = await scan(client, member, staff.clerkB);
    expect(visitB.member.points).toBe(88);

    // Spend 50 of them at store B: ¥0.50 off a ¥20 bill, then earn on the ¥19.50 paid.
    const spent = await checkout(client, staff.clerkB, visitB.visitId, { receiptNo: receipt(), amountFen: 2_000, redeemPoints: 50 });
    expect(spent.body).toMatchObject({ pointsSpent: 50, discountFen: 50, payableFen: 1_950, pointsEarned: 19, balance: 57 });

    const ledger = await wholeLedger(client, member);
    expect(ledger.map((e) => [e.reason, e.delta, e.balanceAfter, e.storeId])).toEqual([
      ['earn', 19, 57, 'xuhui'],
      ['spend', -50, 38, 'xuhui'],
      ['earn', 88, 88, 'jingan'],
    ]);
    expect(await card(client, member)).toMatchObject({ points: 57, spend365Fen: 8_800 + 1_950 });
  });

  it('pages the ledger newest first with a cursor', async () => {
    const member = await newMember();
    const visit = await scan(client, member, staff.clerkA);
    for (let i = 1; i <= 5; i++) {
      await checkout(client, staff.clerkA, visit.visitId, { receiptNo: receipt(), amountFen: i * 100 });
    }
    const first = await client.get('/v1/me/ledger?limit=2', { token: member });
    expect(first.body.items.map((e: { delta: number }) => e.delta)).toEqual([5, 4]);
    const second = await client.get(`/v1/me/ledger?limit=2&cursor=${first.body.nextCursor}`, { token: member });
    expect(second.body.items.map((e: { delta: number }) => e.delta)).toEqual([3, 2]);
    expect(first.body.items[0].storeName).toBe('沪上茶点·静安寺店');
    expect(first.body.items[0].at).toMatch(/\+08:00$/);
  });
});

describe('retries never apply twice', () => {
  it('applies the same Idempotency-Key sent 50 times at once exactly once, with identical responses', async () => {
    const member = await newMember();
    const visit = await scan(client, member, staff.clerkA);
    const key = randomUUID();
    const bill = { receiptNo: receipt(), amountFen: 12_345 };
    const responses = await Promise.all(Array.from({ length: 50 }, () => checkout(client, staff.clerkA, visit.visitId, bill, key)));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([200]));
    expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect((await card(client, member)).points).toBe(123);
    expect(await wholeLedger(client, member)).toHaveLength(1);
  });

  it('refuses the same key with a different body (422) and changes nothing', async () => {
    const member = await newMember();
    const visit = await scan(client, member, staff.clerkA);
    const key = randomUUID();
    const receiptNo = receipt();
    expect((await checkout(client, staff.clerkA, visit.visitId, { receiptNo, amountFen: 1_000 }, key)).status).toBe(200);
    const again = await checkout(client, staff.clerkA, visit.visitId, { receiptNo, amountFen: 9_000 }, key);
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('idempotency_key_reused');
    expect((await card(client, member)).points).toBe(10);
  });

  it('never earns twice on the same receipt at the same store, whatever the key (409)', async () => {
    const member = await newMember();
    const visit = await scan(client, member, staff.clerkA);
    const receiptNo = receipt();
    expect((await checkout(client, staff.clerkA, visit.visitId, { receiptNo, amountFen: 5_000 })).status).toBe(200);
    const again = await checkout(client, staff.clerkA, visit.visitId, { receiptNo, amountFen: 5_000 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('receipt_used');
    expect((await card(client, member)).points).toBe(50);
  });

  it('treats the same receipt number at another store as another bill', async () => {
    const member = await newMember();
    const receiptNo = receipt();
    const atA = await scan(client, member, staff.clerkA);
    const atB = await scan(client, member, staff.clerkB);
    expect((await checkout(client, staff.clerkA, atA.visitId, { receiptNo, amountFen: 1_000 })).status).toBe(200);
    expect((await checkout(client, staff.clerkB, atB.visitId, { receiptNo, amountFen: 1_000 })).status).toBe(200);
    expect((await card(client, member)).points).toBe(20);
  });

  it('lets only one of many concurrent checkouts of one receipt through', async () => {
    const member = await newMember();
    const visit = await scan(client, member, staff.clerkA);
    const receiptNo = receipt();
    const responses = await Promise.all(Array.from({ length: 10 }, () => checkout(client, staff.clerkA, visit.visitId, { receiptNo, amountFen: 3_000 })));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(9);
    expect((await card(client, member)).points).toBe(30);
  });
});

describe('the balance never goes negative', () => {
  it('keeps the balance ≥ 0 and equal to the ledger sum under 20 concurrent over-spends', async () => {
    const member = await memberWithPoints(1_000);
    const visit = await scan(client, member, staff.clerkA);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => checkout(client, staff.clerkA, visit.visitId, { receiptNo: receipt('OVER'), amountFen: 500, redeemPoints: 300 })),
    );
    const succeeded = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status === 422);
    expect(succeeded.length + refused.length).toBe(20);
    expect(refused.every((r) => r.body.error.code === 'insufficient_points')).toBe(true);
    // 1000 → 702 → 404 → 106: three spends of 300 fit (each earns 2 on the ¥2 paid).
    expect(succeeded).toHaveLength(3);

    const { points } = await card(client, member);
    const ledger = await wholeLedger(client, member);
    expect(points).toBeGreaterThanOrEqual(0);
    expect(points).toBe(ledger.reduce((sum, e) => sum + e.delta, 0));
    expect(points).toBe(106);
    expect(ledger.every((e) => e.balanceAfter >= 0)).toBe(true);
  });

  it('refuses to spend more points than the member has (422 naming redeemPoints)', async () => {
    const member = await memberWithPoints(10);
    const visit = await scan(client, member, staff.clerkA);
    const res = await checkout(client, staff.clerkA, visit.visitId, { receiptNo: receipt(), amountFen: 5_000, redeemPoints: 11 });
    expect(res.status).toBe(422);
    expect(res.body.error.details?.[0]?.field).toBe('redeemPoints');
    expect((await card(client, member)).points).toBe(10);
  });
});

describe('who may do what', () => {
  it('refuses a forged member code and an expired one', async () => {
    const member = await newMember();
    const { digits, qr } = (await client.get('/v1/me/code', { token: member })).body;
    const forged = `${digits.slice(0, 8)}${((Number(digits.slice(8)) + 1) % 1e8).toString().padStart(8, '0')}`;
    const forgedRes = await client.post('/v1/staff/visits', { token: staff.clerkA, body: { code: forged } });
    expect(forgedRes.status).toBe(422);
    expect(forgedRes.body.error.code).toBe('member_code_invalid');
    const tamperedQr = await client.post('/v1/staff/visits', { token: staff.clerkA, body: { code: qr.slice(0, -2) + 'AA' } });
    expect(tamperedQr.status).toBe(422);

    // A screenshot of a code from three minutes ago (signed with the server's own secret).
    const { issueMemberCode } = await import('../../functions/domain/member-code');
    const old = issueMemberCode((await card(client, member)).memberNo, Date.now() - 3 * 60_000);
    for (const code of [old.qr, old.digits]) {
      const res = await client.post('/v1/staff/visits', { token: staff.clerkA, body: { code } });
      expect(res.status).toBe(422);
    }
  });

  it('keeps members off staff routes', async () => {
    const member = await newMember();
    const { digits } = (await client.get('/v1/me/code', { token: member })).body;
    const res = await client.post('/v1/staff/visits', { token: member, body: { code: digits } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('not_staff');
    expect((await client.post('/v1/staff/visits', { body: { code: digits } })).status).toBe(401);
    expect((await client.get('/v1/me/card', { token: `${member}x` })).status).toBe(401);
  });

  it('does not let a clerk of store B act on a visit opened at store A', async () => {
    const member = await newMember();
    const visit = await scan(client, member, staff.clerkA);
    const res = await checkout(client, staff.clerkB, visit.visitId, { receiptNo: receipt(), amountFen: 1_000 });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('other_store_visit');
    expect((await card(client, member)).points).toBe(0);
  });

  it('shows a member only their own ledger, whatever cursor they send', async () => {
    const alice = await memberWithPoints(77);
    const bob = await newMember();
    expect(await wholeLedger(client, bob)).toEqual([]);
    const aliceLedger = await client.get('/v1/me/ledger', { token: alice });
    expect(aliceLedger.body.items).toHaveLength(1);
    // A cursor is only a position; it cannot point into someone else's partition.
    const crafted = Buffer.from('LEDGER#9999', 'utf8').toString('base64url');
    const res = await client.get(`/v1/me/ledger?cursor=${crafted}`, { token: bob });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    const foreign = Buffer.from(`MEMBER#x`, 'utf8').toString('base64url');
    expect((await client.get(`/v1/me/ledger?cursor=${foreign}`, { token: bob })).status).toBe(400);
  });
});

describe('reversing a checkout', () => {
  it('lets the manager of that store reverse both sides once, as new ledger entries', async () => {
    const member = await memberWithPoints(500);
    const visit = await scan(client, member, staff.clerkA);
    const bill = await checkout(client, staff.clerkA, visit.visitId, { receiptNo: receipt(), amountFen: 10_000, redeemPoints: 200 });
    expect(bill.body).toMatchObject({ pointsSpent: 200, pointsEarned: 98, balance: 398 });
    const path = `/v1/staff/checkouts/${bill.body.checkoutId}/reverse`;

    expect((await client.post(path, { token: staff.clerkA, headers: { 'Idempotency-Key': randomUUID() } })).status).toBe(403);
    expect((await client.post(path, { token: staff.managerB, headers: { 'Idempotency-Key': randomUUID() } })).status).toBe(403);

    const key = randomUUID();
    const reversed = await client.post(path, { token: staff.managerA, headers: { 'Idempotency-Key': key } });
    expect(reversed.status).toBe(200);
    expect(reversed.body).toEqual({ checkoutId: bill.body.checkoutId, pointsRestored: 200, pointsClawedBack: 98, balance: 500, couponsRestored: [], couponsWithdrawn: [] });
    expect((await client.post(path, { token: staff.managerA, headers: { 'Idempotency-Key': key } })).body).toEqual(reversed.body);
    const twice = await client.post(path, { token: staff.managerA, headers: { 'Idempotency-Key': randomUUID() } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('already_reversed');

    const ledger = await wholeLedger(client, member);
    expect(ledger.slice(0, 2).map((e) => [e.reason, e.delta])).toEqual([
      ['reverse_earn', -98],
      ['reverse_spend', 200],
    ]);
    expect(await card(client, member)).toMatchObject({ points: 500, spend365Fen: 50_000 });
  });
});

describe('a store’s bills of the day, where its manager finds the one to refund', () => {
  it('lists each bill once, newest first, with who rang it up and its reversal; only to that store’s manager or HQ', async () => {
    const member = await memberWithPoints(300);
    const first = await scan(client, member, staff.clerkA);
    const older = await checkout(client, staff.clerkA, first.visitId, { receiptNo: receipt('LIST'), amountFen: 4_200 });
    const newer = await checkout(client, staff.clerkA, (await scan(client, member, staff.clerkA)).visitId, {
      receiptNo: receipt('LIST'),
      amountFen: 6_800,
      redeemPoints: 100,
    });
    const date = shanghaiDate();
    const list = async (token: string, query = `date=${date}`) => client.get(`/v1/staff/checkouts?${query}`, { token });

    // Lists are read from an index (eventually consistent): wait for the new bills to show.
    const deadline = Date.now() + 5_000;
    let items: Array<{ checkoutId: string; receiptNo: string }> = [];
    while (Date.now() < deadline) {
      items = (await list(staff.managerA)).body.items;
      if (items.some((b) => b.checkoutId === newer.body.checkoutId)) break;
    }
    const ours = items.filter((b) => b.checkoutId === older.body.checkoutId || b.checkoutId === newer.body.checkoutId);
    expect(ours.map((b) => b.checkoutId)).toEqual([newer.body.checkoutId, older.body.checkoutId]);
    expect(ours[0]).toEqual({
      checkoutId: newer.body.checkoutId,
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+08:00$/),
      receiptNo: expect.stringMatching(/^LIST-/),
      staffName: '赵敏（静安寺店员）',
      amountFen: 6_800,
      couponDiscountFen: 0,
      pointsSpent: 100,
      payableFen: 6_700,
      pointsEarned: 67,
      couponsUsed: [],
      couponsIssued: [],
      reversal: null,
    });
    // Nothing about the member in a list.
    expect(JSON.stringify(ours)).not.toMatch(/nickname|phone|memberId/);

    expect((await client.post(`/v1/staff/checkouts/${older.body.checkoutId}/reverse`, { token: staff.managerA, headers: { 'Idempotency-Key': randomUUID() } })).status).toBe(
      200,
    );
    const afterDeadline = Date.now() + 5_000;
    let reversed: { reversal: { staffName: string } | null } | undefined;
    while (Date.now() < afterDeadline) {
      reversed = (await list(staff.managerA)).body.items.find((b: { checkoutId: string }) => b.checkoutId === older.body.checkoutId);
      if (reversed?.reversal) break;
    }
    expect(reversed?.reversal).toEqual({ at: expect.any(String), staffName: '孙立（静安寺店长）' });
    expect((await list(staff.managerA)).body.items.filter((b: { checkoutId: string }) => b.checkoutId === older.body.checkoutId)).toHaveLength(1);

    // HQ names the store; another store's manager, a clerk and bad input are refused.
    const hq = await tokenOf(client, 'demo-hq-admin');
    expect((await list(hq, `date=${date}&storeId=jingan`)).body.items.map((b: { checkoutId: string }) => b.checkoutId)).toContain(newer.body.checkoutId);
    expect((await list(hq)).status).toBe(403);
    expect((await list(staff.managerB, `date=${date}&storeId=jingan`)).status).toBe(403);
    expect((await list(staff.clerkA)).status).toBe(403);
    const bad = await list(staff.managerA, 'date=today');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toContain('date');
  });
});

describe('a table that keeps throttling a read', () => {
  it('answers 503 with Retry-After and changes nothing, rather than treating the coupons it could not read as not the member’s', async () => {
    const member = await memberWithPoints(100);
    const visit = await scan(client, member, staff.clerkA);
    const { db } = await import('../../functions/store/client');
    const dynamodb = db();
    const send = dynamodb.send.bind(dynamodb);
    // DynamoDB under throttling answers a BatchGet with its keys back as UnprocessedKeys.
    const throttled = jest
      .spyOn(dynamodb, 'send')
      .mockImplementation(((command: { constructor: { name: string }; input: { RequestItems?: Record<string, unknown> } }) =>
        command.constructor.name === 'BatchGetCommand' ? Promise.resolve({ Responses: {}, UnprocessedKeys: command.input.RequestItems }) : send(command as never)) as never);
    const key = randomUUID();
    const bill = { receiptNo: receipt(), amountFen: 5_000, couponIds: [`cpn_${randomUUID()}`] };
    try {
      const res = await checkout(client, staff.clerkA, visit.visitId, bill, key);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('unavailable');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      throttled.mockRestore();
    }
    expect((await card(client, member)).points).toBe(100);
    // Once the table answers, the same key gets the coupon's real answer.
    const retried = await checkout(client, staff.clerkA, visit.visitId, bill, key);
    expect(retried.status).toBe(422);
    expect(retried.body.error.code).toBe('coupon_not_owned');
  });
});
