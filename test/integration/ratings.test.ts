/**
 * Rating a visit (72 hours, once, the member's own) and the follow-up a low rating opens: one per
 * member across the chain. 已联系 is a step (it stays open and joinable, answered, not overdue);
 * 已解决 / 无法联系 close it — by a manager of a store involved (or HQ), with the follow-up's one
 * goodwill coupon in the same audited transaction (README § Ratings and follow-ups).
 */
import { randomUUID } from 'node:crypto';
import { shanghaiDate } from '../../shared/dates';
import { routes } from '../../shared/contract/routes';
import type { FollowUpOutcomeRequest, RatingRequest } from '../../shared/schemas/ratings';
import { checkIn } from '../../functions/domain/booking-staff';
import { openFollowUpFigures } from '../../functions/domain/follow-up-figures';
import { followUpsFor, recordFollowUpOutcome } from '../../functions/domain/follow-ups';
import { rateVisit } from '../../functions/domain/ratings';
import { requireStaff } from '../../functions/domain/staff';
import { keys } from '../../functions/store/keys';
import { memberIdByMemberNo } from '../../functions/store/members';
import { getItem, partitionItems, putItem, updateItem } from '../../functions/store/query';
import { getFollowUp, ratingStats, storeFollowUpIds, type FollowUpRecord } from '../../functions/store/ratings';
import type { MemberCouponRecord } from '../../functions/store/records';
import { checkout, login, receipt, scan, tokenOf, useStack } from './fixtures';

// A pass-through, so that one test can let a rating join between a close's read and its write.
jest.mock('../../functions/store/ratings', () => {
  const actual = jest.requireActual<typeof import('../../functions/store/ratings')>('../../functions/store/ratings');
  return { ...actual, getFollowUp: jest.fn(actual.getFollowUp) };
});
const actualGetFollowUp = jest.requireActual<typeof import('../../functions/store/ratings')>('../../functions/store/ratings').getFollowUp;

const { client, staff } = useStack('clerkA', 'clerkB', 'managerA', 'managerB', 'hq');

const HOUR = 3600 * 1000;
const newOpenid = (label: string) => `rate-${label}-${randomUUID().slice(0, 8)}`;

interface Member {
  token: string;
  memberId: string;
  memberNo: string;
}

async function newMember(label: string): Promise<Member> {
  const answer = await login(client, newOpenid(label));
  const memberId = (await memberIdByMemberNo(answer.member.memberNo))!;
  return { token: answer.token, memberId, memberNo: answer.member.memberNo };
}

/** A bill at the clerk's store: the visit the member can rate (its ref is the checkout id). */
async function billAt(member: Member, clerkToken: string, amountFen = 5_000): Promise<string> {
  const visit = await scan(client, member.token, clerkToken);
  const bill = await checkout(client, clerkToken, visit.visitId, { receiptNo: receipt('RATE'), amountFen });
  expect(bill.status).toBe(200);
  return bill.body.checkoutId;
}

function rate(member: Member, ref: string, body: RatingRequest, key: string = randomUUID()) {
  return client.call(routes.meRate, { token: member.token, params: { ref }, body, idempotencyKey: key });
}

/** A visit in the member's history as a checkout writes it, put directly (at a chosen time and store). */
async function visitItem(member: Member, storeId: string, at: number, ref = `chk_${randomUUID().replace(/-/g, '').slice(0, 20)}`): Promise<string> {
  const atIso = new Date(at).toISOString();
  await putItem(keys.memberVisit(member.memberId, atIso, ref), { memberId: member.memberId, at: atIso, ref, kind: 'purchase', storeId, amountFen: 1_000 });
  return ref;
}

async function goodwillTemplate(name: string, goodwill = true): Promise<string> {
  const created = await client.call(routes.adminTemplatesCreate, {
    token: staff.hq,
    body: { name, kind: 'amount_off', valueFen: 1_000, validity: { type: 'relative', days: 30 }, obtainedBy: 'rule', goodwill },
    idempotencyKey: randomUUID(),
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

function record(token: string, id: string, body: FollowUpOutcomeRequest, key: string = randomUUID()) {
  return client.call(routes.adminFollowUpOutcome, { token, params: { id }, body, idempotencyKey: key });
}

const openFollowUpOf = async (member: Member) => (await getItem<{ followUpId: string }>(keys.openFollowUp(member.memberId)))?.followUpId;
const codeOf = (res: { body: unknown }) => (res.body as { error?: { code: string } }).error?.code;
/** Where a store's link of a follow-up is: `OPEN` or `CLOSED` (the part of the store's list). */
const linkPart = async (id: string, storeId: string) => String((await getItem<{ gsi1sk: string }>(keys.followUpStore(id, storeId)))?.gsi1sk).split('#')[0];
const goodwillHeld = async (member: Member, templateId: string) =>
  (await partitionItems<MemberCouponRecord>(keys.memberPartition(member.memberId), keys.couponPrefix)).filter((c) => c.templateId === templateId).length;

describe('rating a visit', () => {
  it('rates a visit after a checkout: the card shows 待评价 until then, the pending list empties, the store-day counts it', async () => {
    const member = await newMember('basic');
    expect((await client.ok(routes.meCard, { token: member.token })).pendingRating).toBeNull();
    const ref = await billAt(member, staff.clerkA);

    const cardBefore = await client.ok(routes.meCard, { token: member.token });
    expect(cardBefore.pendingRating).toMatchObject({ ref, storeName: expect.any(String) });
    expect(cardBefore.pendingRating!.at).toMatch(/\+08:00$/);
    const pending = await client.ok(routes.meRatingsPending, { token: member.token });
    expect(pending.items.map((p) => p.ref)).toEqual([ref]);

    const before = (await ratingStats(['jingan'], [shanghaiDate()]))[0]!;
    const rated = await rate(member, ref, { stars: 5, tags: ['服务', '口味'], comment: '很好喝' });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ followUp: false, rating: { ref, stars: 5, tags: ['服务', '口味'], comment: '很好喝', storeReplied: false } });

    expect((await client.ok(routes.meCard, { token: member.token })).pendingRating).toBeNull();
    expect((await client.ok(routes.meRatingsPending, { token: member.token })).items).toEqual([]);
    const mine = await client.ok(routes.meRatings, { token: member.token });
    expect(mine.items.map((r) => [r.ref, r.stars])).toEqual([[ref, 5]]);
    const after = (await ratingStats(['jingan'], [shanghaiDate()]))[0]!;
    expect([after.count - before.count, after.sum - before.sum, after.followUpsOpened - before.followUpsOpened]).toEqual([1, 5, 0]);
    // A high rating opens no follow-up.
    expect(await getItem(keys.openFollowUp(member.memberId))).toBeUndefined();
  });

  it('rates a checked-in booking: its ref is the booking id, a visit at the booking’s store, rated once', async () => {
    const openingHours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '23:59' }));
    await client.ok(routes.adminSchedule, { token: staff.hq, params: { storeId: 'xuhui' }, body: { openingHours, minNoticeMinutes: 0 } });
    const svc = await client.ok(routes.adminServicesCreate, {
      token: staff.hq,
      body: { name: `评价服务${randomUUID().slice(0, 4)}`, durationMinutes: 30, priceFen: 1_000, capacityByStore: { xuhui: 5 } },
    });
    const member = await newMember('booking');
    const slots = async (date: string) =>
      (await client.ok(routes.storeSlots, { params: { storeId: 'xuhui' }, query: { serviceId: svc.id, date } })).items.filter((slot) => slot.remaining > 0);
    const start = ((await slots(shanghaiDate())).at(0) ?? (await slots(shanghaiDate(Date.now() + 24 * HOUR))).at(0))!.start;
    const booked = await client.call(routes.bookingsCreate, { token: member.token, body: { storeId: 'xuhui', serviceId: svc.id, start }, idempotencyKey: randomUUID() });
    expect(booked.status).toBe(201);
    // Checked in at the slot's start, in-process so the test need not wait for it: the scanned visit is kept open until then.
    const visit = await scan(client, member.token, staff.clerkB);
    const at = Math.max(Date.now(), Date.parse(start));
    await updateItem({ Key: keys.visit(visit.visitId), UpdateExpression: 'SET expiresAt = :e', ExpressionAttributeValues: { ':e': new Date(at + HOUR).toISOString() } });
    await checkIn(await requireStaff('demo-clerk-xuhui'), visit.visitId, booked.body.id, at);

    const pending = await client.ok(routes.meRatingsPending, { token: member.token });
    expect(pending.items).toEqual([expect.objectContaining({ ref: booked.body.id, kind: 'booking', storeId: 'xuhui' })]);
    const rated = await rate(member, booked.body.id, { stars: 2, tags: ['等待'], comment: '预约了还要等' });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ followUp: true, rating: { ref: booked.body.id, storeId: 'xuhui', stars: 2 } });
    expect((await getFollowUp((await openFollowUpOf(member))!))!.storeIds).toEqual(['xuhui']);
    expect(codeOf(await rate(member, booked.body.id, { stars: 3 }))).toBe('already_rated');
    expect((await client.ok(routes.meRatingsPending, { token: member.token })).items).toEqual([]);
  });

  it('refuses a visit older than 72 hours, another member’s visit and an unknown ref alike (404 visit_not_rateable)', async () => {
    const member = await newMember('window');
    const other = await newMember('other');
    const old = await visitItem(member, 'jingan', Date.now() - 72 * HOUR - 60_000);
    const recent = await visitItem(member, 'jingan', Date.now() - 71 * HOUR);
    const othersRef = await billAt(other, staff.clerkA);

    for (const ref of [old, othersRef, 'chk_nothing_here']) {
      const refused = await rate(member, ref, { stars: 4 });
      expect(refused.status).toBe(404);
      expect((refused.body as { error: { code: string } }).error.code).toBe('visit_not_rateable');
    }
    expect((await client.ok(routes.meRatingsPending, { token: member.token })).items.map((p) => p.ref)).toEqual([recent]);
    expect((await rate(member, recent, { stars: 4 })).status).toBe(201);

    // The same visit rated in-process 73 hours after it: refused by the window, not by the clock of the server.
    const later = await visitItem(member, 'xuhui', Date.now());
    await expect(rateVisit(member.memberId, later, { stars: 4, tags: [], comment: '' }, randomUUID(), () => Date.now() + 73 * HOUR)).rejects.toMatchObject({
      code: 'visit_not_rateable',
    });
  });

  it('rates a visit once: a second rating is 409 already_rated, while the first key replays the first answer', async () => {
    const member = await newMember('once');
    const ref = await billAt(member, staff.clerkA);
    const key = randomUUID();
    const first = await rate(member, ref, { stars: 4, comment: '不错' }, key);
    expect(first.status).toBe(201);
    const again = await rate(member, ref, { stars: 4, comment: '不错' }, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const second = await rate(member, ref, { stars: 1 });
    expect(second.status).toBe(409);
    expect((second.body as { error: { code: string } }).error.code).toBe('already_rated');
    const reused = await rate(member, ref, { stars: 2 }, key);
    expect(reused.status).toBe(422);
  });

  it('applies the same Idempotency-Key sent 10 times at once exactly once, with identical answers', async () => {
    const member = await newMember('burst');
    const ref = await billAt(member, staff.clerkA);
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 10 }, () => rate(member, ref, { stars: 2, tags: ['等待'] }, key)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
    expect(await partitionItems(keys.memberPartition(member.memberId), keys.ratingPrefix)).toHaveLength(1);
    const claim = await getItem<{ followUpId: string }>(keys.openFollowUp(member.memberId));
    const followUp = await getFollowUp(claim!.followUpId);
    expect(followUp!.ratings).toHaveLength(1);
  });

  it('answers 400 naming the field for stars 0, 6 or 2.5, an unknown tag, a comment of 201 characters', async () => {
    const member = await newMember('bad');
    const ref = await billAt(member, staff.clerkA);
    const cases: Array<[unknown, string]> = [
      [{ stars: 0 }, 'stars'],
      [{ stars: 6 }, 'stars'],
      [{ stars: 2.5 }, 'stars'],
      [{ stars: 3, tags: ['好吃'] }, 'tags.0'],
      [{ stars: 3, comment: '好'.repeat(201) }, 'comment'],
    ];
    for (const [body, field] of cases) {
      const res = await client.post(`/v1/me/visits/${ref}/rating`, { token: member.token, body, headers: { 'Idempotency-Key': randomUUID() } });
      expect(res.status).toBe(400);
      expect((res.body as { error: { details: Array<{ field: string }> } }).error.details.map((d) => d.field)).toContain(field);
    }
    // 200 characters (emoji counted as one each) is fine.
    expect((await rate(member, ref, { stars: 3, comment: '🙂'.repeat(200) })).status).toBe(201);
  });
});

describe('follow-up, once per member across the chain', () => {
  it('20 concurrent low ratings at two stores by one member open exactly one follow-up, listing both stores', async () => {
    const member = await newMember('race');
    const now = Date.now();
    const refs = await Promise.all(Array.from({ length: 20 }, (_, i) => visitItem(member, i % 2 ? 'xuhui' : 'jingan', now - (i + 1) * 60_000)));
    const answers = await Promise.all(refs.map((ref, i) => rate(member, ref, { stars: (i % 3) + 1, comment: `第${i}次` })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));

    const claim = await getItem<{ followUpId: string }>(keys.openFollowUp(member.memberId));
    const followUp = (await getFollowUp(claim!.followUpId))!;
    expect(followUp.ratings).toHaveLength(20);
    expect([...followUp.storeIds].sort()).toEqual(['jingan', 'xuhui']);
    const ratings = await partitionItems<{ followUpId: string }>(keys.memberPartition(member.memberId), keys.ratingPrefix);
    expect(new Set(ratings.map((r) => r.followUpId))).toEqual(new Set([followUp.followUpId]));

    // Each store's manager sees it, with the other store named; HQ sees it once in the open list.
    for (const [token, other] of [
      [staff.managerA, 'xuhui'],
      [staff.managerB, 'jingan'],
    ] as const) {
      const list = await client.ok(routes.adminFollowUps, { token });
      const mine = list.items.filter((f) => f.id === followUp.followUpId);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.stores.map((s) => s.storeId)).toContain(other);
    }
    const hq = await client.ok(routes.adminFollowUps, { token: staff.hq });
    expect(hq.items.filter((f) => f.id === followUp.followUpId)).toHaveLength(1);
  });

  it('a second low rating at another store joins the open one; its manager sees who handles it', async () => {
    const member = await newMember('join');
    const first = await billAt(member, staff.clerkA);
    const second = await billAt(member, staff.clerkB);
    const before = await ratingStats(['jingan', 'xuhui'], [shanghaiDate()]);
    expect((await rate(member, first, { stars: 2, tags: ['服务'] })).body).toMatchObject({ followUp: true });
    expect((await rate(member, second, { stars: 1, tags: ['等待'] })).body).toMatchObject({ followUp: true });
    const list = await client.ok(routes.adminFollowUps, { token: staff.managerB });
    const f = list.items.find((x) => x.member.memberNo === member.memberNo)!;
    expect(f.stores.map((s) => s.storeId)).toEqual(['jingan', 'xuhui']);
    expect(f.ratings.map((r) => r.stars)).toEqual([2, 1]);
    expect(f.dueAt).toMatch(/\+08:00$/);
    // Opened counted once, at the store whose rating opened it; each store counts its own rating.
    const after = await ratingStats(['jingan', 'xuhui'], [shanghaiDate()]);
    expect(after.map((s, i) => [s.storeId, s.count - before[i]!.count, s.sum - before[i]!.sum, s.followUpsOpened - before[i]!.followUpsOpened])).toEqual([
      ['jingan', 1, 2, 1],
      ['xuhui', 1, 1, 0],
    ]);
  });

  it('refuses a manager of an uninvolved store (403) and a clerk (403 not_manager)', async () => {
    const member = await newMember('rights');
    const ref = await billAt(member, staff.clerkA);
    await rate(member, ref, { stars: 1 });
    const id = (await getItem<{ followUpId: string }>(keys.openFollowUp(member.memberId)))!.followUpId;
    const pudong = await tokenOf(client, 'demo-manager-pudong');
    const body = { outcome: 'contacted' as const, note: '已致电' };
    const other = await client.call(routes.adminFollowUpOutcome, { token: pudong, params: { id }, body, idempotencyKey: randomUUID() });
    expect(other.status).toBe(403);
    expect((other.body as { error: { code: string } }).error.code).toBe('not_follow_up_store');
    expect((await client.call(routes.adminFollowUpOutcome, { token: staff.managerB, params: { id }, body, idempotencyKey: randomUUID() })).status).toBe(403);
    const clerk = await client.call(routes.adminFollowUpOutcome, { token: staff.clerkA, params: { id }, body, idempotencyKey: randomUUID() });
    expect((clerk.body as { error: { code: string } }).error.code).toBe('not_manager');
    const asMember = await client.call(routes.adminFollowUpOutcome, { token: member.token, params: { id }, body, idempotencyKey: randomUUID() });
    expect(asMember.status).toBe(403);
    expect((await client.ok(routes.adminFollowUps, { token: pudong })).items.some((f) => f.id === id)).toBe(false);
  });

  it('closes with a goodwill coupon in one transaction: the member holds it, it is audited, the follow-up leaves the open lists, the member sees 门店已回复', async () => {
    const member = await newMember('close');
    const ref = await billAt(member, staff.clerkA);
    await rate(member, ref, { stars: 2, comment: '等太久' });
    const id = (await getItem<{ followUpId: string }>(keys.openFollowUp(member.memberId)))!.followUpId;
    const templateId = await goodwillTemplate('关怀券·10元');
    const listed = await client.ok(routes.adminFollowUps, { token: staff.managerA });
    expect(listed.goodwillTemplates.map((t) => t.id)).toContain(templateId);

    const key = randomUUID();
    const body = { outcome: 'resolved' as const, note: '已致电道歉并赠券', goodwillTemplateId: templateId };
    const closed = await client.call(routes.adminFollowUpOutcome, { token: staff.managerA, params: { id }, body, idempotencyKey: key });
    expect(closed.status).toBe(200);
    expect(closed.body.followUp).toMatchObject({ status: 'closed', closed: { outcome: 'resolved', note: '已致电道歉并赠券', couponName: '关怀券·10元' } });
    // Retried: the same answer, one coupon.
    expect((await client.call(routes.adminFollowUpOutcome, { token: staff.managerA, params: { id }, body, idempotencyKey: key })).body).toEqual(closed.body);
    const again = await client.call(routes.adminFollowUpOutcome, {
      token: staff.managerA,
      params: { id },
      body: { outcome: 'contacted', note: '再次' },
      idempotencyKey: randomUUID(),
    });
    expect((again.body as { error: { code: string } }).error.code).toBe('follow_up_closed');

    const coupons = await partitionItems<MemberCouponRecord>(keys.memberPartition(member.memberId), keys.couponPrefix);
    expect(coupons.filter((c) => c.templateId === templateId).map((c) => c.source)).toEqual(['goodwill']);
    const log = await client.ok(routes.meAccessLog, { token: member.token });
    expect(log.items.filter((e) => e.action === 'follow_up_close')).toHaveLength(1);
    const audit = await client.ok(routes.adminAudit, { token: staff.managerA, query: { date: shanghaiDate() } });
    expect(audit.items.filter((e) => e.action === 'follow_up_close' && e.ref === id)).toHaveLength(1);

    expect(await getItem(keys.openFollowUp(member.memberId))).toBeUndefined();
    expect((await client.ok(routes.adminFollowUps, { token: staff.hq })).items.some((f) => f.id === id)).toBe(false);
    const storeList = await client.ok(routes.adminFollowUps, { token: staff.managerA });
    expect(storeList.items.find((f) => f.id === id)).toMatchObject({ status: 'closed' });
    const mine = await client.ok(routes.meRatings, { token: member.token });
    expect(mine.items.find((r) => r.ref === ref)).toMatchObject({ storeReplied: true, replyOutcome: 'resolved', repliedAt: expect.stringMatching(/\+08:00$/) });

    // The next low rating opens a new follow-up.
    const next = await billAt(member, staff.clerkB);
    await rate(member, next, { stars: 3 });
    const reopened = await getItem<{ followUpId: string }>(keys.openFollowUp(member.memberId));
    expect(reopened!.followUpId).not.toBe(id);
  });

  it('refuses a template HQ did not mark for goodwill (422), and writes nothing', async () => {
    const member = await newMember('plain');
    const ref = await billAt(member, staff.clerkA);
    await rate(member, ref, { stars: 1 });
    const id = (await getItem<{ followUpId: string }>(keys.openFollowUp(member.memberId)))!.followUpId;
    const plain = await goodwillTemplate('普通券', false);
    const res = await client.call(routes.adminFollowUpOutcome, {
      token: staff.managerA,
      params: { id },
      body: { outcome: 'contacted', note: '已联系', goodwillTemplateId: plain },
      idempotencyKey: randomUUID(),
    });
    expect(res.status).toBe(422);
    expect((res.body as { error: { code: string } }).error.code).toBe('template_not_goodwill');
    expect((await getFollowUp(id))!.status).toBe('open');
    // A manager cannot mark a template for goodwill.
    const byManager = await client.call(routes.adminTemplatesCreate, {
      token: staff.managerA,
      body: { name: '店长券', kind: 'amount_off', valueFen: 500, validity: { type: 'relative', days: 7 }, obtainedBy: 'rule', goodwill: true },
      idempotencyKey: randomUUID(),
    });
    expect(byManager.status).toBe(400);
  });

  it('HQ sees overdue follow-ups across the chain once their due time has passed', async () => {
    const member = await newMember('overdue');
    const ref = await billAt(member, staff.clerkB);
    await rate(member, ref, { stars: 2 });
    const id = (await getItem<{ followUpId: string }>(keys.openFollowUp(member.memberId)))!.followUpId;
    const hq = await requireStaff('demo-hq-admin');
    const nowList = await followUpsFor(hq, { overdue: true });
    expect(nowList.items.some((f) => f.id === id)).toBe(false);
    const later = await followUpsFor(hq, { overdue: true }, Date.now() + 25 * HOUR);
    expect(later.items.find((f) => f.id === id)).toMatchObject({ overdue: true, stores: [{ storeId: 'xuhui' }] });
    const all = await client.ok(routes.adminFollowUps, { token: staff.hq, query: { overdue: 'false' } });
    expect(all.items.find((f) => f.id === id)).toMatchObject({ overdue: false });
    const record = (await getFollowUp(id)) as FollowUpRecord;
    expect(Date.parse(record.dueAt) - Date.parse(record.openedAt)).toBe(24 * HOUR);
  });
});

describe('记录跟进: 已联系 is a step, 已解决 / 无法联系 close', () => {
  it('已联系 with a goodwill coupon keeps the follow-up open and the member’s one; a later low rating at another store joins it; the other store closes it', async () => {
    const member = await newMember('contact');
    const first = await billAt(member, staff.clerkA);
    await rate(member, first, { stars: 2, comment: '上菜太慢' });
    const id = (await openFollowUpOf(member))!;
    const templateId = await goodwillTemplate('关怀券·步骤');
    const before = await ratingStats(['jingan'], [shanghaiDate()]);

    const contacted = await record(staff.managerA, id, { outcome: 'contacted', note: '已电话致歉', goodwillTemplateId: templateId });
    expect(contacted.status).toBe(200);
    expect(contacted.body.followUp).toMatchObject({
      status: 'open',
      overdue: false,
      closed: null,
      respondedAt: expect.stringMatching(/\+08:00$/),
      goodwillCouponName: '关怀券·步骤',
      steps: [
        {
          outcome: 'contacted',
          note: '已电话致歉',
          byName: expect.stringMatching(/静安寺.* 店长 /),
          byStoreName: expect.stringContaining('静安寺'),
          couponName: '关怀券·步骤',
        },
      ],
    });
    // Still the member's one open follow-up: the claim stays, the store's link stays in the open part, nothing counted as closed.
    expect(await openFollowUpOf(member)).toBe(id);
    expect(await linkPart(id, 'jingan')).toBe('OPEN');
    expect((await client.ok(routes.adminFollowUps, { token: staff.hq })).items.some((f) => f.id === id)).toBe(true);
    expect((await ratingStats(['jingan'], [shanghaiDate()]))[0]!.followUpsClosed).toBe(before[0]!.followUpsClosed);
    expect(await goodwillHeld(member, templateId)).toBe(1);
    // The member: 门店已回复 · 已联系; their 访问记录 and the store's audit log say so.
    const mine = await client.ok(routes.meRatings, { token: member.token });
    expect(mine.items.find((r) => r.ref === first)).toMatchObject({ storeReplied: true, replyOutcome: 'contacted' });
    const log = await client.ok(routes.meAccessLog, { token: member.token });
    expect(log.items.filter((e) => e.action === 'follow_up_contact').map((e) => e.actionText)).toEqual(['就您的评价联系了您']);
    const audit = await client.ok(routes.adminAudit, { token: staff.managerA, query: { date: shanghaiDate() } });
    expect(audit.items.filter((e) => e.ref === id).map((e) => e.action)).toEqual(['follow_up_contact']);

    // The next low rating, at 徐家汇: it joins (no second follow-up); 徐家汇's manager sees who handles it and the step.
    const second = await billAt(member, staff.clerkB);
    expect((await rate(member, second, { stars: 1, comment: '也很慢' })).body).toMatchObject({ followUp: true });
    expect(await openFollowUpOf(member)).toBe(id);
    const joined = (await client.ok(routes.adminFollowUps, { token: staff.managerB })).items.find((f) => f.id === id)!;
    expect(joined).toMatchObject({ status: 'open', stores: [{ storeId: 'jingan' }, { storeId: 'xuhui' }], steps: [{ outcome: 'contacted' }] });
    expect(joined.ratings.map((r) => r.stars)).toEqual([2, 1]);
    expect(await linkPart(id, 'xuhui')).toBe('OPEN');

    // A second goodwill coupon is refused, with any step, and writes nothing.
    for (const outcome of ['contacted', 'resolved'] as const) {
      const twice = await record(staff.managerB, id, { outcome, note: '再送一张', goodwillTemplateId: templateId });
      expect([twice.status, codeOf(twice)]).toEqual([409, 'goodwill_already_given']);
    }
    expect(await goodwillHeld(member, templateId)).toBe(1);
    expect((await getFollowUp(id))!.steps).toHaveLength(1);

    // 徐家汇's manager (another store involved) closes it: as closing always did.
    const closed = await record(staff.managerB, id, { outcome: 'unreachable', note: '多次致电未接通' });
    expect(closed.status).toBe(200);
    expect(closed.body.followUp).toMatchObject({
      status: 'closed',
      steps: [{ outcome: 'contacted' }, { outcome: 'unreachable' }],
      closed: { outcome: 'unreachable', note: '多次致电未接通', byStoreName: expect.stringContaining('徐家汇'), couponName: null },
      goodwillCouponName: '关怀券·步骤',
    });
    expect(await openFollowUpOf(member)).toBeUndefined();
    expect([await linkPart(id, 'jingan'), await linkPart(id, 'xuhui')]).toEqual(['CLOSED', 'CLOSED']);
    expect((await ratingStats(['jingan'], [shanghaiDate()]))[0]!.followUpsClosed - before[0]!.followUpsClosed).toBe(1);
    expect((await client.ok(routes.adminFollowUps, { token: staff.hq })).items.some((f) => f.id === id)).toBe(false);
    expect(codeOf(await record(staff.managerA, id, { outcome: 'contacted', note: '再联系' }))).toBe('follow_up_closed');
    const after = await client.ok(routes.meRatings, { token: member.token });
    expect(after.items.filter((r) => r.ref === first || r.ref === second).map((r) => r.replyOutcome)).toEqual(['unreachable', 'unreachable']);
    const audited = await client.ok(routes.adminAudit, { token: staff.hq, query: { date: shanghaiDate() } });
    expect(
      audited.items
        .filter((e) => e.ref === id)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['follow_up_close', 'follow_up_contact']);
  });

  it('overdue is open, past due and unanswered: 已联系 takes it off HQ’s overdue list and the dashboards’ overdue count', async () => {
    const member = await newMember('late');
    await rate(member, await billAt(member, staff.clerkB), { stars: 3 });
    const id = (await openFollowUpOf(member))!;
    const hq = await requireStaff('demo-hq-admin');
    const later = Date.now() + 25 * HOUR;
    const overdueIds = async () => (await followUpsFor(hq, { overdue: true }, later)).items.map((f) => f.id);
    const figures = async () => {
      const [store, chain] = await Promise.all([openFollowUpFigures(['xuhui'], null, later), openFollowUpFigures(['chain', 'xuhui'], 'chain', later)]);
      return [store.get('xuhui'), chain.get('xuhui')];
    };
    expect(await overdueIds()).toContain(id);
    const [store, chain] = await figures();
    expect(store).toEqual(chain);

    expect((await record(staff.managerB, id, { outcome: 'contacted', note: '已回电' })).status).toBe(200);
    expect(await overdueIds()).not.toContain(id);
    const answered = (await followUpsFor(hq, { overdue: false }, later)).items.find((f) => f.id === id)!;
    expect(answered).toMatchObject({ status: 'open', overdue: false });
    const [storeAfter, chainAfter] = await figures();
    expect(storeAfter).toEqual(chainAfter);
    // Still open (counted open), one fewer overdue.
    expect([storeAfter!.open - store!.open, storeAfter!.overdue - store!.overdue]).toEqual([0, -1]);
  });

  it('two managers recording 已联系 at once both land; two coupons at once: exactly one is given', async () => {
    const member = await newMember('two');
    await rate(member, await billAt(member, staff.clerkA), { stars: 2 });
    await rate(member, await billAt(member, staff.clerkB), { stars: 2 });
    const id = (await openFollowUpOf(member))!;
    const steps = await Promise.all([
      record(staff.managerA, id, { outcome: 'contacted', note: '静安寺已联系' }),
      record(staff.managerB, id, { outcome: 'contacted', note: '徐家汇已联系' }),
      record(staff.hq, id, { outcome: 'contacted', note: '总部已联系' }),
    ]);
    expect(steps.map((r) => r.status)).toEqual([200, 200, 200]);
    const stored = (await getFollowUp(id))!;
    expect(stored.steps!.map((st) => st.note).sort()).toEqual(['徐家汇已联系', '总部已联系', '静安寺已联系']);
    expect(stored.respondedAt).toBe([...stored.steps!].sort((a, b) => a.at.localeCompare(b.at))[0]!.at);

    const templateId = await goodwillTemplate('关怀券·并发');
    const gifts = await Promise.all(
      [staff.managerA, staff.managerB, staff.hq].map((token) => record(token, id, { outcome: 'contacted', note: '赠券', goodwillTemplateId: templateId })),
    );
    expect(gifts.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(gifts.filter((r) => r.status === 409).map(codeOf)).toEqual(['goodwill_already_given', 'goodwill_already_given']);
    expect(await goodwillHeld(member, templateId)).toBe(1);
    expect((await getFollowUp(id))!.steps).toHaveLength(4);
  });

  it('two closes at once: one closes, the other is 409 follow_up_closed; counted and audited once', async () => {
    const member = await newMember('closes');
    await rate(member, await billAt(member, staff.clerkA), { stars: 1 });
    await rate(member, await billAt(member, staff.clerkB), { stars: 1 });
    const id = (await openFollowUpOf(member))!;
    const before = (await ratingStats(['jingan'], [shanghaiDate()]))[0]!;
    const closes = await Promise.all([
      record(staff.managerA, id, { outcome: 'resolved', note: '静安寺解决' }),
      record(staff.managerB, id, { outcome: 'unreachable', note: '徐家汇未接通' }),
    ]);
    expect(closes.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(closes.map(codeOf).filter(Boolean)).toEqual(['follow_up_closed']);
    expect((await ratingStats(['jingan'], [shanghaiDate()]))[0]!.followUpsClosed - before.followUpsClosed).toBe(1);
    expect((await getFollowUp(id))!.steps).toHaveLength(1);
    const log = await client.ok(routes.meAccessLog, { token: member.token });
    expect(log.items.filter((e) => e.action === 'follow_up_close')).toHaveLength(1);
  });

  it('a close racing a joining low rating at another store: either the rating joins and the close moves its link too, or it opens a new follow-up', async () => {
    for (let round = 0; round < 6; round++) {
      const member = await newMember(`race${round}`);
      await rate(member, await billAt(member, staff.clerkA), { stars: 2 });
      const id = (await openFollowUpOf(member))!;
      const ref = await visitItem(member, 'xuhui', Date.now() - 60_000);
      const [closed, rated] = await Promise.all([record(staff.managerA, id, { outcome: 'resolved', note: `第${round}轮` }), rate(member, ref, { stars: 1 })]);
      expect([closed.status, rated.status]).toEqual([200, 201]);

      const followUp = (await getFollowUp(id))!;
      expect(followUp.status).toBe('closed');
      // Every store of the closed follow-up has its link in the closed part: none is left open.
      for (const storeId of followUp.storeIds) expect(`${storeId}: ${await linkPart(id, storeId)}`).toBe(`${storeId}: CLOSED`);
      const rating = await getItem<{ followUpId: string }>(keys.rating(member.memberId, ref));
      const claim = await openFollowUpOf(member);
      if (followUp.ratings.some((r) => r.ref === ref)) {
        // Joined before the close: the close covered it.
        expect([rating!.followUpId, claim, followUp.storeIds]).toEqual([id, undefined, ['jingan', 'xuhui']]);
      } else {
        // Closed first: the rating opened the member's next follow-up, open at 徐家汇.
        expect(claim).toBeDefined();
        expect(claim).not.toBe(id);
        expect(rating!.followUpId).toBe(claim);
        expect(await storeFollowUpIds('xuhui', new Date().toISOString())).toContain(claim);
      }
    }
  });

  it('a close planned before a low rating at another store joined: its write fails on the version, it plans again and moves that store’s link too', async () => {
    const member = await newMember('version');
    await rate(member, await billAt(member, staff.clerkA), { stars: 2 });
    const id = (await openFollowUpOf(member))!;
    const ref = await visitItem(member, 'xuhui', Date.now() - 60_000);
    // The close reads the follow-up (jingan only); before it writes, the 徐家汇 rating joins it.
    jest.mocked(getFollowUp).mockImplementationOnce(async (followUpId) => {
      const read = await actualGetFollowUp(followUpId);
      expect((await rate(member, ref, { stars: 1 })).status).toBe(201);
      return read;
    });
    const closed = await recordFollowUpOutcome(await requireStaff('demo-manager-jingan'), id, { outcome: 'resolved', note: '已解决' }, randomUUID());
    expect(closed.followUp.stores.map((s) => s.storeId)).toEqual(['jingan', 'xuhui']);
    expect([await linkPart(id, 'jingan'), await linkPart(id, 'xuhui')]).toEqual(['CLOSED', 'CLOSED']);
    expect(await openFollowUpOf(member)).toBeUndefined();
    expect((await getItem<{ followUpId: string }>(keys.rating(member.memberId, ref)))!.followUpId).toBe(id);
  });

  it('retries with the same Idempotency-Key land once: 10 at once of a step with a coupon, 5 at once of a close', async () => {
    const member = await newMember('retry');
    await rate(member, await billAt(member, staff.clerkA), { stars: 2 });
    const id = (await openFollowUpOf(member))!;
    const templateId = await goodwillTemplate('关怀券·重试');
    const stepKey = randomUUID();
    const step = { outcome: 'contacted' as const, note: '已联系', goodwillTemplateId: templateId };
    const steps = await Promise.all(Array.from({ length: 10 }, () => record(staff.managerA, id, step, stepKey)));
    expect(steps.map((r) => r.status)).toEqual(Array(10).fill(200));
    for (const r of steps) expect(r.body).toEqual(steps[0]!.body);
    expect((await getFollowUp(id))!.steps).toHaveLength(1);
    expect(await goodwillHeld(member, templateId)).toBe(1);

    const before = (await ratingStats(['jingan'], [shanghaiDate()]))[0]!;
    const closeKey = randomUUID();
    const closes = await Promise.all(Array.from({ length: 5 }, () => record(staff.managerA, id, { outcome: 'resolved', note: '已解决' }, closeKey)));
    expect(closes.map((r) => r.status)).toEqual(Array(5).fill(200));
    for (const r of closes) expect(r.body).toEqual(closes[0]!.body);
    // Replayed later too, though the follow-up is closed now.
    expect((await record(staff.managerA, id, { outcome: 'resolved', note: '已解决' }, closeKey)).body).toEqual(closes[0]!.body);
    expect((await getFollowUp(id))!.steps!.map((st) => st.outcome)).toEqual(['contacted', 'resolved']);
    expect((await ratingStats(['jingan'], [shanghaiDate()]))[0]!.followUpsClosed - before.followUpsClosed).toBe(1);
    const log = await client.ok(routes.meAccessLog, { token: member.token });
    expect(
      log.items
        .filter((e) => e.action.startsWith('follow_up'))
        .map((e) => e.action)
        .sort(),
    ).toEqual(['follow_up_close', 'follow_up_contact']);
  });
});
