/**
 * Issue 15 §5, SCALE.md § Cross-store rules: a store with more cross-store rules than fit in a
 * checkout's transaction. The first 5 are issued with the bill, the rest after it commits from the
 * pending record the bill's transaction wrote — exactly once per bill and template, also when the
 * checkout is sent 5 times at once with the same Idempotency-Key, when the follow-up dies after the
 * commit (a replay of the key or the sweeper finishes it), and a refund takes every one back. One of
 * the templates has sharded stock: its refund puts the unit back on a shard, the stock stays exact.
 * A walk-in merged into a WeChat member while coupons are pending gets them on the survivor, once.
 */
import { randomUUID } from 'node:crypto';
import { checkout, receipt, scan, tokenOf, useStack } from './fixtures';

const { client, staff } = useStack('hq');

const RULES = 8;
const STOCK = 50;
const SHARDS = 4;
const idem = () => ({ 'Idempotency-Key': randomUUID() });

let clerk: string;
const templateIds: string[] = [];
let shardedId: string;

beforeAll(async () => {
  // 陆家嘴 has no cross-store rule in the demo chain: these are its only ones.
  clerk = await tokenOf(client, 'demo-clerk-pudong');
  for (let i = 0; i < RULES; i++) {
    const sharded = i === RULES - 1; // the lowest minimum spend: always one of the deferred
    const created = await client.post('/v1/admin/coupon-templates', {
      token: staff.hq,
      headers: idem(),
      body: {
        name: `陆家嘴回馈${i}`,
        kind: 'amount_off',
        valueFen: 500,
        validity: { type: 'relative', days: 30 },
        obtainedBy: 'rule',
        stock: STOCK,
        ...(sharded ? { stockShards: SHARDS } : {}),
      },
    });
    expect(created.status).toBe(201);
    templateIds.push(created.body.id);
    // Distinct minimum spends: the in-transaction five are the highest ones.
    const rule = await client.post('/v1/admin/issue-rules', {
      token: staff.hq,
      headers: idem(),
      body: { kind: 'cross_store', templateId: created.body.id, fromStoreId: 'pudong', minSpendFen: 10_000 - i * 100 },
    });
    expect(rule.status).toBe(201);
  }
  shardedId = templateIds[RULES - 1]!;
});

async function stockOf(templateId: string) {
  const { getTemplate } = await import('../../functions/store/coupons');
  const t = (await getTemplate(templateId))!;
  return { remaining: t.remaining, issuedCount: t.issuedCount };
}

async function shardsOf(templateId: string) {
  const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const { db, table } = await import('../../functions/store/client');
  const { keys } = await import('../../functions/store/keys');
  return Promise.all(
    Array.from(
      { length: SHARDS },
      async (_, n) => (await db().send(new GetCommand({ TableName: table(), Key: keys.templateStockShard(templateId, n), ConsistentRead: true }))).Item!,
    ),
  );
}

async function crossStoreCoupons(token: string) {
  const items = (await client.get('/v1/me/coupons?status=available', { token })).body.items as Array<{ id: string; templateId: string; source: string }>;
  return items.filter((c) => c.source === 'cross_store');
}

async function memberIdOf(checkoutId: string): Promise<string> {
  const { getCheckout } = await import('../../functions/store/checkouts');
  return (await getCheckout(checkoutId))!.memberId;
}

async function pendingOf(checkoutId: string) {
  const { crossStoreDeferredState } = await import('../../functions/store/coupons');
  return crossStoreDeferredState(await memberIdOf(checkoutId), checkoutId);
}

const refund = (checkoutId: string, key = randomUUID()) => client.post(`/v1/staff/checkouts/${checkoutId}/reverse`, { token: staff.hq, headers: { 'Idempotency-Key': key } });

test('a store with 8 rules issues all 8 coupons once, under 5 concurrent retries of the checkout, and a refund takes them all back', async () => {
  const before = await Promise.all(templateIds.map(stockOf));
  const member = await tokenOf(client, `xsd-${randomUUID()}`);
  const visit = await scan(client, member, clerk);
  const key = randomUUID();
  const bill = { receiptNo: receipt('XSD'), amountFen: 12_000 };
  const answers = await Promise.all(Array.from({ length: 5 }, () => checkout(client, clerk, visit.visitId, bill, key)));
  for (const a of answers) expect(a.status).toBe(200);
  const checkoutId = answers[0]!.body.checkoutId as string;
  for (const a of answers) expect(a.body.checkoutId).toBe(checkoutId);

  // The member holds one coupon of each template, and every answer lists the 8 (5 with the bill, 3 after).
  const held = await crossStoreCoupons(member);
  expect(held.map((c) => c.templateId).sort()).toEqual([...templateIds].sort());
  for (const a of answers) expect((a.body.issuedCoupons as Array<{ couponId: string }>).map((c) => c.couponId).sort()).toEqual(held.map((c) => c.id).sort());
  const state = await pendingOf(checkoutId);
  expect(state.pending).toBeUndefined();
  expect(state.claims).toHaveLength(RULES - 5);
  const during = await Promise.all(templateIds.map(stockOf));
  during.forEach((t, i) => expect(t).toEqual({ remaining: before[i]!.remaining! - 1, issuedCount: before[i]!.issuedCount + 1 }));

  // Sent again later with the key: the same bill, nothing issued twice.
  const again = await checkout(client, clerk, visit.visitId, bill, key);
  expect(again.body.checkoutId).toBe(checkoutId);
  expect(await crossStoreCoupons(member)).toHaveLength(RULES);

  // The refund, retried 3 times at once with its key: all 8 withdrawn once, the stock exact again.
  const refundKey = randomUUID();
  const refunds = await Promise.all(Array.from({ length: 3 }, () => refund(checkoutId, refundKey)));
  for (const r of refunds) {
    expect(r.status).toBe(200);
    expect([...(r.body.couponsWithdrawn as string[])].sort()).toEqual(held.map((c) => c.id).sort());
  }
  expect(await crossStoreCoupons(member)).toEqual([]);
  expect(await Promise.all(templateIds.map(stockOf))).toEqual(before);
  // The sharded template's unit went back to a shard: the shards alone hold the whole stock.
  const shards = await shardsOf(shardedId);
  expect(shards.reduce((sum, s) => sum + Number(s.remaining), 0)).toBe(STOCK);
  expect(shards.reduce((sum, s) => sum + Number(s.issuedCount), 0)).toBe(0);
});

/**
 * A checkout whose follow-up "dies" at its first write (the one that touches the pending record
 * `RULEISSUE#xs#<checkoutId>#`): the bill is committed with 5 coupons, the other 3 stay pending.
 * `openVisit` opens the visit (by default a WeChat member's scanned code).
 */
async function lostFollowUp(openVisit?: () => Promise<{ visitId: string }>) {
  const { db } = await import('../../functions/store/client');
  const client_ = db();
  const send = client_.send.bind(client_);
  let crashed = false;
  const spy = jest.spyOn(client_, 'send').mockImplementation(((command: { input?: { TransactItems?: Array<Record<string, { Key?: { sk?: string } }>> } }) => {
    const touchesPending = (command.input?.TransactItems ?? []).some((i) => /^RULEISSUE#xs#[^#]+#$/.test(String((i.Update ?? i.Delete)?.Key?.sk ?? '')));
    if (touchesPending && !crashed) {
      crashed = true;
      throw new Error('crash between the commit and the follow-up');
    }
    return send(command as never);
  }) as never);
  const member = openVisit ? undefined : await tokenOf(client, `xsd-${randomUUID()}`);
  const visit = openVisit ? await openVisit() : await scan(client, member!, clerk);
  const key = randomUUID();
  const bill = { receiptNo: receipt('XSD'), amountFen: 12_000 };
  const first = await checkout(client, clerk, visit.visitId, bill, key);
  spy.mockRestore();
  expect(crashed).toBe(true);
  expect(first.status).toBe(200);
  expect(first.body.issuedCoupons).toHaveLength(5);
  expect((await pendingOf(first.body.checkoutId)).pending?.rules).toHaveLength(RULES - 5);
  if (member) expect(await crossStoreCoupons(member)).toHaveLength(5);
  return { member: member!, visit, key, bill, checkoutId: first.body.checkoutId as string };
}

test('a follow-up that dies after the commit is finished by a replay of the key, or else by the sweeper — once', async () => {
  const { issuePendingCrossStore } = await import('../../functions/domain/cross-store');

  // Each simulated crash logs the follow-up left for the sweeper (by design).
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const lost = () => lostFollowUp();

  // A replay of the key (the app retries after a timeout) finishes it, and lists all 8.
  const a = await lost();
  const replays = await Promise.all(Array.from({ length: 5 }, () => checkout(client, clerk, a.visit.visitId, a.bill, a.key)));
  for (const r of replays) expect(r.body.issuedCoupons).toHaveLength(RULES);
  expect((await crossStoreCoupons(a.member)).map((c) => c.templateId).sort()).toEqual([...templateIds].sort());
  expect((await pendingOf(a.checkoutId)).pending).toBeUndefined();

  // No retry comes: the sweeper finishes it a minute later, run 3 times at once.
  const b = await lost();
  expect(await issuePendingCrossStore(Date.now())).toEqual({ finished: 0 }); // not yet: the request may still be at it
  await Promise.all(Array.from({ length: 3 }, () => issuePendingCrossStore(Date.now() + 120_000)));
  expect((await crossStoreCoupons(b.member)).map((c) => c.templateId).sort()).toEqual([...templateIds].sort());
  expect((await pendingOf(b.checkoutId)).pending).toBeUndefined();

  // A refund of a bill whose follow-up is still pending takes back what was issued and cancels the rest.
  const c = await lost();
  const refunded = await refund(c.checkoutId);
  expect(refunded.status).toBe(200);
  expect(refunded.body.couponsWithdrawn).toHaveLength(5);
  expect((await pendingOf(c.checkoutId)).pending).toBeUndefined();
  await issuePendingCrossStore(Date.now() + 120_000);
  expect(await crossStoreCoupons(c.member)).toEqual([]);

  // Every unit of every template is accounted for: 2 members hold one each (a and b), c's went back.
  for (const id of templateIds) expect(await stockOf(id)).toMatchObject({ issuedCount: 2, remaining: STOCK - 2 });
  const shards = await shardsOf(shardedId);
  expect(shards.reduce((sum, s) => sum + Number(s.remaining), 0)).toBe(STOCK - 2);
  jest.restoreAllMocks();
});

test('a walk-in merged into a WeChat member seconds after a bill that left coupons pending: the sweeper issues them to the survivor, once', async () => {
  const { issuePendingCrossStore } = await import('../../functions/domain/cross-store');
  const { crossStoreDeferredState, heldCount } = await import('../../functions/store/coupons');
  const { memberIdByMemberNo } = await import('../../functions/store/members');
  const { partitionItems } = await import('../../functions/store/query');
  const { keys } = await import('../../functions/store/keys');
  const { routes } = await import('../../shared/contract/routes');
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const before = await Promise.all(templateIds.map(stockOf));

  // A walk-in registered by phone at 陆家嘴 pays a bill; its follow-up dies: 5 issued, 3 pending.
  const phone = `177${String(Math.floor(Math.random() * 100_000_000)).padStart(8, '0')}`;
  const walkIn = await lostFollowUp(async () => {
    const visit = await client.call(routes.staffPhoneVisit, { token: clerk, body: { phone } });
    expect(visit.status).toBe(201);
    return visit.body;
  });
  const absorbedId = await memberIdOf(walkIn.checkoutId);

  // Seconds later the same person binds the phone on their WeChat card: the walk-in is merged into
  // it, and the pending record moves with the rest of the walk-in's partition.
  const token = await tokenOf(client, `xsd-merge-${randomUUID()}`);
  const bound = await client.call(routes.mePhoneBind, { token, body: { code: `phone-${phone}-${randomUUID().slice(0, 8)}` }, idempotencyKey: randomUUID() });
  expect(bound.status).toBe(200);
  expect(bound.body.outcome).toBe('merged');
  const survivorId = (await memberIdByMemberNo(bound.body.memberNo))!;
  expect(survivorId).not.toBe(absorbedId);
  expect((await crossStoreDeferredState(absorbedId, walkIn.checkoutId)).pending).toBeUndefined();
  expect((await crossStoreDeferredState(survivorId, walkIn.checkoutId)).pending).toMatchObject({ memberId: survivorId, rules: expect.any(Array) });
  expect(await crossStoreCoupons(token)).toHaveLength(5);

  // The sweeper, a minute later, run 3 times at once: every owed coupon goes to the survivor, once.
  await Promise.all(Array.from({ length: 3 }, () => issuePendingCrossStore(Date.now() + 120_000)));
  const held = await crossStoreCoupons(token);
  expect(held.map((c) => c.templateId).sort()).toEqual([...templateIds].sort());
  for (const id of templateIds) expect(await heldCount(survivorId, id)).toBe(1);
  const state = await crossStoreDeferredState(survivorId, walkIn.checkoutId);
  expect(state.pending).toBeUndefined();
  expect(state.claims).toHaveLength(RULES - 5);
  // Nothing left in the absorbed member's partition: no coupon, no marker, nothing pending.
  expect(await partitionItems(keys.memberPartition(absorbedId), 'RULEISSUE#')).toEqual([]);
  expect(await partitionItems(keys.memberPartition(absorbedId), keys.couponPrefix)).toEqual([]);
  const after = await Promise.all(templateIds.map(stockOf));
  after.forEach((t, i) => expect(t).toEqual({ remaining: before[i]!.remaining! - 1, issuedCount: before[i]!.issuedCount + 1 }));

  // Run again: nothing is pending, nothing more is issued.
  expect(await issuePendingCrossStore(Date.now() + 120_000)).toEqual({ finished: 0 });
  expect((await crossStoreCoupons(token)).map((c) => c.id).sort()).toEqual(held.map((c) => c.id).sort());
  expect(await Promise.all(templateIds.map(stockOf))).toEqual(after);
  jest.restoreAllMocks();
});
