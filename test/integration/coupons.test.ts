import { randomUUID } from 'node:crypto';
import { addDays, shanghaiDate } from '../../shared/dates';
import type { CouponTemplateInput } from '../../shared/schemas/coupons';
import { card, checkout, login, receipt, scan, tokenOf, useStack, wholeLedger } from './fixtures';

const { client, staff } = useStack('hq', 'clerkA', 'clerkB', 'managerA');

const today = () => shanghaiDate(Date.now());
const newMember = () => tokenOf(client, `cpn-${randomUUID()}`);
const idem = () => ({ 'Idempotency-Key': randomUUID() });

async function template(input: Partial<CouponTemplateInput> & Pick<CouponTemplateInput, 'obtainedBy'>, token = staff.hq) {
  const res = await client.post('/v1/admin/coupon-templates', {
    token,
    headers: idem(),
    body: { name: '测试券', kind: 'amount_off', valueFen: 1_000, validity: { type: 'relative', days: 30 }, ...input },
  });
  if (res.status !== 201) throw new Error(`template: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; remaining: number | null; issuedCount: number; redeemedCount: number };
}

const claim = (token: string, templateId: string, key = randomUUID()) =>
  client.post(`/v1/coupons/templates/${templateId}/claim`, { token, headers: { 'Idempotency-Key': key } });

async function claimed(token: string, templateId: string): Promise<string> {
  const res = await claim(token, templateId);
  if (res.status !== 201) throw new Error(`claim: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

const myCoupons = async (token: string, status = 'available') =>
  (await client.get(`/v1/me/coupons?status=${status}`, { token })).body.items as Array<{ id: string; name: string; status: string; templateId: string; source: string }>;

async function templateById(id: string) {
  const list = (await client.get('/v1/admin/coupon-templates', { token: staff.hq })).body.items as Array<{
    id: string;
    remaining: number | null;
    issuedCount: number;
    redeemedCount: number;
    status: string;
  }>;
  return list.find((t) => t.id === id)!;
}

/** A member with points from a ¥N bill at 徐家汇 (no cross-store rule there). */
async function memberWithPoints(points: number): Promise<string> {
  const token = await newMember();
  const visit = await scan(client, token, staff.clerkB);
  expect((await checkout(client, staff.clerkB, visit.visitId, { receiptNo: receipt('SEED'), amountFen: points * 100 })).status).toBe(200);
  return token;
}

describe('claiming never oversells', () => {
  it('issues exactly 1 coupon of a stock of 1 under 64 concurrent claims from 64 members', async () => {
    const t = await template({ obtainedBy: 'claim', stock: 1, perMemberLimit: 1 });
    const members = await Promise.all(Array.from({ length: 64 }, () => newMember()));
    const responses = await Promise.all(members.map((m) => claim(m, t.id)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = responses.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 409 && r.body.error.code === 'sold_out')).toBe(true);
    const held = await Promise.all(members.map((m) => myCoupons(m)));
    expect(held.flat().filter((c) => c.templateId === t.id)).toHaveLength(1);
    expect(await templateById(t.id)).toMatchObject({ remaining: 0, issuedCount: 1 });
  });

  it('gives one member exactly 1 coupon under 64 concurrent claims with a per-member limit of 1', async () => {
    const t = await template({ obtainedBy: 'claim', stock: 100, perMemberLimit: 1 });
    const member = await newMember();
    const responses = await Promise.all(Array.from({ length: 64 }, () => claim(member, t.id)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.error.code === 'limit_reached')).toBe(true);
    expect((await myCoupons(member)).filter((c) => c.templateId === t.id)).toHaveLength(1);
    expect(await templateById(t.id)).toMatchObject({ remaining: 99, issuedCount: 1 });
  });

  it('replays a retried claim (same Idempotency-Key) instead of issuing again', async () => {
    const t = await template({ obtainedBy: 'claim', perMemberLimit: 3 });
    const member = await newMember();
    const key = randomUUID();
    const [first, again] = [await claim(member, t.id, key), await claim(member, t.id, key)];
    expect(again.body).toEqual(first.body);
    expect((await myCoupons(member)).filter((c) => c.templateId === t.id)).toHaveLength(1);
  });

  it('shows claimable templates with remaining stock, and the coupon count on the card', async () => {
    const t = await template({ obtainedBy: 'claim', stock: 5, name: '可领测试券' });
    const member = await newMember();
    const before = (await card(client, member)) as unknown as { usableCoupons: number };
    const center = (await client.get('/v1/coupons/claimable', { token: member })).body.items;
    expect(center.find((c: { id: string }) => c.id === t.id)).toMatchObject({ remaining: 5, held: 0, blockedBy: null, description: '无门槛减10' });
    await claimed(member, t.id);
    const after = (await client.get('/v1/coupons/claimable', { token: member })).body.items;
    expect(after.find((c: { id: string }) => c.id === t.id)).toMatchObject({ remaining: 4, held: 1, blockedBy: 'limit_reached' });
    expect(((await card(client, member)) as unknown as { usableCoupons: number }).usableCoupons).toBe(before.usableCoupons + 1);
  });
});

describe('a coupon is redeemed at most once', () => {
  it('lets exactly one of 20 concurrent checkouts use the same coupon; the others get 409 and change nothing', async () => {
    const t = await template({ obtainedBy: 'claim', valueFen: 2_000, minSpendFen: 5_000 });
    const member = await newMember();
    const couponId = await claimed(member, t.id);
    const visit = await scan(client, member, staff.clerkB);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => checkout(client, staff.clerkB, visit.visitId, { receiptNo: receipt('CPN'), amountFen: 10_000, couponIds: [couponId] })),
    );
    const won = responses.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    expect(won[0]!.body).toMatchObject({ couponDiscountFen: 2_000, payableFen: 8_000, pointsEarned: 80, couponsUsed: [{ couponId, discountFen: 2_000 }] });
    const lost = responses.filter((r) => r.status !== 200);
    expect(lost.every((r) => r.status === 409 && r.body.error.code === 'coupon_used')).toBe(true);

    // Nothing else moved: one bill's points, one ledger entry, one visit.
    expect((await card(client, member)).points).toBe(80);
    expect(await wholeLedger(client, member)).toHaveLength(1);
    const { getMember, memberIdByMemberNo } = await import('../../functions/store/members');
    const record = await getMember((await memberIdByMemberNo((await card(client, member)).memberNo))!);
    expect(record?.visitCount).toBe(1);
    expect((await myCoupons(member, 'used')).map((c) => c.id)).toEqual([couponId]);
    expect(await templateById(t.id)).toMatchObject({ redeemedCount: 1 });
  });

  it('answers every retry of a checkout with a coupon (same Idempotency-Key, 10 at once) with the first response', async () => {
    const t = await template({ obtainedBy: 'claim' });
    const member = await newMember();
    const couponId = await claimed(member, t.id);
    const visit = await scan(client, member, staff.clerkB);
    const key = randomUUID();
    const bill = { receiptNo: receipt(), amountFen: 5_000, couponIds: [couponId] };
    const responses = await Promise.all(Array.from({ length: 10 }, () => checkout(client, staff.clerkB, visit.visitId, bill, key)));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([200]));
    expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
  });

  it('applies the coupon first, then points, then earns on what is paid', async () => {
    const t = await template({ obtainedBy: 'claim', kind: 'percent_off', valueFen: 0, payPercent: 80, capFen: 3_000 });
    const member = await memberWithPoints(500);
    const couponId = await claimed(member, t.id);
    const visit = await scan(client, member, staff.clerkB);
    // ¥100 → 8折 takes ¥20 → ¥80; 300 points take ¥3 → ¥77 paid → 77 points.
    const res = await checkout(client, staff.clerkB, visit.visitId, { receiptNo: receipt(), amountFen: 10_000, redeemPoints: 300, couponIds: [couponId] });
    expect(res.body).toMatchObject({ couponDiscountFen: 2_000, pointsSpent: 300, discountFen: 300, payableFen: 7_700, pointsEarned: 77, balance: 500 - 300 + 77 });
  });
});

describe('a coupon is refused where or when it does not apply (422 naming why)', () => {
  async function refusal(member: string, clerk: string, couponIds: string[], amountFen = 10_000) {
    const visit = await scan(client, member, clerk);
    const res = await checkout(client, clerk, visit.visitId, { receiptNo: receipt(), amountFen, couponIds });
    return res;
  }

  it('outside its validity: not yet valid, and expired', async () => {
    const member = await newMember();
    const later = await template({ obtainedBy: 'claim', validity: { type: 'fixed', from: addDays(today(), 2), to: addDays(today(), 9) } });
    const early = await refusal(member, staff.clerkB, [await claimed(member, later.id)]);
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('coupon_not_yet_valid');

    // Claimed three days ago, valid for one day.
    const short = await template({ obtainedBy: 'claim', validity: { type: 'relative', days: 1 } });
    const { claimCoupon } = await import('../../functions/domain/coupons');
    const memberId = (await import('../../functions/domain/sessions')).verifyToken(member).then((s) => s.memberId);
    const old = await claimCoupon(await memberId, short.id, randomUUID(), () => Date.now() - 3 * 86_400_000);
    const late = await refusal(member, staff.clerkB, [old.id]);
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('coupon_expired');
    expect((await myCoupons(member, 'expired')).map((c) => c.id)).toContain(old.id);
  });

  it('at a store it is not valid at, and below its minimum spend', async () => {
    const member = await newMember();
    const xuhuiOnly = await template({ obtainedBy: 'claim', storeIds: ['xuhui'], minSpendFen: 5_000 });
    const couponId = await claimed(member, xuhuiOnly.id);
    const wrongStore = await refusal(member, staff.clerkA, [couponId]);
    expect(wrongStore.status).toBe(422);
    expect(wrongStore.body.error.code).toBe('coupon_not_valid_at_store');
    const tooSmall = await refusal(member, staff.clerkB, [couponId], 4_999);
    expect(tooSmall.status).toBe(422);
    expect(tooSmall.body.error.code).toBe('coupon_min_spend');
    expect(await wholeLedger(client, member)).toEqual([]);
  });

  it("when it is another member's, and when a second non-stacking coupon is on the bill", async () => {
    const t = await template({ obtainedBy: 'claim', perMemberLimit: 2 });
    const alice = await newMember();
    const bob = await newMember();
    const alicesCoupon = await claimed(alice, t.id);
    const notYours = await refusal(bob, staff.clerkB, [alicesCoupon]);
    expect(notYours.status).toBe(422);
    expect(notYours.body.error.code).toBe('coupon_not_owned');

    const second = await claimed(alice, t.id);
    const twoOnOneBill = await refusal(alice, staff.clerkB, [alicesCoupon, second]);
    expect(twoOnOneBill.status).toBe(422);
    expect(twoOnOneBill.body.error.code).toBe('coupon_not_stackable');
    expect((await myCoupons(alice)).filter((c) => c.templateId === t.id)).toHaveLength(2);
  });

  it('lets coupons that stack share a bill', async () => {
    const t = await template({ obtainedBy: 'claim', perMemberLimit: 2, stackable: true, valueFen: 500 });
    const member = await newMember();
    const ids = [await claimed(member, t.id), await claimed(member, t.id)];
    const visit = await scan(client, member, staff.clerkB);
    const res = await checkout(client, staff.clerkB, visit.visitId, { receiptNo: receipt(), amountFen: 3_000, couponIds: ids });
    expect(res.status).toBe(200);
    expect(res.body.couponDiscountFen).toBe(1_000);
  });
});

describe('exchanging points for a coupon', () => {
  it('never leaves a negative balance nor a coupon without its points, under 10 concurrent exchanges', async () => {
    const t = await template({ obtainedBy: 'exchange', pointsCost: 300, perMemberLimit: 10, kind: 'free_item', itemName: '招牌奶茶', valueFen: 2_800 });
    const member = await memberWithPoints(1_000);
    const responses = await Promise.all(Array.from({ length: 10 }, () => client.post(`/v1/coupons/templates/${t.id}/exchange`, { token: member, headers: idem() })));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(3);
    expect(responses.filter((r) => r.status === 422).every((r) => r.body.error.code === 'insufficient_points')).toBe(true);
    const { points } = await card(client, member);
    expect(points).toBe(100);
    const ledger = await wholeLedger(client, member);
    expect(ledger.reduce((sum, e) => sum + e.delta, 0)).toBe(points);
    expect(ledger.filter((e) => e.reason === 'exchange')).toHaveLength(3);
    expect((await myCoupons(member)).filter((c) => c.templateId === t.id)).toHaveLength(3);
  });
});

describe('rules issue coupons', () => {
  it('gives a new member the welcome coupon once, however many first logins arrive at once', async () => {
    const openid = `welcome-${randomUUID()}`;
    const logins = await Promise.all(Array.from({ length: 8 }, () => login(client, openid)));
    const coupons = await myCoupons(logins[0]!.token);
    expect(coupons.filter((c) => c.source === 'welcome')).toHaveLength(1);
    expect(coupons.find((c) => c.source === 'welcome')?.name).toBe('新人礼·满50减10');
  });

  it('issues exactly one cross-store coupon per qualifying bill, also when the checkout is retried', async () => {
    const member = await newMember();
    const visit = await scan(client, member, staff.clerkA);
    const key = randomUUID();
    const bill = { receiptNo: receipt('X'), amountFen: 12_000 };
    const responses = await Promise.all(Array.from({ length: 10 }, () => checkout(client, staff.clerkA, visit.visitId, bill, key)));
    expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(responses[0]!.body.issuedCoupons).toEqual([
      {
        couponId: expect.any(String),
        name: '跨店回馈·满80减20',
        description: '满80减20',
        storeNames: ['沪上茶点·陆家嘴店', '沪上茶点·徐家汇店'],
        validTo: addDays(today(), 29),
      },
    ]);
    const crossStore = (await myCoupons(member)).filter((c) => c.source === 'cross_store');
    expect(crossStore).toHaveLength(1);

    // Usable at 徐家汇, not back at 静安寺.
    const atA = await scan(client, member, staff.clerkA);
    const refused = await checkout(client, staff.clerkA, atA.visitId, { receiptNo: receipt(), amountFen: 9_000, couponIds: [crossStore[0]!.id] });
    expect(refused.body.error.code).toBe('coupon_not_valid_at_store');
    const atB = await scan(client, member, staff.clerkB);
    expect(atB.coupons.map((c) => c.id)).toContain(crossStore[0]!.id);
    const used = await checkout(client, staff.clerkB, atB.visitId, { receiptNo: receipt(), amountFen: 9_000, couponIds: [crossStore[0]!.id] });
    expect(used.body).toMatchObject({ couponDiscountFen: 2_000, payableFen: 7_000 });
  });

  it('issues nothing for a bill below the threshold', async () => {
    const member = await newMember();
    const visit = await scan(client, member, staff.clerkA);
    const res = await checkout(client, staff.clerkA, visit.visitId, { receiptNo: receipt(), amountFen: 9_999 });
    expect(res.body.issuedCoupons).toEqual([]);
  });
});

describe('a reversal gives the coupon back', () => {
  it('restores a coupon still within validity along with the points', async () => {
    const t = await template({ obtainedBy: 'claim', valueFen: 1_000 });
    const member = await newMember();
    const couponId = await claimed(member, t.id);
    const visit = await scan(client, member, staff.clerkA);
    const bill = await checkout(client, staff.clerkA, visit.visitId, { receiptNo: receipt(), amountFen: 5_000, couponIds: [couponId] });
    expect(bill.status).toBe(200);
    const reversed = await client.post(`/v1/staff/checkouts/${bill.body.checkoutId}/reverse`, { token: staff.managerA, headers: idem() });
    expect(reversed.body).toMatchObject({ couponsRestored: [couponId], balance: 0 });
    expect((await myCoupons(member)).map((c) => c.id)).toContain(couponId);
    expect(await templateById(t.id)).toMatchObject({ redeemedCount: 0 });
  });
});

describe('a refund takes back the cross-store coupon the bill earned', () => {
  // Its own rule, at 陆家嘴 (no other test here bills there): one per member, a stock of 5.
  let earned: { id: string };
  let clerkC: string;
  beforeAll(async () => {
    clerkC = await tokenOf(client, 'demo-clerk-pudong');
    earned = await template({ obtainedBy: 'rule', name: '陆家嘴回馈', perMemberLimit: 1, stock: 5 });
    const rule = await client.post('/v1/admin/issue-rules', {
      token: staff.hq,
      headers: idem(),
      body: { kind: 'cross_store', templateId: earned.id, fromStoreId: 'pudong', minSpendFen: 10_000 },
    });
    expect(rule.status).toBe(201);
    // Every time the API answers is Shanghai time, the rule's too (create and list).
    expect(rule.body.createdAt).toMatch(/\+08:00$/);
    const listed = (await client.get('/v1/admin/issue-rules', { token: staff.hq })).body.items as Array<{ id: string; createdAt: string }>;
    expect(listed.find((r) => r.id === rule.body.id)?.createdAt).toBe(rule.body.createdAt);
  });

  const earningBill = async (member: string) => {
    const visit = await scan(client, member, clerkC);
    const bill = await checkout(client, clerkC, visit.visitId, { receiptNo: receipt('EARN'), amountFen: 12_000 });
    expect(bill.status).toBe(200);
    return { checkoutId: bill.body.checkoutId as string, couponIds: (bill.body.issuedCoupons as Array<{ couponId: string }>).map((c) => c.couponId) };
  };
  const refund = (checkoutId: string, key = randomUUID()) =>
    client.post(`/v1/staff/checkouts/${checkoutId}/reverse`, { token: staff.hq, headers: { 'Idempotency-Key': key } });

  it('withdraws it while unused, once however often the refund is retried, and gives back the stock and the member’s limit', async () => {
    const member = await newMember();
    const { checkoutId, couponIds } = await earningBill(member);
    expect(couponIds).toHaveLength(1);
    const couponId = couponIds[0]!;
    expect(await templateById(earned.id)).toMatchObject({ issuedCount: 1, remaining: 4 });
    // At its limit of one: a second qualifying bill earns nothing.
    const second = await earningBill(member);
    expect(second.couponIds).toEqual([]);

    const key = randomUUID();
    const refunds = await Promise.all(Array.from({ length: 5 }, () => refund(checkoutId, key)));
    for (const res of refunds) expect(res.body).toMatchObject({ checkoutId, couponsWithdrawn: [couponId] });
    for (const status of ['available', 'used', 'expired']) expect((await myCoupons(member, status)).map((c) => c.id)).not.toContain(couponId);
    expect(await templateById(earned.id)).toMatchObject({ issuedCount: 0, remaining: 5 });

    // The limit it took is free again: the next qualifying bill earns one.
    expect((await earningBill(member)).couponIds).toHaveLength(1);
  });

  it('creates one rule however often its creation is retried (same Idempotency-Key), and needs the key', async () => {
    const t = await template({ obtainedBy: 'rule', name: '重试规则券' });
    const body = { kind: 'cross_store', templateId: t.id, fromStoreId: 'xuhui', minSpendFen: 999_999_00, toStoreIds: ['pudong'] };
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => client.post('/v1/admin/issue-rules', { token: staff.hq, headers: { 'Idempotency-Key': key }, body })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const rules = (await client.get('/v1/admin/issue-rules', { token: staff.hq })).body.items as Array<{ templateId: string }>;
    expect(rules.filter((r) => r.templateId === t.id)).toHaveLength(1);

    const keyless = await client.post('/v1/admin/issue-rules', { token: staff.hq, body });
    expect(keyless.status).toBe(400);
    expect(keyless.body.error.details.map((d: { field: string }) => d.field)).toContain('Idempotency-Key');
  });

  it('stops issuing when HQ stops the rule, and issues again once restarted; only HQ may', async () => {
    const rules = (await client.get('/v1/admin/issue-rules', { token: staff.hq })).body.items as Array<{ id: string; templateId: string; active: boolean }>;
    const rule = rules.find((r) => r.templateId === earned.id)!;
    const status = (token: string, active: unknown) => client.post(`/v1/admin/issue-rules/${rule.id}/status`, { token, body: { active } });

    expect((await status(staff.managerA, false)).status).toBe(403);
    const stopped = await status(staff.hq, false);
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ id: rule.id, active: false });
    expect((await earningBill(await newMember())).couponIds).toEqual([]);

    expect((await status(staff.hq, true)).body).toMatchObject({ active: true });
    expect((await earningBill(await newMember())).couponIds).toHaveLength(1);

    const bad = await status(staff.hq, 'yes');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toContain('active');
    expect((await client.post('/v1/admin/issue-rules/rul-none/status', { token: staff.hq, body: { active: false } })).status).toBe(404);
  });

  it('refuses the refund, changing nothing, once the member has used that coupon at another store', async () => {
    const member = await newMember();
    const { checkoutId, couponIds } = await earningBill(member);
    const atB = await scan(client, member, staff.clerkB);
    expect((await checkout(client, staff.clerkB, atB.visitId, { receiptNo: receipt(), amountFen: 9_000, couponIds })).status).toBe(200);
    const pointsBefore = (await card(client, member)).points;

    const refused = await refund(checkoutId);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('earned_coupon_used');
    expect((await card(client, member)).points).toBe(pointsBefore);
    expect((await myCoupons(member, 'used')).map((c) => c.id)).toEqual(couponIds);
  });
});

describe('templates are managed by HQ and by managers for their own store', () => {
  it('lets a manager make a coupon for their store only, and never a clerk', async () => {
    const own = await template({ obtainedBy: 'claim', name: '静安专享' }, staff.managerA);
    expect((await templateById(own.id)) as unknown).toMatchObject({ status: 'active' });
    const list = (await client.get('/v1/admin/coupon-templates', { token: staff.managerA })).body.items;
    expect(list.find((t: { id: string }) => t.id === own.id)).toMatchObject({ storeIds: ['jingan'], ownerStoreId: 'jingan' });
    const other = await client.post('/v1/admin/coupon-templates', {
      token: staff.managerA,
      headers: idem(),
      body: { name: 'x', kind: 'amount_off', valueFen: 100, validity: { type: 'relative', days: 1 }, obtainedBy: 'claim', storeIds: ['xuhui'] },
    });
    expect(other.status).toBe(403);
    const byClerk = await client.post('/v1/admin/coupon-templates', {
      token: staff.clerkA,
      headers: idem(),
      body: { name: 'x', kind: 'amount_off', valueFen: 100, validity: { type: 'relative', days: 1 }, obtainedBy: 'claim' },
    });
    expect(byClerk.status).toBe(403);
  });

  it('pauses and ends a template: no more issues, issued coupons stay valid, ended is final', async () => {
    const t = await template({ obtainedBy: 'claim', perMemberLimit: 5 });
    const member = await newMember();
    const couponId = await claimed(member, t.id);
    const status = (s: string, token = staff.hq) => client.post(`/v1/admin/coupon-templates/${t.id}/status`, { token, body: { status: s } });

    expect((await status('paused')).body.status).toBe('paused');
    expect((await claim(member, t.id)).body.error.code).toBe('template_not_active');
    expect((await status('active')).status).toBe(200);
    expect((await claim(member, t.id)).status).toBe(201);
    expect((await status('ended')).body.status).toBe('ended');
    expect((await claim(member, t.id)).status).toBe(422);
    const reopen = await status('active');
    expect(reopen.status).toBe(409);
    expect(reopen.body.error.code).toBe('template_ended');
    expect((await status('paused', staff.managerA)).status).toBe(403);

    const visit = await scan(client, member, staff.clerkB);
    expect((await checkout(client, staff.clerkB, visit.visitId, { receiptNo: receipt(), amountFen: 5_000, couponIds: [couponId] })).status).toBe(200);
  });
});

describe('bad input on the coupon routes → 400 naming the field, nothing written', () => {
  const bad = (res: { status: number; body: any }, field: string) => {
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  };
  const base = { name: '券', kind: 'amount_off', valueFen: 100, validity: { type: 'relative', days: 7 }, obtainedBy: 'claim' };

  it.each([
    ['a negative value', { valueFen: -1 }, 'valueFen'],
    ['a fractional value', { valueFen: 1.5 }, 'valueFen'],
    ['an unknown kind', { kind: 'cashback' }, 'kind'],
    ['a discount without payPercent', { kind: 'percent_off', valueFen: 0 }, 'payPercent'],
    ['a free item without its name', { kind: 'free_item' }, 'itemName'],
    ['an exchange without a points price', { obtainedBy: 'exchange' }, 'pointsCost'],
    ['a validity that ends before it starts', { validity: { type: 'fixed', from: '2027-01-02', to: '2027-01-01' } }, 'validity'],
    ['a malformed date', { validity: { type: 'fixed', from: '2027/01/01', to: '2027-01-09' } }, 'validity.from'],
    ['zero stock', { stock: 0 }, 'stock'],
    ['a huge per-member limit', { perMemberLimit: 1e9 }, 'perMemberLimit'],
    ['an overlong name', { name: '券'.repeat(31) }, 'name'],
  ])('refuses a template with %s', async (_name, patch, field) => {
    const before = (await client.get('/v1/admin/coupon-templates', { token: staff.hq })).body.items.length;
    bad(await client.post('/v1/admin/coupon-templates', { token: staff.hq, headers: idem(), body: { ...base, ...patch } }), field);
    expect((await client.get('/v1/admin/coupon-templates', { token: staff.hq })).body.items.length).toBe(before);
  });

  it('refuses a claim without an Idempotency-Key, a bad template id, a bad status filter and bad couponIds', async () => {
    const member = await newMember();
    bad(await client.post('/v1/coupons/templates/tpl_x/claim', { token: member }), 'Idempotency-Key');
    bad(await client.post('/v1/coupons/templates/bad%20id/claim', { token: member, headers: idem() }), 'templateId');
    bad(await client.get('/v1/me/coupons?status=bogus', { token: member }), 'status');
    const visit = await scan(client, member, staff.clerkB);
    bad(await checkout(client, staff.clerkB, visit.visitId, { receiptNo: receipt(), amountFen: 100, couponIds: 'abc' as never }), 'couponIds');
    bad(await checkout(client, staff.clerkB, visit.visitId, { receiptNo: receipt(), amountFen: 100, couponIds: ['a', 'a'] }), 'couponIds');
    bad(await client.post('/v1/admin/issue-rules', { token: staff.hq, body: { kind: 'birthday-ish', templateId: 'x' } }), 'kind');
    bad(await client.post(`/v1/admin/coupon-templates/tpl_x/status`, { token: staff.hq, body: { status: 'deleted' } }), 'status');
    expect((await client.post('/v1/coupons/templates/tpl_nope/claim', { token: member, headers: idem() })).status).toBe(404);
  });
});
