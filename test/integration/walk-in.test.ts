import { randomInt, randomUUID } from 'node:crypto';
import { shanghaiDate } from '../../shared/dates';
import { routes } from '../../shared/contract/routes';
import { keys } from '../../functions/store/keys';
import { getMember, memberIdByMemberNo, memberIdByPhone } from '../../functions/store/members';
import { getItem, partitionItems } from '../../functions/store/query';
import { phoneOf } from '../../functions/domain/personal-data';
import { checkout, receipt, tokenOf, useStack } from './fixtures';

const { client, staff } = useStack('clerkA', 'clerkB', 'managerA', 'hq');

/** A mainland mobile number no other test (or the demo chain) uses. */
const newPhone = () => `166${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

function byPhone(token: string, phone: string, nickname?: string) {
  return client.call(routes.staffPhoneVisit, { token, body: { phone, ...(nickname ? { nickname } : {}) } });
}

/** The member's own audit entries (who read or changed their record), oldest first. */
interface MemberAudit {
  action: string;
  staffId: string;
  storeId: string | null;
  ref: string | null;
}

async function auditOf(memberNo: string): Promise<MemberAudit[]> {
  const memberId = (await memberIdByMemberNo(memberNo))!;
  return partitionItems<MemberAudit>(keys.memberPartition(memberId), 'AUDIT#');
}

describe('walk-in members (报手机号积分)', () => {
  it('registers a new phone as a walk-in member with the welcome coupon, and opens a visit showing only the masked phone', async () => {
    const phone = newPhone();
    const res = await byPhone(staff.clerkA, phone, '林先生');
    expect(res.status).toBe(201);
    expect(res.body.registered).toBe(true);
    expect(res.body.member).toMatchObject({ nickname: '林先生', maskedPhone: masked(phone), points: 0, tier: 'regular' });
    expect(res.body.coupons.filter((c) => c.source === 'welcome')).toHaveLength(1);
    expect(JSON.stringify(res.body)).not.toContain(phone);

    const member = (await getMember((await memberIdByPhone(phone))!))!;
    expect(member).toMatchObject({ memberNo: res.body.member.memberNo, phoneMasked: masked(phone) });
    expect(await phoneOf(member)).toBe(phone);
    expect(JSON.stringify(member)).not.toContain(phone); // sealed at rest (README § Encryption)
    expect(member.openid).toBeUndefined();
  });

  it('finds the same member at another store by the same phone, and a checkout there earns points on that member', async () => {
    const phone = newPhone();
    const first = await byPhone(staff.clerkA, phone);
    expect(first.status).toBe(201);

    const atB = await byPhone(staff.clerkB, phone, '别的名字');
    expect(atB.status).toBe(201);
    expect(atB.body.registered).toBe(false);
    expect(atB.body.member.memberNo).toBe(first.body.member.memberNo);
    expect(atB.body.member.nickname).toBe(first.body.member.nickname); // a lookup never renames a member
    expect(atB.body.storeId).not.toBe(first.body.storeId);

    const bill = await checkout(client, staff.clerkB, atB.body.visitId, { receiptNo: receipt('WALKIN'), amountFen: 6_600 });
    expect(bill.status).toBe(200);
    expect(bill.body.pointsEarned).toBe(66);

    const again = await byPhone(staff.clerkA, phone);
    expect(again.body.member).toMatchObject({ memberNo: first.body.member.memberNo, points: 66 });
  });

  it('opens a visit for a WeChat member who holds the phone, without registering anyone', async () => {
    await tokenOf(client, 'demo-member-wang');
    const res = await byPhone(staff.clerkB, '13812345678');
    expect(res.status).toBe(201);
    expect(res.body.registered).toBe(false);
    expect(res.body.member.maskedPhone).toBe('138****5678');
    expect(JSON.stringify(res.body)).not.toContain('13812345678');
  });

  it('makes exactly one member when 10 registrations of one new phone arrive at once', async () => {
    const phone = newPhone();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => byPhone(i % 2 ? staff.clerkA : staff.clerkB, phone)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.member.memberNo)).size).toBe(1);
    expect(answers.filter((a) => a.body.registered)).toHaveLength(1);

    const audit = await auditOf(answers[0]!.body.member.memberNo);
    expect(audit.filter((e) => e.action === 'phone_lookup')).toHaveLength(10);
    expect(audit.filter((e) => e.action === 'register_walk_in')).toHaveLength(1);
    const member = (await getMember((await memberIdByPhone(phone))!))!;
    expect(member.memberNo).toBe(answers[0]!.body.member.memberNo);
  });

  it.each([
    ['too short', '1380013800'],
    ['too long', '138001380001'],
    ['letters', '1380013800a'],
    ['a partial number', '****5678'],
    ['a landline', '02162881618'],
    ['not a mobile prefix', '12800138000'],
    ['+86 in front', '+8613800138000'],
    ['spaces', '138 0013 8000'],
    ['a number, not a string', 13800138000],
  ])('refuses %s with a 400 naming phone, and writes nothing', async (_, phone) => {
    const res = await client.post('/v1/staff/visits/by-phone', { token: staff.clerkA, body: { phone } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_error');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['phone']);
    expect(await memberIdByPhone('13800138000')).toBeUndefined();
    expect(await memberIdByPhone(String(phone))).toBeUndefined();
  });

  it('does not let HQ, who has no counter, look up a phone', async () => {
    const phone = newPhone();
    const res = await byPhone(staff.hq, phone);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('no_store');
    expect(await memberIdByPhone(phone)).toBeUndefined();
  });

  it('audits the lookup as a phone lookup, distinct from a scan, and the registration as register_walk_in, with the visit, staff and store', async () => {
    const phone = newPhone();
    const registered = await byPhone(staff.clerkA, phone);
    const found = await byPhone(staff.clerkB, phone);
    const audit = await auditOf(registered.body.member.memberNo);
    const [clerkA, clerkB] = await Promise.all(
      ['demo-clerk-jingan', 'demo-clerk-xuhui'].map(async (openid) => (await getItem<{ staffId: string }>(keys.staffByOpenid(openid)))!),
    );
    expect(audit.map((e) => e.action).sort()).toEqual(['phone_lookup', 'phone_lookup', 'register_walk_in']);
    expect(audit.some((e) => e.action === 'open_visit')).toBe(false);
    expect(audit.find((e) => e.action === 'phone_lookup' && e.ref === found.body.visitId)).toMatchObject({
      staffId: clerkB!.staffId,
      storeId: found.body.storeId,
    });
    // Only the lookup that registered the member writes the registration, with that lookup's visit.
    expect(audit.filter((e) => e.action === 'register_walk_in')).toEqual([
      expect.objectContaining({ staffId: clerkA!.staffId, storeId: registered.body.storeId, ref: registered.body.visitId }),
    ]);
    expect(
      audit
        .filter((e) => e.action === 'phone_lookup')
        .map((e) => e.ref)
        .sort(),
    ).toEqual([registered.body.visitId, found.body.visitId].sort());
    expect(JSON.stringify(audit)).not.toContain(phone);
  });

  it('shows the registration in the store’s audit log and, once the member binds WeChat, in their own 访问记录, in Chinese', async () => {
    const phone = newPhone();
    const registered = await byPhone(staff.clerkA, phone);
    const memberNo = registered.body.member.memberNo;
    const log = await client.ok(routes.adminAudit, { token: staff.managerA, query: { date: shanghaiDate(Date.now()), memberNo, action: 'register_walk_in' } });
    expect(log.items).toEqual([expect.objectContaining({ action: 'register_walk_in', storeId: registered.body.storeId, staffRole: 'clerk', ref: registered.body.visitId })]);

    // The walk-in binds this phone in the mini-program: its record, entries included, moves to the WeChat card.
    const token = await tokenOf(client, `walkin-bind-${randomUUID().slice(0, 8)}`);
    const bound = await client.call(routes.mePhoneBind, { token, body: { code: `phone-${phone}-${randomUUID().slice(0, 8)}` }, idempotencyKey: randomUUID() });
    expect(bound.body.outcome).toBe('merged');
    const seen = (await client.ok(routes.meAccessLog, { token, query: {} })).items;
    expect(seen.filter((e) => e.action === 'register_walk_in')).toEqual([
      expect.objectContaining({ actionText: '用您的手机号为您登记了会员', storeId: registered.body.storeId, role: 'clerk', roleText: '店员' }),
    ]);
    expect(seen.filter((e) => e.action === 'phone_lookup')).toEqual([expect.objectContaining({ actionText: '按手机号查询了您的会员信息' })]);
  });

  it('limits each staff member’s lookups per hour: once exceeded, 429 with Retry-After, and the lookup is not made', async () => {
    process.env.TONGKA_PHONE_LOOKUPS_PER_HOUR = '3';
    try {
      const manager = await tokenOf(client, 'demo-manager-xuhui');
      for (let i = 0; i < 3; i++) expect((await byPhone(manager, newPhone())).status).toBe(201);
      const phone = newPhone();
      const res = await byPhone(manager, phone);
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('rate_limited');
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect(await memberIdByPhone(phone)).toBeUndefined();
      // Another staff member has their own allowance.
      expect((await byPhone(await tokenOf(client, 'demo-clerk-pudong'), phone)).status).toBe(201);
    } finally {
      delete process.env.TONGKA_PHONE_LOOKUPS_PER_HOUR;
    }
  });
});
