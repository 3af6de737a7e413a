/**
 * 注销会员 (README § Deletion): the request and its 7-day cooling-off (撤销注销), and the daily job
 * that erases the member — bookings cancelled with their seats freed, coupons voided, points
 * forfeited, personal data and claims erased, bills and ledger kept with no link to a person —
 * exactly once under crashes, re-runs and a racing checkout. The job runs in-process with `now`
 * moved past the cooling-off.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { routes } from '../../shared/contract/routes';
import { addDays, shanghaiDate } from '../../shared/dates';
import { eraseMember, runDeletionJob } from '../../functions/domain/deletion';
import { duplicateCaseId } from '../../functions/domain/phone-binding';
import { phoneIndexOf } from '../../functions/lib/field-crypto';
import { keys } from '../../functions/store/keys';
import { getMember, memberIdByMemberNo } from '../../functions/store/members';
import { getItem, partitionItems, putItem } from '../../functions/store/query';
import { getFollowUp, getOpenFollowUpId, ratingStats } from '../../functions/store/ratings';
import { checkout, login, receipt, scan, tokenOf, useStack } from './fixtures';

const { client, staff } = useStack('clerkA', 'managerA', 'hq');

const DAY_MS = 86_400_000;
const newOpenid = (label: string) => `del-${label}-${randomUUID().slice(0, 8)}`;
const newPhone = () => `176${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
/** After the cooling-off: the job as it will run in 8 days. */
const afterCoolingOff = () => Date.now() + 8 * DAY_MS;

const requestDeletion = (token: string, key: string = randomUUID()) => client.call(routes.meDeletionRequest, { token, body: { confirm: true }, idempotencyKey: key });

async function memberIdOf(token: string): Promise<string> {
  const shown = await client.ok(routes.meCard, { token });
  return (await memberIdByMemberNo(shown.memberNo))!;
}

/** Every item left in the member's partition, by kind (PROFILE, LEDGER, AUDIT, COUPON, …). */
async function partitionKinds(memberId: string): Promise<Set<string>> {
  const items = await partitionItems<{ sk: string }>(keys.memberPartition(memberId));
  return new Set(items.map((i) => i.sk.split('#')[0]!));
}

async function ledgerSum(memberId: string): Promise<number> {
  const entries = await partitionItems<{ delta: number }>(keys.memberPartition(memberId), keys.ledgerPrefix);
  return entries.reduce((sum, e) => sum + e.delta, 0);
}

/** A service at 静安寺 with one seat, and its first free start 12 days ahead (still in the future after the cooling-off). */
async function farSlot(): Promise<{ serviceId: string; date: string; start: string; time: string }> {
  const created = await client.post('/v1/admin/services', {
    token: staff.hq,
    body: { name: `注销测试${randomUUID().slice(0, 4)}`, durationMinutes: 60, priceFen: 10_000, capacityByStore: { jingan: 1 } },
  });
  expect(created.status).toBe(201);
  const serviceId = created.body.id as string;
  const date = addDays(shanghaiDate(Date.now()), 12);
  const slots = await client.ok(routes.storeSlots, { params: { storeId: 'jingan' }, query: { serviceId, date } });
  const slot = slots.items.find((s) => s.remaining > 0);
  if (!slot) throw new Error(`no slot on ${date}`);
  return { serviceId, date, start: slot.start, time: slot.time };
}

async function remaining(serviceId: string, date: string, time: string): Promise<number> {
  const slots = await client.ok(routes.storeSlots, { params: { storeId: 'jingan' }, query: { serviceId, date } });
  return slots.items.find((s) => s.time === time)!.remaining;
}

/** A member with a phone, a bill at 静安寺 (points), a coupon and a booking 12 days ahead. */
async function fullMember(label: string) {
  const openid = newOpenid(label);
  const token = await tokenOf(client, openid);
  const phone = newPhone();
  const bound = await client.call(routes.mePhoneBind, { token, body: { code: `phone-${phone}-${randomUUID().slice(0, 8)}` }, idempotencyKey: randomUUID() });
  expect(bound.status).toBe(200);
  const profile = await client.call(routes.meProfileUpdate, { token, body: { nickname: '注销测试', birthday: '1990-05-17' } });
  expect(profile.status).toBe(200);
  const visit = await scan(client, token, staff.clerkA);
  const receiptNo = receipt('DEL');
  const bill = await checkout(client, staff.clerkA, visit.visitId, { receiptNo, amountFen: 12_300 });
  expect(bill.status).toBe(200);
  const claimable = await client.ok(routes.couponsClaimable, { token });
  const free = claimable.items.find((t) => t.blockedBy === null && t.pointsCost === null);
  if (free) expect((await client.call(routes.couponsClaim, { token, params: { templateId: free.id }, idempotencyKey: randomUUID() })).status).toBeLessThan(300);
  const slot = await farSlot();
  const booking = await client.call(routes.bookingsCreate, { token, body: { storeId: 'jingan', serviceId: slot.serviceId, start: slot.start }, idempotencyKey: randomUUID() });
  expect(booking.status).toBe(201);
  const memberId = await memberIdOf(token);
  return { openid, token, phone, receiptNo, memberId, slot, memberNo: (await client.ok(routes.meCard, { token })).memberNo };
}

describe('asking and withdrawing (撤销注销)', () => {
  it('shows what is lost, asks once per key, offers 撤销注销 at login during the cooling-off, withdraws, and asks again', async () => {
    const openid = newOpenid('ask');
    const token = await tokenOf(client, openid);
    const before = await client.ok(routes.meDeletion, { token });
    expect(before.pending).toBeNull();

    const key = randomUUID();
    const first = await requestDeletion(token, key);
    expect(first.status).toBe(200);
    expect(first.body.pending).not.toBeNull();
    const due = Date.parse(first.body.pending!.dueAt) - Date.parse(first.body.pending!.requestedAt);
    expect(due).toBe(7 * DAY_MS);
    expect((await requestDeletion(token, key)).body).toEqual(first.body);
    // Asking again with another key answers the pending request: the due date does not move.
    expect((await requestDeletion(token)).body.pending).toEqual(first.body.pending);
    expect((await login(client, openid)).deletion).toEqual(first.body.pending);

    const withdrawn = await client.call(routes.meDeletionCancel, { token });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.pending).toBeNull();
    expect((await client.call(routes.meDeletionCancel, { token })).body.pending).toBeNull();
    expect((await login(client, openid)).deletion).toBeNull();
    // Withdrawn: the job, even long after, leaves the member alone.
    const memberId = await memberIdOf(token);
    expect((await eraseMember(memberId, { now: afterCoolingOff })).outcome).toBe('not_due');
    expect((await client.call(routes.meCard, { token })).status).toBe(200);

    const again = await requestDeletion(token);
    expect(again.body.pending).not.toBeNull();
    expect((await login(client, openid)).deletion).toEqual(again.body.pending);
  });

  it.each([
    ['no body field', {}],
    ['confirm false', { confirm: false }],
    ['confirm as text', { confirm: 'yes' }],
  ])('refuses %s with a 400 naming confirm, and asks nothing', async (_, body) => {
    const token = await tokenOf(client, newOpenid('bad'));
    const res = await client.post('/v1/me/deletion', { token, body, headers: { 'Idempotency-Key': randomUUID() } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['confirm']);
    expect((await client.ok(routes.meDeletion, { token })).pending).toBeNull();
  });

  it('refuses a request without an Idempotency-Key with a 400 naming it', async () => {
    const token = await tokenOf(client, newOpenid('nokey'));
    const res = await client.post('/v1/me/deletion', { token, body: { confirm: true } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['Idempotency-Key']);
  });
});

describe('the deletion job', () => {
  it('does nothing before the due date; after it, erases the member and keeps the store’s bills and ledger with no link to a person', async () => {
    const m = await fullMember('full');
    const code = await client.ok(routes.meCode, { token: m.token });
    expect(await remaining(m.slot.serviceId, m.slot.date, m.slot.time)).toBe(0);
    const info = (await requestDeletion(m.token)).body;
    expect(info.points).toBe(123);
    expect(info.bookings).toBe(1);

    const early = await runDeletionJob({ now: () => Date.now() + 6 * DAY_MS });
    expect(early.erased).toBe(0);
    expect((await client.call(routes.meCard, { token: m.token })).status).toBe(200);

    const run = await runDeletionJob({ now: afterCoolingOff });
    expect(run.erased).toBeGreaterThanOrEqual(1);
    expect(run.failed).toBe(0);

    // Bookings cancelled and the seat free again; coupons, visits and markers gone.
    expect(await remaining(m.slot.serviceId, m.slot.date, m.slot.time)).toBe(1);
    expect([...(await partitionKinds(m.memberId))].sort()).toEqual(['AUDIT', 'LEDGER', 'PROFILE']);
    // The profile keeps no personal field; the balance is 0 and equals the ledger's sum (the forfeit entry).
    const erased = (await getMember(m.memberId)) as unknown as Record<string, unknown>;
    expect(erased).toMatchObject({ deletionState: 'deleted', points: 0, nickname: '已注销会员' });
    for (const field of ['phone', 'phoneIndex', 'phoneSealed', 'phoneMasked', 'openid', 'birthday', 'tags', 'segment', 'rfm', 'deletionDueAt', 'gsi1pk'])
      expect(erased).not.toHaveProperty(field);
    expect(await ledgerSum(m.memberId)).toBe(0);

    // The counter finds nothing by the phone: a new walk-in is registered on it.
    const lookup = await client.call(routes.staffPhoneVisit, { token: staff.clerkA, body: { phone: m.phone } });
    expect(lookup.status).toBe(201);
    expect(lookup.body.registered).toBe(true);
    expect(lookup.body.member.memberNo).not.toBe(m.memberNo);
    // The old member code and the old session no longer work.
    const scanned = await client.call(routes.staffOpenVisit, { token: staff.clerkA, body: { code: code.digits } });
    expect(scanned.status).toBe(404);
    expect((await client.call(routes.meCard, { token: m.token })).status).toBe(401);
    expect((await client.call(routes.meLedger, { token: m.token, query: { limit: 10 } })).status).toBe(401);
    expect((await client.call(routes.meDeletionCancel, { token: m.token })).status).toBe(401);

    // The same WeChat account signs in to a new, empty member.
    const again = await login(client, m.openid);
    expect(again.member.memberNo).not.toBe(m.memberNo);
    expect(again.member.points).toBe(0);
    expect(again.deletion).toBeNull();

    // The bill stays in the store's list, with its amounts and nothing about the member.
    const bills = await client.ok(routes.staffCheckouts, { token: staff.managerA, query: { date: shanghaiDate(Date.now()) } });
    const bill = bills.items.find((b) => b.receiptNo === m.receiptNo);
    expect(bill).toMatchObject({ amountFen: 12_300, pointsEarned: 123 });
    expect(JSON.stringify(bill)).not.toContain(m.memberNo);

    // Refunding it afterwards returns the money and marks the bill; there are no points left to move.
    const refund = await client.call(routes.staffReverse, { token: staff.managerA, params: { checkoutId: bill!.checkoutId }, idempotencyKey: randomUUID() });
    expect(refund.status).toBe(200);
    expect(refund.body).toMatchObject({ pointsRestored: 0, pointsClawedBack: 0, balance: 0 });
    const after = await client.ok(routes.staffCheckouts, { token: staff.managerA, query: { date: shanghaiDate(Date.now()) } });
    expect(after.items.find((b) => b.receiptNo === m.receiptNo)?.reversal).toBeTruthy();
  });

  it('a checkout racing the deletion lands wholly before it or is refused after it; nothing is half-deleted', async () => {
    const members = await Promise.all([0, 1, 2].map((i) => fullMember(`race${i}`)));
    for (const m of members) expect((await requestDeletion(m.token)).status).toBe(200);
    // The member shows the code before the job starts; the bill is rung up while it runs.
    const visits = await Promise.all(members.map((m) => scan(client, m.token, staff.clerkA)));
    const results = await Promise.all(
      members.map(async (m, i) => {
        const [bill, erasure] = await Promise.all([
          checkout(client, staff.clerkA, visits[i]!.visitId, { receiptNo: receipt('RACE'), amountFen: 5_000 }),
          // A beat apart, so some land before and some after.
          new Promise((resolve) => setTimeout(resolve, i * 40)).then(() => eraseMember(m.memberId, { now: afterCoolingOff })),
        ]);
        return { bill, erasure };
      }),
    );
    for (const [i, { bill, erasure }] of results.entries()) {
      const m = members[i]!;
      expect(erasure.outcome).toBe('erased');
      // Landed before (200: its points were forfeited with the rest) or refused after (404): never a 500.
      expect([200, 404]).toContain(bill.status);
      if (bill.status === 404) expect(bill.body.error.code).toBe('member_not_found');
      expect([...(await partitionKinds(m.memberId))].sort()).toEqual(['AUDIT', 'LEDGER', 'PROFILE']);
      expect(await ledgerSum(m.memberId)).toBe(0);
      expect((await getMember(m.memberId))!.points).toBe(0);
      const forfeit = (await partitionItems<{ reason: string; delta: number }>(keys.memberPartition(m.memberId), keys.ledgerPrefix)).find((e) => e.reason === 'forfeit')!;
      expect(forfeit.delta).toBe(bill.status === 200 ? -173 : -123);
    }
  });

  it.each([1, 2, 3])('a run cut off after %i step(s) is finished by the next run, and a second run changes nothing', async (steps) => {
    const m = await fullMember(`crash${steps}`);
    await requestDeletion(m.token);
    const cut = await eraseMember(m.memberId, { now: afterCoolingOff, stopAfterSteps: steps });
    expect(cut.outcome).toBe('stopped');
    // Halfway: already gone for the member, the counter and the daily campaigns (out of the birthday index).
    expect((await client.call(routes.meCard, { token: m.token })).status).toBe(401);
    expect(await getMember(m.memberId)).not.toHaveProperty('gsi2pk');
    expect((await client.call(routes.staffPhoneVisit, { token: staff.clerkA, body: { phone: m.phone } })).body.registered).toBe(true);

    const next = await runDeletionJob({ now: afterCoolingOff });
    expect(next.failed).toBe(0);
    const after = await partitionItems<Record<string, unknown>>(keys.memberPartition(m.memberId));
    expect((await getMember(m.memberId)) as unknown).toMatchObject({ deletionState: 'deleted', points: 0 });
    expect(await remaining(m.slot.serviceId, m.slot.date, m.slot.time)).toBe(1);
    expect(await ledgerSum(m.memberId)).toBe(0);

    expect((await eraseMember(m.memberId, { now: afterCoolingOff })).outcome).toBe('already_erased');
    await runDeletionJob({ now: afterCoolingOff });
    expect(await partitionItems<Record<string, unknown>>(keys.memberPartition(m.memberId))).toEqual(after);
    expect(await remaining(m.slot.serviceId, m.slot.date, m.slot.time)).toBe(1);
  });

  it('erases a long history in several chunks; cut off between two chunks, the next run erases the rest', async () => {
    const m = await fullMember('long');
    // 200 more visit-history items in the member's partition: more than two chunks' worth.
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => putItem(keys.memberVisit(m.memberId, new Date(Date.now() - i * 60_000).toISOString(), `v${i}`), { memberId: m.memberId })),
    );
    await requestDeletion(m.token);
    const cut = await eraseMember(m.memberId, { now: afterCoolingOff, stopAfterSteps: 2 });
    expect(cut.outcome).toBe('stopped');
    expect((await partitionKinds(m.memberId)).has('VISIT')).toBe(true);
    const rest = await eraseMember(m.memberId, { now: afterCoolingOff });
    expect(rest.outcome).toBe('erased');
    expect(cut.counts.itemsErased + rest.counts.itemsErased).toBeGreaterThanOrEqual(200);
    expect([...(await partitionKinds(m.memberId))].sort()).toEqual(['AUDIT', 'LEDGER', 'PROFILE']);
    expect(await remaining(m.slot.serviceId, m.slot.date, m.slot.time)).toBe(1);
  });

  it('closes the 重复会员 case in which the erased member held the phone; the other member may bind it now', async () => {
    const m = await fullMember('holder');
    const other = await tokenOf(client, newOpenid('other'));
    const refused = await client.call(routes.mePhoneBind, { token: other, body: { code: `phone-${m.phone}-${randomUUID().slice(0, 8)}` }, idempotencyKey: randomUUID() });
    expect(refused.status).toBe(409);
    const naming = async () => JSON.stringify((await client.ok(routes.adminDuplicates, { token: staff.hq })).items).includes(m.memberNo);
    expect(await naming()).toBe(true);

    await requestDeletion(m.token);
    expect((await eraseMember(m.memberId, { now: afterCoolingOff })).outcome).toBe('erased');
    expect(await naming()).toBe(false);
    const bound = await client.call(routes.mePhoneBind, { token: other, body: { code: `phone-${m.phone}-${randomUUID().slice(0, 8)}` }, idempotencyKey: randomUUID() });
    expect(bound.status).toBe(200);
    expect(bound.body.outcome).toBe('bound');
  });

  it('deletes every 重复会员 case the erased member asked for, found by member (not only the latest), and frees the phones’ holders of them', async () => {
    const holders = await Promise.all([0, 1].map((i) => fullMember(`held${i}`)));
    const token = await tokenOf(client, newOpenid('asker'));
    for (const holder of holders) {
      const refused = await client.call(routes.mePhoneBind, { token, body: { code: `phone-${holder.phone}-${randomUUID().slice(0, 8)}` }, idempotencyKey: randomUUID() });
      expect(refused.status).toBe(409);
    }
    const memberId = await memberIdOf(token);
    const caseKeys = holders.map((h) => keys.duplicateCase(duplicateCaseId(memberId, phoneIndexOf(h.phone))));
    for (const key of caseKeys) expect(await getItem(key)).toBeDefined();
    // The profile names only the latest case; the first is found through the member's own index entries.
    expect((await getMember(memberId))!.duplicateCaseId).toBe(caseKeys[1]!.pk.slice('DUPCASE#'.length));

    await requestDeletion(token);
    expect((await eraseMember(memberId, { now: afterCoolingOff })).outcome).toBe('erased');
    for (const key of caseKeys) expect(await getItem(key)).toBeUndefined();
    const listed = JSON.stringify((await client.ok(routes.adminDuplicates, { token: staff.hq })).items);
    for (const holder of holders) expect(listed).not.toContain(holder.memberNo);
  });

  it('erases the follow-up a low rating opened: no number, nickname, phone or comment left, withdrawn from every open list, the store’s counts consistent', async () => {
    const openid = newOpenid('rated');
    const token = await tokenOf(client, openid);
    const phone = newPhone();
    expect((await client.call(routes.mePhoneBind, { token, body: { code: `phone-${phone}-${randomUUID().slice(0, 8)}` }, idempotencyKey: randomUUID() })).status).toBe(200);
    expect((await client.call(routes.meProfileUpdate, { token, body: { nickname: '差评会员' } })).status).toBe(200);
    const bill = await checkout(client, staff.clerkA, (await scan(client, token, staff.clerkA)).visitId, { receiptNo: receipt('LOW'), amountFen: 3_000 });
    expect(bill.status).toBe(200);
    const comment = '奶茶太甜了，店员态度也差';
    const rated = await client.call(routes.meRate, {
      token,
      params: { ref: bill.body.checkoutId },
      body: { stars: 2, tags: ['服务'], comment },
      idempotencyKey: randomUUID(),
    });
    expect(rated.status).toBe(201);
    const memberId = await memberIdOf(token);
    const memberNo = (await client.ok(routes.meCard, { token })).memberNo;
    const followUpId = (await getOpenFollowUpId(memberId))!;
    expect(followUpId).toBeTruthy();
    const listed = async (token: string) => (await client.ok(routes.adminFollowUps, { token })).items.some((f) => f.id === followUpId);
    expect(await listed(staff.hq)).toBe(true);
    expect(await listed(staff.managerA)).toBe(true);
    // Counted closed on the day the job withdraws it, at the store that opened it (as a close is).
    const jobDay = shanghaiDate(afterCoolingOff());
    const before = (await ratingStats(['jingan'], [jobDay]))[0]!;

    await requestDeletion(token);
    const run = await eraseMember(memberId, { now: afterCoolingOff });
    expect(run.outcome).toBe('erased');
    expect(run.counts.followUpsErased).toBe(1);

    const raw = (await getItem<Record<string, unknown>>(keys.followUp(followUpId)))!;
    const text = JSON.stringify(raw);
    for (const personal of [memberNo, '差评会员', phone, `${phone.slice(0, 3)}****${phone.slice(-4)}`, comment]) expect(text).not.toContain(personal);
    expect(raw).toMatchObject({ status: 'closed', phoneMasked: null, memberNo: '', nickname: '已注销会员' });
    expect(raw).not.toHaveProperty('gsi1pk');
    expect((await getFollowUp(followUpId))!.ratings).toEqual([expect.objectContaining({ stars: 2, comment: '' })]);
    // Out of HQ's open list and the store's list; the member's claim released; opened − closed back where it was.
    expect(await listed(staff.hq)).toBe(false);
    expect(await listed(staff.managerA)).toBe(false);
    expect(await getItem(keys.followUpStore(followUpId, 'jingan'))).toBeUndefined();
    expect(await getItem(keys.openFollowUp(memberId))).toBeUndefined();
    const after = (await ratingStats(['jingan'], [jobDay]))[0]!;
    expect(after.followUpsClosed - before.followUpsClosed).toBe(1);
    expect([...(await partitionKinds(memberId))].sort()).toEqual(['AUDIT', 'LEDGER', 'PROFILE']);

    // A second run finds nothing more to do.
    expect((await eraseMember(memberId, { now: afterCoolingOff })).outcome).toBe('already_erased');
    expect(await getItem(keys.followUp(followUpId))).toEqual(raw);
  });

  it('a run cut off right after the follow-up is withdrawn finishes the rest on the next run, without counting it closed twice', async () => {
    const token = await tokenOf(client, newOpenid('rated-cut'));
    const bill = await checkout(client, staff.clerkA, (await scan(client, token, staff.clerkA)).visitId, { receiptNo: receipt('LOWC'), amountFen: 3_000 });
    const rated = await client.call(routes.meRate, {
      token,
      params: { ref: bill.body.checkoutId },
      body: { stars: 1, tags: [], comment: '不好' },
      idempotencyKey: randomUUID(),
    });
    expect(rated.status).toBe(201);
    const memberId = await memberIdOf(token);
    const followUpId = (await getOpenFollowUpId(memberId))!;
    await requestDeletion(token);
    const today = shanghaiDate(afterCoolingOff());
    const before = (await ratingStats(['jingan'], [today]))[0]!;
    // Step 1 starts the erasure, step 2 withdraws the follow-up.
    expect((await eraseMember(memberId, { now: afterCoolingOff, stopAfterSteps: 2 })).outcome).toBe('stopped');
    expect((await getItem(keys.followUp(followUpId)))!).toMatchObject({ status: 'closed', nickname: '已注销会员' });
    expect((await partitionKinds(memberId)).has('RATING')).toBe(true);
    const rest = await eraseMember(memberId, { now: afterCoolingOff });
    expect(rest).toMatchObject({ outcome: 'erased', counts: { followUpsErased: 0 } });
    expect((await ratingStats(['jingan'], [today]))[0]!.followUpsClosed - before.followUpsClosed).toBe(1);
    expect([...(await partitionKinds(memberId))].sort()).toEqual(['AUDIT', 'LEDGER', 'PROFILE']);
  });
});
