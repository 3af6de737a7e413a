/**
 * 导出我的数据 (README § Export): the member's copy holds every item written for them — checked
 * against their raw partition — with their bills (amounts, stores), nothing of anyone else, no table
 * keys, no staff names; a few a day, a retried key counted once, each export audited.
 */
import { randomUUID } from 'node:crypto';
import { addDays, shanghaiDate } from '../../shared/dates';
import { routes } from '../../shared/contract/routes';
import type { ExportDocument } from '../../shared/schemas/export';
import { ExportDocument as ExportDocumentSchema } from '../../shared/schemas/export';
import { getCheckout } from '../../functions/store/checkouts';
import { keys } from '../../functions/store/keys';
import { memberIdByMemberNo } from '../../functions/store/members';
import { getItem, partitionItems } from '../../functions/store/query';
import { checkout, login, receipt, scan, useStack } from './fixtures';

const { client, staff } = useStack('clerkA', 'clerkB', 'managerA', 'hq');

const newOpenid = (label: string) => `export-${label}-${randomUUID().slice(0, 8)}`;

function exportOf(token: string, key: string = randomUUID()) {
  return client.call(routes.meExport, { token, idempotencyKey: key });
}

async function newMember(label: string): Promise<{ token: string; memberNo: string; memberId: string }> {
  const signedIn = await login(client, newOpenid(label));
  return { token: signedIn.token, memberNo: signedIn.member.memberNo, memberId: (await memberIdByMemberNo(signedIn.member.memberNo))! };
}

/** Every property name anywhere in the document. */
function fieldNames(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => fieldNames(v, into));
  else if (value && typeof value === 'object') {
    for (const [name, v] of Object.entries(value)) {
      into.add(name);
      fieldNames(v, into);
    }
  }
  return into;
}

describe('导出我的数据', () => {
  it('holds every item written for the member (checked against the raw partition; every kind of item exported or named as internal), bills with amounts and stores, 门店已回复 on its rating, and nothing of anyone else', async () => {
    const member = await newMember('whole');
    const other = await newMember('other');

    // A bound phone, a profile update, two bills at two stores (one refunded), a claimed coupon, a booking.
    const phone = `177${String(Date.now()).slice(-8)}`;
    const bound = await client.call(routes.mePhoneBind, { token: member.token, body: { code: `phone-${phone}-${randomUUID().slice(0, 8)}` }, idempotencyKey: randomUUID() });
    expect(bound.status).toBe(200);
    await client.ok(routes.meProfileUpdate, { token: member.token, body: { nickname: '导出测试', birthday: '1990-05-17' } });
    const billA = await checkout(client, staff.clerkA, (await scan(client, member.token, staff.clerkA)).visitId, { receiptNo: receipt('EXPA'), amountFen: 12_300 });
    expect(billA.status).toBe(200);
    const billB = await checkout(client, staff.clerkB, (await scan(client, member.token, staff.clerkB)).visitId, { receiptNo: receipt('EXPB'), amountFen: 4_560 });
    expect(billB.status).toBe(200);
    const refunded = await checkout(client, staff.clerkA, (await scan(client, member.token, staff.clerkA)).visitId, { receiptNo: receipt('EXPR'), amountFen: 2_000 });
    expect(refunded.status).toBe(200);
    const reverse = await client.call(routes.staffReverse, { token: staff.managerA, params: { checkoutId: refunded.body.checkoutId }, idempotencyKey: randomUUID() });
    expect(reverse.status).toBe(200);
    const template = await client.ok(routes.adminTemplatesCreate, {
      token: staff.hq,
      body: { name: `导出券${randomUUID().slice(0, 4)}`, kind: 'amount_off', valueFen: 500, validity: { type: 'relative', days: 30 }, perMemberLimit: 1, obtainedBy: 'claim' },
      idempotencyKey: randomUUID(),
    });
    expect((await client.call(routes.couponsClaim, { token: member.token, params: { templateId: template.id }, idempotencyKey: randomUUID() })).status).toBe(201);
    const svc = await client.ok(routes.adminServicesCreate, {
      token: staff.hq,
      body: { name: `导出服务${randomUUID().slice(0, 4)}`, durationMinutes: 60, priceFen: 100, capacityByStore: { jingan: 2 } },
    });
    const booking = await client.call(routes.bookingsCreate, {
      token: member.token,
      body: { storeId: 'jingan', serviceId: svc.id, start: `${addDays(shanghaiDate(Date.now()), 1)}T15:00:00+08:00` },
      idempotencyKey: randomUUID(),
    });
    expect(booking.status).toBe(201);
    // A rating of the first bill (我的评价).
    const rated = await client.call(routes.meRate, {
      token: member.token,
      params: { ref: billA.body.checkoutId },
      body: { stars: 4, tags: ['服务'], comment: '导出测试的评价' },
      idempotencyKey: randomUUID(),
    });
    expect(rated.status).toBe(201);
    // A low rating of the second bill opens a follow-up, and HQ answers it (已联系: it stays open).
    const low = await client.call(routes.meRate, {
      token: member.token,
      params: { ref: billB.body.checkoutId },
      body: { stars: 2, tags: [], comment: '等太久了' },
      idempotencyKey: randomUUID(),
    });
    expect(low.status).toBe(201);
    const followUpId = (await getItem<{ followUpId: string }>(keys.openFollowUp(member.memberId)))!.followUpId;
    const answered = await client.call(routes.adminFollowUpOutcome, {
      token: staff.hq,
      params: { id: followUpId },
      body: { outcome: 'contacted', note: '已电话致歉' },
      idempotencyKey: randomUUID(),
    });
    expect(answered.status).toBe(200);
    // Another member's bill at the same store, the same minute.
    const otherBill = await checkout(client, staff.clerkA, (await scan(client, other.token, staff.clerkA)).visitId, { receiptNo: receipt('OTHER'), amountFen: 7_700 });
    expect(otherBill.status).toBe(200);

    const res = await exportOf(member.token);
    expect(res.status).toBe(200);
    const doc = res.body as ExportDocument;
    expect(ExportDocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.exportedAt).toMatch(/\+08:00$/);
    expect(doc.profile).toMatchObject({ memberNo: member.memberNo, nickname: '导出测试', birthday: '05-17', birthYear: 1990, phone });
    expect(doc.staffView.maskedPhone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);

    // Every ledger entry, coupon, booking, visit and audit entry of the raw partition is in it, by id.
    const raw = await partitionItems<Record<string, unknown>>(keys.memberPartition(member.memberId));
    const ofKind = (prefix: string) => raw.filter((i) => String(i.sk).startsWith(prefix));
    const sorted = (ids: unknown[]) => ids.map(String).sort();
    expect(sorted(doc.ledger.map((e) => e.id))).toEqual(sorted(ofKind('LEDGER#').map((i) => i.entryId)));
    expect(sorted(doc.coupons.map((c) => c.id))).toEqual(sorted(ofKind('COUPON#').map((i) => i.couponId)));
    expect(sorted(doc.bookings.map((b) => b.id))).toEqual(sorted(ofKind('BOOKING#').map((i) => i.bookingId)));
    expect(sorted(doc.visits.map((v) => v.ref))).toEqual(sorted(ofKind('VISIT#').map((i) => i.ref)));
    expect(sorted(doc.accessLog.map((e) => e.id))).toEqual(sorted(ofKind('AUDIT#').map((i) => i.auditId)));
    expect(sorted(doc.ratings.map((r) => r.ref))).toEqual(sorted(ofKind('RATING#').map((i) => i.ref)));
    const ratingOf = (ref: string) => doc.ratings.find((r) => r.ref === ref);
    expect(ratingOf(billA.body.checkoutId)).toMatchObject({ stars: 4, tags: ['服务'], comment: '导出测试的评价', storeId: 'jingan', storeReplied: false, replyOutcome: null });
    // 门店已回复: the latest answer's outcome and time (never the staff's note).
    expect(ratingOf(billB.body.checkoutId)).toMatchObject({ stars: 2, comment: '等太久了', storeReplied: true, replyOutcome: 'contacted' });
    expect(ratingOf(billB.body.checkoutId)!.repliedAt).toMatch(/\+08:00$/);
    expect(JSON.stringify(doc)).not.toContain('已电话致歉');

    // Every kind of item in the member's partition is in the document, or named here as internal.
    const exported: Record<string, string> = {
      PROFILE: 'profile, consents, preferences, subscriptions, staffView',
      LEDGER: 'ledger',
      COUPON: 'coupons',
      BOOKING: 'bookings',
      VISIT: 'visits',
      AUDIT: 'accessLog',
      PUSH: 'pushes',
      RATING: 'ratings (with the follow-up’s latest answer)',
    };
    const leftOut: Record<string, string> = {
      // How many of a template the member ever held: the per-member limit's counter (the coupons are exported).
      TEMPLATECOUNT: 'counter',
      // A rule issued to the member once in a period: a uniqueness claim (the coupon it issued is exported).
      RULEISSUE: 'claim',
      // The member's one open follow-up: a uniqueness claim (its answers are on the exported ratings).
      OPENFOLLOWUP: 'claim',
    };
    const kinds = new Set(raw.map((i) => String(i.sk).split('#')[0]!));
    for (const kind of ['PROFILE', 'LEDGER', 'COUPON', 'BOOKING', 'VISIT', 'AUDIT', 'RATING', 'OPENFOLLOWUP']) expect(kinds).toContain(kind);
    for (const kind of kinds) expect({ kind, covered: kind in exported || kind in leftOut }).toEqual({ kind, covered: true });
    expect(doc.ledger.length).toBeGreaterThanOrEqual(4); // three earns and the refund's take-back
    expect(doc.coupons.map((c) => c.templateId)).toContain(template.id);
    expect(doc.bookings.map((b) => b.id)).toContain(booking.body.id);
    expect(doc.visits.filter((v) => v.kind === 'purchase')).toHaveLength(3);
    expect(doc.accessLog.map((e) => e.action)).toEqual(expect.arrayContaining(['open_visit', 'checkout', 'reverse_checkout', 'data_export', 'follow_up_contact']));

    // Bills: amounts and store names, the refund marked.
    const stores = new Map((await client.ok(routes.storesList, {})).items.map((s) => [s.id, s.name]));
    const bills = new Map(doc.bills.map((b) => [b.checkoutId, b]));
    expect(doc.bills).toHaveLength(3);
    expect(bills.get(billA.body.checkoutId)).toMatchObject({
      receiptNo: billA.body.receiptNo,
      amountFen: 12_300,
      storeId: 'jingan',
      storeName: stores.get('jingan'),
      reversedAt: null,
    });
    expect(bills.get(billB.body.checkoutId)).toMatchObject({ receiptNo: billB.body.receiptNo, amountFen: 4_560, storeId: 'xuhui', storeName: stores.get('xuhui') });
    expect(bills.get(refunded.body.checkoutId)!.reversedAt).toMatch(/\+08:00$/);
    expect(doc.staffView.tier).toBe(doc.profile.tier);

    // Nothing of anyone else, no table keys, no staff names or ids.
    const text = JSON.stringify(doc);
    expect(text).not.toContain(other.memberNo);
    expect(text).not.toContain(otherBill.body.receiptNo);
    expect(text).not.toContain(otherBill.body.checkoutId);
    const names = fieldNames(doc);
    for (const internal of [
      'pk',
      'sk',
      'gsi1pk',
      'gsi1sk',
      'gsi2pk',
      'gsi3pk',
      'ttl',
      'staffId',
      'staffName',
      'openid',
      'version',
      'session_key',
      'phoneSealed',
      'phoneIndex',
      'birthYearSealed',
    ]) {
      expect(names.has(internal)).toBe(false);
    }
    const clerkName = (await getCheckout(billA.body.checkoutId))!.staffName;
    expect(clerkName).toBeTruthy();
    expect(text).not.toContain(clerkName!);
  });

  it('allows three a day: the fourth gets 429 with Retry-After; a retried key answers the same and is counted once; each is audited', async () => {
    const member = await newMember('limit');
    const first = await exportOf(member.token, 'export-key-one');
    expect(first.status).toBe(200);
    const again = await exportOf(member.token, 'export-key-one');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await exportOf(member.token)).status).toBe(200);
    expect((await exportOf(member.token)).status).toBe(200);

    const refused = await exportOf(member.token);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
    // The first key still answers its export (a retry is not a new one).
    expect((await exportOf(member.token, 'export-key-one')).body).toEqual(first.body);

    const counter = await getItem<{ count: number }>(keys.rateCounter('data_export', member.memberId, shanghaiDate(Date.now())));
    expect(counter?.count).toBe(3);
    const log = await client.ok(routes.meAccessLog, { token: member.token, query: { limit: 50 } });
    const exports = log.items.filter((e) => e.action === 'data_export');
    expect(exports).toHaveLength(3);
    expect(exports[0]).toMatchObject({ storeName: '您本人', roleText: '本人操作', role: null, storeId: null });
  });

  it('answers twenty simultaneous requests with one key with one export, counted and audited once', async () => {
    const member = await newMember('burst');
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => exportOf(member.token, key)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const counter = await getItem<{ count: number }>(keys.rateCounter('data_export', member.memberId, shanghaiDate(Date.now())));
    expect(counter?.count).toBe(1);
    const audits = await partitionItems<{ action: string }>(keys.memberPartition(member.memberId), keys.auditPrefix);
    expect(audits.filter((a) => a.action === 'data_export')).toHaveLength(1);
  });

  it('refuses an export without an Idempotency-Key with 400 naming it, and counts nothing', async () => {
    const member = await newMember('nokey');
    const res = await client.call(routes.meExport, { token: member.token });
    expect(res.status).toBe(400);
    expect((res.body.error.details ?? []).map((d) => d.field)).toContain('Idempotency-Key');
    expect(await getItem(keys.rateCounter('data_export', member.memberId, shanghaiDate(Date.now())))).toBeUndefined();
  });

  it('answers 401 without a session', async () => {
    expect((await client.call(routes.meExport, { idempotencyKey: randomUUID() })).status).toBe(401);
  });
});
