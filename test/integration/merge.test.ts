/**
 * One person, one member: 绑定手机号 with WeChat's getPhoneNumber code, merging a walk-in member into
 * the WeChat card (exactly once, under retries and racing checkouts), phone conflicts and HQ's 重复会员.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { addDays, shanghaiDate } from '../../shared/dates';
import { routes } from '../../shared/contract/routes';
import { keys } from '../../functions/store/keys';
import { getMember, memberIdByMemberNo, memberIdByPhone } from '../../functions/store/members';
import { partitionItems } from '../../functions/store/query';
import type { MemberCouponRecord } from '../../functions/store/records';
import { card, checkout, login, receipt, scan, tokenOf, useStack, wholeLedger, type Client } from './fixtures';

const { client, staff } = useStack('clerkA', 'clerkB', 'managerA', 'hq');

const newPhone = () => `177${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
/** What WeChat's getPhoneNumber button hands the app for this phone (the fake server's form): each works once. */
const phoneCode = (phone: string) => `phone-${phone}-${randomUUID().slice(0, 8)}`;
const newOpenid = (label: string) => `merge-${label}-${randomUUID().slice(0, 8)}`;

function bind(token: string, code: string, key: string = randomUUID()) {
  return client.call(routes.mePhoneBind, { token, body: { code }, idempotencyKey: key });
}

function walkIn(staffToken: string, phone: string) {
  return client.call(routes.staffPhoneVisit, { token: staffToken, body: { phone } });
}

/** A walk-in registered by phone at store A who earned `fen / 100` points there. */
async function walkInWithPoints(phone: string, fen: number): Promise<{ memberNo: string; points: number }> {
  const visit = await walkIn(staff.clerkA, phone);
  expect(visit.status).toBe(201);
  const bill = await checkout(client, staff.clerkA, visit.body.visitId, { receiptNo: receipt('WALK'), amountFen: fen });
  expect(bill.status).toBe(200);
  return { memberNo: visit.body.member.memberNo, points: bill.body.balance };
}

/** The invariant after any merge: the card's balance is the sum of the ledger it shows. */
async function expectBalanceIsLedgerSum(c: Client, token: string): Promise<number> {
  const [shown, ledger] = await Promise.all([card(c, token), wholeLedger(c, token)]);
  expect(ledger.reduce((sum, e) => sum + e.delta, 0)).toBe(shown.points);
  return shown.points;
}

/** Coupons of each template the member holds unused: never more than the template's per-member limit. */
async function availableByTemplate(memberNo: string): Promise<Map<string, number>> {
  const memberId = (await memberIdByMemberNo(memberNo))!;
  const coupons = await partitionItems<MemberCouponRecord>(keys.memberPartition(memberId), keys.couponPrefix);
  const counts = new Map<string, number>();
  for (const c of coupons) if (c.status === 'available') counts.set(c.templateId, (counts.get(c.templateId) ?? 0) + 1);
  return counts;
}

describe('绑定手机号', () => {
  it('binds a phone nobody holds; the profile shows it, staff find the member by it, and a retry with the same key answers the same', async () => {
    const token = await tokenOf(client, newOpenid('free'));
    const phone = newPhone();
    const key = randomUUID();
    const code = phoneCode(phone);
    const first = await bind(token, code, key);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ outcome: 'bound', maskedPhone: `${phone.slice(0, 3)}****${phone.slice(-4)}`, merged: null });
    const again = await bind(token, code, key);
    expect(again.body).toEqual(first.body);
    const profile = await client.ok(routes.meProfile, { token });
    expect(profile.phone).toBe(phone);
    const lookup = await walkIn(staff.clerkB, phone);
    expect(lookup.body).toMatchObject({ registered: false, member: { memberNo: first.body.memberNo } });
  });

  it('refuses a used or made-up code with 400 naming code, and binds nothing', async () => {
    const token = await tokenOf(client, newOpenid('badcode'));
    const phone = newPhone();
    const code = phoneCode(phone);
    expect((await bind(token, code)).status).toBe(200);
    const reused = await bind(await tokenOf(client, newOpenid('reuse')), code);
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('invalid_phone_code');
    const madeUp = await bind(token, 'not-a-code');
    expect(madeUp.status).toBe(400);
    expect(madeUp.body.error.details?.map((d) => d.field)).toEqual(['code']);
  });

  it.each([
    ['no code', {}],
    ['an empty code', { code: '' }],
    ['a number', { code: 12345 }],
    ['a code too long', { code: 'x'.repeat(129) }],
  ])('refuses %s with a 400 naming code', async (_, body) => {
    const token = await tokenOf(client, newOpenid('malformed'));
    const res = await client.post('/v1/me/phone', { token, body, headers: { 'Idempotency-Key': randomUUID() } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['code']);
    expect((await client.ok(routes.meProfile, { token })).phone).toBeNull();
  });

  it('answers 503 with Retry-After when WeChat is down, and binds nothing', async () => {
    const token = await tokenOf(client, newOpenid('down'));
    const phone = newPhone();
    // The fake's scripted fault: WeChat's -1 "system busy".
    await fetch(`${process.env.WECHAT_API_BASE}/__fake/faults`, { method: 'POST', body: JSON.stringify({ path: '/wxa/business/getuserphonenumber', times: 1, errcode: -1 }) });
    const res = await bind(token, phoneCode(phone));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBeTruthy();
    expect(await memberIdByPhone(phone)).toBeUndefined();
  });
});

describe('merging a walk-in member into the WeChat card', () => {
  it('moves points, ledger, spend, coupons and visits to the WeChat member; the walk-in’s number resolves to it; nothing is held twice', async () => {
    const phone = newPhone();
    const walkin = await walkInWithPoints(phone, 88_800);
    const openid = newOpenid('wechat');
    const token = await tokenOf(client, openid);
    const wechat = await scan(client, token, staff.clerkB);
    const own = await checkout(client, staff.clerkB, wechat.visitId, { receiptNo: receipt('OWN'), amountFen: 12_300 });
    expect(own.status).toBe(200);

    const res = await bind(token, phoneCode(phone));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'merged', memberNo: wechat.member.memberNo, merged: { absorbedMemberNo: walkin.memberNo, pointsMoved: walkin.points } });

    const points = await expectBalanceIsLedgerSum(client, token);
    expect(points).toBe(walkin.points + own.body.balance);
    const shown = await card(client, token);
    // ¥888 + ¥123 spent in the window: the tier is computed on the merged spend, silver only together.
    expect(shown.spend365Fen).toBe(88_800 + 12_300);
    expect(shown.tier).toBe('silver');
    const survivor = (await getMember((await memberIdByMemberNo(wechat.member.memberNo))!))!;
    expect(survivor).toMatchObject({ visitCount: 2, segment: 'new' });
    expect([...survivor.storesVisited!].sort()).toEqual(['jingan', 'xuhui']);
    // Both visits are the survivor's now, the walk-in's marked as moved from its number.
    const visits = await partitionItems<{ storeId: string; mergedFromMemberNo?: string }>(keys.memberPartition(survivor.memberId), keys.visitPrefix);
    expect(visits.map((v) => [v.storeId, v.mergedFromMemberNo ?? null]).sort()).toEqual([
      ['jingan', walkin.memberNo],
      ['xuhui', null],
    ]);
    expect(await memberIdByMemberNo(walkin.memberNo)).toBe(await memberIdByMemberNo(wechat.member.memberNo));
    // At the counter the merged member shows the merged tier, and the tags of the merged history.
    const atCounter = (await walkIn(staff.clerkA, phone)).body.member;
    expect(atCounter).toMatchObject({ memberNo: wechat.member.memberNo, tier: 'silver', segment: 'new' });
    expect(atCounter.tags).toContain('multi_store');
    for (const [, held] of await availableByTemplate(wechat.member.memberNo)) expect(held).toBeLessThanOrEqual(1);

    const absorbedId = (await partitionItems<{ mergedFrom?: string }>(`MEMBERNO#${walkin.memberNo}`))[0]!.mergedFrom!;
    expect(await getMember(absorbedId)).toMatchObject({ mergeState: 'done', points: 0, mergedInto: await memberIdByMemberNo(wechat.member.memberNo) });
    expect((await getMember(absorbedId))!.phoneSealed).toBeUndefined();
    expect((await getMember(absorbedId))!.phoneIndex).toBeUndefined();
  });

  it('merges exactly once when the bind is retried 20 times at once with the same key', async () => {
    const phone = newPhone();
    const walkin = await walkInWithPoints(phone, 50_000);
    const token = await tokenOf(client, newOpenid('retry20'));
    const before = (await card(client, token)).points;
    const key = randomUUID();
    const code = phoneCode(phone);
    const answers = await Promise.all(Array.from({ length: 20 }, () => bind(token, code, key)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
    expect(answers[0]!.body).toMatchObject({ outcome: 'merged', merged: { pointsMoved: walkin.points } });
    expect(await expectBalanceIsLedgerSum(client, token)).toBe(before + walkin.points);
    // The walk-in's items all moved; only its tombstone profile is left.
    const absorbedId = (await partitionItems<{ memberId: string; mergedFrom?: string }>(`MEMBERNO#${walkin.memberNo}`))[0]!.mergedFrom!;
    expect((await partitionItems<{ sk: string }>(keys.memberPartition(absorbedId))).map((i) => i.sk)).toEqual(['PROFILE']);
    expect(await getMember(absorbedId)).toMatchObject({ mergeState: 'done', points: 0 });
  });

  it('lands checkouts racing the merge at two stores either before or after it: none lost, none counted twice', async () => {
    const phone = newPhone();
    const walkin = await walkInWithPoints(phone, 20_000);
    const [atA, atB] = await Promise.all([walkIn(staff.clerkA, phone), walkIn(staff.clerkB, phone)]);
    const token = await tokenOf(client, newOpenid('race'));
    const before = (await card(client, token)).points;
    const bills = [
      { token: staff.clerkA, visitId: atA.body.visitId, bill: { receiptNo: receipt('RACEA'), amountFen: 30_000 }, key: randomUUID() },
      { token: staff.clerkB, visitId: atB.body.visitId, bill: { receiptNo: receipt('RACEB'), amountFen: 45_000 }, key: randomUUID() },
    ];
    const [merged, ...paid] = await Promise.all([bind(token, phoneCode(phone)), ...bills.map((b) => checkout(client, b.token, b.visitId, b.bill, b.key))]);
    expect(merged.status).toBe(200);
    // A checkout that met the merge half-way may answer 503; its retry with the same key completes once.
    const settled = await Promise.all(paid.map(async (p, i) => (p.status === 503 ? checkout(client, bills[i]!.token, bills[i]!.visitId, bills[i]!.bill, bills[i]!.key) : p)));
    expect(settled.map((s) => s.status)).toEqual([200, 200]);
    const points = await expectBalanceIsLedgerSum(client, token);
    expect(points).toBe(before + walkin.points + 300 + 450);
    const ledger = await wholeLedger(client, token);
    for (const b of bills) expect(ledger.filter((e) => e.receiptNo === b.bill.receiptNo && e.delta > 0)).toHaveLength(1);
  });
});

describe('phone conflicts and 重复会员', () => {
  async function conflict(): Promise<{ phone: string; holder: string; holderNo: string; requester: string; requesterOpenid: string; requesterNo: string }> {
    const phone = newPhone();
    const holderToken = await tokenOf(client, newOpenid('holder'));
    const held = await bind(holderToken, phoneCode(phone));
    expect(held.body.outcome).toBe('bound');
    const requesterOpenid = newOpenid('requester');
    const requester = await login(client, requesterOpenid);
    return { phone, holder: holderToken, holderNo: held.body.memberNo, requester: requester.token, requesterOpenid, requesterNo: requester.member.memberNo };
  }

  it('refuses a phone bound to another WeChat member with 409 phone_taken, opens one case for HQ, and takes the member’s help request', async () => {
    const c = await conflict();
    for (let i = 0; i < 2; i++) {
      const refused = await bind(c.requester, phoneCode(c.phone));
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('phone_taken');
    }
    const help = await client.call(routes.mePhoneHelp, { token: c.requester, body: { note: '这是我的旧微信号' } });
    expect(help.status).toBe(200);
    const list = await client.ok(routes.adminDuplicates, { token: staff.hq });
    const mine = list.items.filter((i) => i.requester.memberNo === c.requesterNo);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'open', note: '这是我的旧微信号', holder: { memberNo: c.holderNo, hasWechat: true } });
    expect(JSON.stringify(list)).not.toContain(c.phone);
  });

  it('is HQ’s alone: a manager may not list or decide cases', async () => {
    expect((await client.call(routes.adminDuplicates, { token: staff.managerA })).body.error.code).toBe('not_hq');
  });

  it('HQ rejects: audited on the requester’s record, and the case leaves the list', async () => {
    const c = await conflict();
    await bind(c.requester, phoneCode(c.phone));
    const caseId = (await client.ok(routes.adminDuplicates, { token: staff.hq })).items.find((i) => i.requester.memberNo === c.requesterNo)!.id;
    const rejected = await client.call(routes.adminDuplicateDecision, { token: staff.hq, params: { caseId }, body: { decision: 'reject', note: '号码已转让' } });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: '号码已转让' });
    expect((await client.call(routes.adminDuplicateDecision, { token: staff.hq, params: { caseId }, body: { decision: 'merge' } })).body.error.code).toBe('case_decided');
    expect((await client.ok(routes.adminDuplicates, { token: staff.hq })).items.some((i) => i.id === caseId)).toBe(false);
    const log = await client.ok(routes.meAccessLog, { token: c.requester });
    expect(log.items[0]).toMatchObject({ action: 'duplicate_reject', roleText: '总部' });
  });

  it('HQ merges: the holder survives with both balances; the requester’s old session and codes stop working, and its WeChat login lands on the survivor', async () => {
    const c = await conflict();
    const requesterVisit = await scan(client, c.requester, staff.clerkA);
    const bill = await checkout(client, staff.clerkA, requesterVisit.visitId, { receiptNo: receipt('REQ'), amountFen: 15_000 });
    const oldCode = await client.ok(routes.meCode, { token: c.requester });
    const holderBefore = (await card(client, c.holder)).points;
    await bind(c.requester, phoneCode(c.phone));
    const caseId = (await client.ok(routes.adminDuplicates, { token: staff.hq })).items.find((i) => i.requester.memberNo === c.requesterNo)!.id;

    const decisions = await Promise.all(
      Array.from({ length: 5 }, () => client.call(routes.adminDuplicateDecision, { token: staff.hq, params: { caseId }, body: { decision: 'merge' } })),
    );
    expect(decisions.map((d) => d.status)).toEqual(Array(5).fill(200));
    expect(decisions[0]!.body.status).toBe('merged');

    expect(await expectBalanceIsLedgerSum(client, c.holder)).toBe(holderBefore + bill.body.balance);
    const stale = await client.call(routes.meCard, { token: c.requester });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('member_merged');
    expect((await client.call(routes.meLedger, { token: c.requester, query: {} })).status).toBe(401);
    const scanOld = await client.call(routes.staffOpenVisit, { token: staff.clerkB, body: { code: oldCode.digits } });
    expect(scanOld.status).toBe(422);
    expect(scanOld.body.error.code).toBe('member_code_invalid');
    const again = await login(client, c.requesterOpenid);
    expect(again.member.memberNo).toBe(c.holderNo);
    const log = await client.ok(routes.meAccessLog, { token: c.holder });
    expect(log.items.some((e) => e.action === 'member_merge' && e.roleText === '总部')).toBe(true);
  });

  it('HQ merges the whole record: the stricter opt-out of each kind wins, credits add up, visits at both stores join, and the tier, segment and tags are those of the merged history', async () => {
    const c = await conflict();
    const templates = await client.ok(routes.messageTemplates, {});
    // The requester (to be absorbed) switched marketing pushes off and accepted two reminders; the
    // holder (the survivor) switched targeting off and accepted one.
    await client.ok(routes.mePreferences, { token: c.requester, body: { marketingOptOut: true, targetingOptOut: false } });
    await client.ok(routes.meSubscriptions, { token: c.requester, body: { results: { [templates.birthday]: 'accept', [templates.reactivation]: 'accept' } } });
    await client.ok(routes.mePreferences, { token: c.holder, body: { marketingOptOut: false, targetingOptOut: true } });
    await client.ok(routes.meSubscriptions, { token: c.holder, body: { results: { [templates.birthday]: 'accept' } } });
    // ¥1,600 at 静安寺 and ¥1,500 at 徐家汇: each silver on their own, gold (≥ ¥3,000) only together.
    const receipts = [receipt('WHOLEA'), receipt('WHOLEB')];
    const atA = await scan(client, c.requester, staff.clerkA);
    const billA = await checkout(client, staff.clerkA, atA.visitId, { receiptNo: receipts[0]!, amountFen: 160_000 });
    const atB = await scan(client, c.holder, staff.clerkB);
    const billB = await checkout(client, staff.clerkB, atB.visitId, { receiptNo: receipts[1]!, amountFen: 150_000 });
    expect([billA.status, billB.status]).toEqual([200, 200]);
    const [requesterId, holderId] = await Promise.all([memberIdByMemberNo(c.requesterNo), memberIdByMemberNo(c.holderNo)]);
    for (const [token, id] of [
      [c.requester, requesterId!],
      [c.holder, holderId!],
    ] as const) {
      expect((await card(client, token)).tier).toBe('silver');
      const alone = (await getMember(id))!;
      expect(alone.tags ?? []).not.toContain('multi_store');
      expect(alone.tags ?? []).not.toContain('big_spender');
    }
    const holderBefore = await expectBalanceIsLedgerSum(client, c.holder);
    const requesterPoints = await expectBalanceIsLedgerSum(client, c.requester);

    await bind(c.requester, phoneCode(c.phone));
    const caseId = (await client.ok(routes.adminDuplicates, { token: staff.hq })).items.find((i) => i.requester.memberNo === c.requesterNo)!.id;
    const decided = await client.call(routes.adminDuplicateDecision, { token: staff.hq, params: { caseId }, body: { decision: 'merge' } });
    expect(decided.body.status).toBe('merged');

    // Points and ledger: both balances, each bill once, the balance the ledger's sum.
    expect(await expectBalanceIsLedgerSum(client, c.holder)).toBe(holderBefore + requesterPoints);
    const ledger = await wholeLedger(client, c.holder);
    for (const no of receipts) expect(ledger.filter((e) => e.receiptNo === no && e.delta > 0)).toHaveLength(1);
    // Spend: the tier is recomputed from the combined 365 days.
    const merged = await card(client, c.holder);
    expect([merged.spend365Fen, merged.tier]).toEqual([310_000, 'gold']);
    // Preferences: of each kind the stricter wins; credits add up per template.
    const profile = await client.ok(routes.meProfile, { token: c.holder });
    expect(profile).toMatchObject({ marketingOptOut: true, targetingOptOut: true, subscriptions: { birthday: 2, reactivation: 1, bookingReminder: 0 } });
    // Visits: both stores, both visits, the history the segment and tags are computed from again.
    const survivor = (await getMember(holderId!))!;
    expect(survivor).toMatchObject({ visitCount: 2, segment: 'new' });
    expect([...survivor.storesVisited!].sort()).toEqual(['jingan', 'xuhui']);
    expect(Object.values(survivor.visitDays ?? {}).reduce((a, b) => a + b, 0)).toBe(2);
    expect([...survivor.tags!].sort()).toEqual(['big_spender', 'multi_store']);
    const visits = await partitionItems<{ storeId: string }>(keys.memberPartition(holderId!), keys.visitPrefix);
    expect(visits.map((v) => v.storeId).sort()).toEqual(['jingan', 'xuhui']);
    // Targeting is off now (the holder's choice survives): staff see the gold tier but no profile.
    const counter = await scan(client, c.holder, staff.clerkA);
    expect(counter.member).toMatchObject({ tier: 'gold', segment: null, tags: [] });
  });

  it('moves the requester’s booking (its seat stays held, once) and keeps a limit-1 coupon held once', async () => {
    const c = await conflict();
    const svc = await client.post('/v1/admin/services', {
      token: staff.hq,
      body: { name: `合并服务${randomUUID().slice(0, 4)}`, durationMinutes: 60, priceFen: 100, capacityByStore: { jingan: 1 } },
    });
    const tomorrow = addDays(shanghaiDate(Date.now()), 1);
    const booking = await client.call(routes.bookingsCreate, {
      token: c.requester,
      body: { storeId: 'jingan', serviceId: svc.body.id, start: `${tomorrow}T15:00:00+08:00` },
      idempotencyKey: randomUUID(),
    });
    expect(booking.status).toBe(201);
    const template = await client.ok(routes.adminTemplatesCreate, {
      token: staff.hq,
      body: {
        name: `限领一张${randomUUID().slice(0, 4)}`,
        kind: 'amount_off',
        valueFen: 500,
        validity: { type: 'relative', days: 30 },
        perMemberLimit: 1,
        obtainedBy: 'claim',
      },
      idempotencyKey: randomUUID(),
    });
    for (const token of [c.requester, c.holder]) {
      expect((await client.call(routes.couponsClaim, { token, params: { templateId: template.id }, idempotencyKey: randomUUID() })).status).toBe(201);
    }
    await bind(c.requester, phoneCode(c.phone));
    const caseId = (await client.ok(routes.adminDuplicates, { token: staff.hq })).items.find((i) => i.requester.memberNo === c.requesterNo)!.id;
    expect((await client.call(routes.adminDuplicateDecision, { token: staff.hq, params: { caseId }, body: { decision: 'merge' } })).status).toBe(200);

    const mine = await client.ok(routes.meBookings, { token: c.holder, query: {} });
    expect(mine.items.map((b) => b.id)).toContain(booking.body.id);
    const slots = await client.ok(routes.storeSlots, { params: { storeId: 'jingan' }, query: { serviceId: svc.body.id, date: tomorrow } });
    expect(slots.items.find((s) => s.time === '15:00')!.remaining).toBe(0);
    expect((await client.call(routes.bookingsCancel, { token: c.holder, params: { bookingId: booking.body.id }, idempotencyKey: randomUUID() })).status).toBe(200);
    const after = await client.ok(routes.storeSlots, { params: { storeId: 'jingan' }, query: { serviceId: svc.body.id, date: tomorrow } });
    expect(after.items.find((s) => s.time === '15:00')!.remaining).toBe(1);

    expect((await availableByTemplate(c.holderNo)).get(template.id)).toBe(1);
    const claimAgain = await client.call(routes.couponsClaim, { token: c.holder, params: { templateId: template.id }, idempotencyKey: randomUUID() });
    expect(claimAgain.body.error.code).toBe('limit_reached');
  });
});

describe('bad input to 重复会员 and 申请人工处理 gets a 400 naming the field, leaves the case as it was and writes no audit entry', () => {
  /** A phone conflict with its open case, and what HQ's list and both members' 访问记录 show of it. */
  async function openCase() {
    const phone = newPhone();
    const holder = await tokenOf(client, newOpenid('bad-holder'));
    expect((await bind(holder, phoneCode(phone))).body.outcome).toBe('bound');
    const requester = await login(client, newOpenid('bad-requester'));
    expect((await bind(requester.token, phoneCode(phone))).status).toBe(409);
    const found = (await client.ok(routes.adminDuplicates, { token: staff.hq })).items.find((i) => i.requester.memberNo === requester.member.memberNo)!;
    return { holder, requester: requester.token, requesterNo: requester.member.memberNo, caseId: found.id };
  }

  async function snapshot(c: Awaited<ReturnType<typeof openCase>>) {
    const [list, requesterLog, holderLog, decisions] = await Promise.all([
      client.ok(routes.adminDuplicates, { token: staff.hq }),
      client.ok(routes.meAccessLog, { token: c.requester, query: {} }),
      client.ok(routes.meAccessLog, { token: c.holder, query: {} }),
      Promise.all(
        (['member_merge', 'duplicate_reject'] as const).map(
          async (action) => (await client.ok(routes.adminAudit, { token: staff.hq, query: { date: shanghaiDate(Date.now()), action, memberNo: c.requesterNo } })).items,
        ),
      ),
    ]);
    return { theCase: list.items.find((i) => i.id === c.caseId), requesterLog: requesterLog.items, holderLog: holderLog.items, decisions: decisions.flat() };
  }

  it.each([
    ['a malformed case id', 'dup_not-hex', { decision: 'merge' }, 'caseId'],
    ['a case id of another kind', 'case_0123456789abcdef0123', { decision: 'reject' }, 'caseId'],
    ['an unknown decision', null, { decision: 'approve' }, 'decision'],
    ['no decision', null, { note: '看看' }, 'decision'],
    ['an oversized note', null, { decision: 'reject', note: '长'.repeat(201) }, 'note'],
    ['a note that is not text', null, { decision: 'reject', note: 42 }, 'note'],
  ])('deciding with %s', async (_name, caseId, body, field) => {
    const c = await openCase();
    const before = await snapshot(c);
    expect(before.theCase).toMatchObject({ status: 'open' });
    const res = await client.post(`/v1/admin/duplicates/${encodeURIComponent(caseId ?? c.caseId)}/decision`, { token: staff.hq, body });
    expect([res.status, res.body.error.code]).toEqual([400, 'validation_error']);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual([field]);
    const after = await snapshot(c);
    expect(after).toEqual(before);
    expect(after.decisions).toEqual([]);
  });

  it.each([
    ['an oversized note', { note: '帮'.repeat(201) }],
    ['a note that is not text', { note: ['这是我的号'] }],
    ['a numeric note', { note: 13800138000 }],
  ])('asking for help with %s', async (_name, body) => {
    const c = await openCase();
    const before = await snapshot(c);
    expect(before.theCase).toMatchObject({ requestedAt: null, note: null });
    const res = await client.post('/v1/me/phone/help', { token: c.requester, body });
    expect([res.status, res.body.error.code]).toEqual([400, 'validation_error']);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['note']);
    expect(await snapshot(c)).toEqual(before);
  });
});
