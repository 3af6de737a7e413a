/**
 * The demo chain: three Shanghai stores of a tea-and-bakery chain, a clerk and a manager at each,
 * one HQ admin, and members whose history was made by the real checkout code (so every balance
 * equals its ledger). Used by `npm start`, `npm run seed` and the tests.
 */
import { addDays, shanghaiDate } from '../../shared/dates';
import { checkout } from '../../functions/domain/checkout';
import { issueMemberCode } from '../../functions/domain/member-code';
import { currentNoticeVersion, recordConsent } from '../../functions/domain/consent';
import { memberForWechatUser, registerMember } from '../../functions/domain/members';
import { openVisit } from '../../functions/domain/visits';
import { getMember } from '../../functions/store/members';
import { listDemoAccounts, putDemoAccount } from '../../functions/store/demo';
import { getStaffByOpenid, putInvite, putStaff } from '../../functions/store/staff';
import { putStore } from '../../functions/store/stores';
import type { DemoAccountRecord, MemberRecord, StaffRecord } from '../../functions/store/records';
import { seedDemoBooking } from './demo-booking';
import { seedDemoCampaigns } from './demo-campaigns';
import { seedDemoCoupons } from './demo-coupons';
import { demoInvite, demoMembers, demoStaff, demoStores, demoUnboundMember, demoWalkIn, type DemoPurchase } from './demo-data';

export interface SeedTarget {
  tableName: string;
  endpoint: string;
}

function useTarget(target: SeedTarget): void {
  // The store layer reads these (and uses one fake key and region: DynamoDB Local keeps a database per pair).
  process.env.TABLE_NAME = target.tableName;
  process.env.DYNAMODB_ENDPOINT = target.endpoint;
  process.env.TONGKA_MEMBER_CODE_SECRET ??= 'dev-member-code-secret-change-me-0123456789';
}

export async function isSeeded(target: SeedTarget): Promise<boolean> {
  useTarget(target);
  return (await listDemoAccounts()).length > 0;
}

const DAY_MS = 24 * 3600 * 1000;

async function replayPurchase(member: MemberRecord, purchase: DemoPurchase, staffByStore: Map<string, StaffRecord>, now: number, index: number) {
  const clerk = staffByStore.get(purchase.storeId);
  if (!clerk) throw new Error(`no clerk for ${purchase.storeId}`);
  // An afternoon at the counter (14:00–19:00 Shanghai) on that business day.
  const day = addDays(shanghaiDate(now), -purchase.daysAgo);
  const at = Date.parse(`${day}T14:00:00+08:00`) + ((index * 37) % 300) * 60_000;
  const visit = await openVisit(clerk, issueMemberCode(member.memberNo, at).qr, at);
  await checkout(
    clerk,
    {
      visitId: visit.visitId,
      receiptNo: `${purchase.storeId.toUpperCase()}-${day.replace(/-/g, '')}-${String(index + 1).padStart(3, '0')}`,
      amountFen: purchase.amountFen,
      redeemPoints: purchase.redeemPoints ?? 0,
      couponIds: [],
      idempotencyKey: `seed-${member.memberNo}-${index}`,
    },
    () => at,
  );
}

export async function seedDemoChain(target: SeedTarget, now = Date.now()): Promise<void> {
  useTarget(target);
  for (const store of demoStores) await putStore(store);

  const staffByStore = new Map<string, StaffRecord>();
  const accounts: DemoAccountRecord[] = [];
  for (const staff of demoStaff) {
    await putStaff(staff);
    // Staff are members too: they log in through the same mini-program.
    await memberForWechatUser({ openid: staff.openid, nickname: staff.name }, now, false);
    if (staff.role === 'clerk' && staff.storeId) staffByStore.set(staff.storeId, staff);
    accounts.push({ role: staff.role, name: staff.name, openid: staff.openid, storeId: staff.storeId });
  }

  const byOpenid = (openid: string) => demoStaff.find((s) => s.openid === openid)!;
  // A year ago, so the members' replayed history meets the same coupons and rules.
  await seedDemoCoupons({ hq: byOpenid('demo-hq-admin'), managerJingan: byOpenid('demo-manager-jingan') }, now - 400 * DAY_MS, now);

  // Members who bound their phone in the mini-program (openid and phone both claimed), the walk-in
  // 周晓 (phone only) and her mini-program card that has not bound it yet (openid only).
  for (const demo of [...demoMembers, demoWalkIn, demoUnboundMember]) {
    const identity = { ...(demo.openid ? { openid: demo.openid } : {}), ...(demo.phone ? { phone: demo.phone } : {}), nickname: demo.nickname };
    const created = await registerMember(identity, now - demo.joinedDaysAgo * DAY_MS);
    // Members who use the mini-program agreed to the privacy notice there (a walk-in has not opened it).
    if (demo.openid) await recordConsent(created.memberId, currentNoticeVersion(), now - demo.joinedDaysAgo * DAY_MS);
    const purchases = [...demo.purchases].sort((a, b) => b.daysAgo - a.daysAgo);
    for (const [index, purchase] of purchases.entries()) {
      const member = (await getMember(created.memberId))!;
      await replayPurchase(member, purchase, staffByStore, now, index);
    }
    if (demo.openid) accounts.push({ role: 'member', name: demo.nickname, openid: demo.openid, storeId: null });
  }

  await openDemoInvite(now);
  await seedDemoBooking(byOpenid('demo-hq-admin'), demoStores, now);
  await seedDemoCampaigns(byOpenid('demo-hq-admin'), now);

  const order: Record<DemoAccountRecord['role'], number> = { member: 0, clerk: 1, manager: 2, hq: 3 };
  accounts.sort((a, b) => order[a.role] - order[b.role]);
  for (const [index, account] of accounts.entries()) await putDemoAccount(index, account);
}

/** The demo invite, open for 24 hours from `now` (re-seeding reopens it, used or not). */
function openDemoInvite(now: number): Promise<void> {
  const createdAt = new Date(now).toISOString();
  return putInvite({ ...demoInvite, createdAt, expiresAt: new Date(now + 24 * 3600_000).toISOString(), status: 'open' });
}

/**
 * On each `npm start` of an already seeded chain: reopens the demo invite, and lists demo staff
 * seeded before 员工管理 existed (their records gain the store index and staff-id reference, keeping
 * any change made in the demo since).
 */
export async function refreshDemoStaffAccess(target: SeedTarget, now = Date.now()): Promise<void> {
  useTarget(target);
  await openDemoInvite(now);
  for (const staff of demoStaff) {
    const current = (await getStaffByOpenid(staff.openid)) as (StaffRecord & { gsi1pk?: string }) | undefined;
    if (current && !current.gsi1pk) {
      const { pk: _pk, sk: _sk, ...record } = current as StaffRecord & { pk?: string; sk?: string };
      await putStaff(record);
    }
  }
}
