/**
 * The audit trail in the app (README § Audit trail): a clerk scans a member; the member reads under
 * 我的资料与隐私 › 访问记录 which store and which role looked at their record (never who); HQ and the
 * store's manager read the scan in 审计日志, with the clerk's name, and find it by member number.
 */
import type { APIRequestContext, Browser, Locator, Page } from '@playwright/test';
import { staffAdminRoutes } from '../../shared/contract/routes/staff-admin';
import type { StaffSummary } from '../../shared/api';
import { apiCall, expect, test } from './contract';
import { apiSignIn, apiToken, expectTappable, memberDigits, openVisit, openWorkbench, signIn, visiblePage } from './app';

test.use({ viewport: { width: 375, height: 812 } });

/**
 * A WeChat user new to the chain (their own context): their record has no earlier looks in it.
 * `staff`: they join a store with an HQ invite first, and the app opens into their workbench.
 */
async function newMember(
  browser: Browser,
  request: APIRequestContext,
  openid: string,
  staff?: { hqToken: string; name: string },
): Promise<{ page: Page; staff: StaffSummary | null }> {
  // Signed in and agreed to the privacy notice, as the app's first login does (no member code before).
  const { token, expiresAt } = await apiSignIn(request, openid);
  let joined: StaffSummary | null = null;
  if (staff) {
    const invite = await apiCall(request, staffAdminRoutes.adminStaffInvitesCreate, {
      token: staff.hqToken,
      body: { name: staff.name, role: 'clerk', storeId: 'jingan' },
      idempotencyKey: `e2e-invite-${openid}`,
    });
    joined = await apiCall(request, staffAdminRoutes.staffInviteRedeem, { token, body: { code: invite.code } });
  }
  const page = await (await browser.newContext({ viewport: { width: 375, height: 812 } })).newPage();
  await page.goto('/');
  // Taro's H5 storage keeps each value as {"data": …} in localStorage (api/session.ts reads it).
  await page.evaluate((session) => localStorage.setItem('tongka.session', JSON.stringify({ data: session })), { token, expiresAt, staff: joined });
  await page.goto(`/?at=${Date.now()}#/pages/card/index`);
  await expect(page.locator(joined ? '.tk-staff-head' : '.tk-points').filter({ visible: true })).toBeVisible({ timeout: 60_000 });
  return { page, staff: joined };
}

/** The session the app keeps (api/session.ts), as stored. */
async function storedSession(page: Page): Promise<{ token: string; staff: StaffSummary | null }> {
  return page.evaluate(() => (JSON.parse(localStorage.getItem('tongka.session') ?? '{}') as { data: { token: string; staff: StaffSummary | null } }).data);
}

/** The member number on the card ('会员号 12345678'). */
async function memberNoOf(member: Page): Promise<string> {
  const text = member.locator('.tk-member-no').filter({ visible: true });
  await expect(text).toHaveText(/\d{8}/);
  return /\d{8}/.exec(await text.innerText())![0];
}

/** 审计日志 from the workbench. */
async function openAuditLog(staff: Page): Promise<Locator> {
  const workbench = await openWorkbench(staff);
  await expectTappable(workbench.locator('.tk-audit-entry'));
  await workbench.locator('.tk-audit-entry').click();
  const page = visiblePage(staff, 'tk-audit-page');
  await expect(page.locator('.tk-audit-head')).toBeVisible();
  return page;
}

/** Under 筛选, the member number: a partial one is not looked up, all 8 digits filter the day's log. */
async function filterByMember(audit: Locator, memberNo: string): Promise<void> {
  await expectTappable(audit.locator('.tk-audit-filter-toggle'));
  await audit.locator('.tk-audit-filter-toggle').click();
  const input = audit.locator('.tk-audit-member-input input');
  await input.fill(memberNo.slice(0, 5));
  await expect(audit.locator('.tk-audit-member-problem')).toHaveText('请输入完整的 8 位会员号');
  await input.fill(memberNo);
  await expect(audit.locator('.tk-audit-member-problem')).toHaveCount(0);
}

test('a clerk’s scan shows in the member’s 访问记录 as the store and 店员, and in 审计日志 for HQ and the manager', async ({ browser, request }) => {
  const { page: member } = await newMember(browser, request, `e2e-audit-${Date.now().toString(36)}`);
  const memberNo = await memberNoOf(member);

  // Before any look: the explanation and an empty record.
  await member.goto(`/?at=${Date.now()}#/me/settings/index`);
  const entry = member.locator('.tk-access-log-entry').filter({ visible: true });
  await expect(entry).toBeVisible({ timeout: 60_000 });
  await expectTappable(entry);
  await entry.click();
  let log = visiblePage(member, 'tk-access-log-page');
  await expect(log.locator('.tk-access-intro')).toContainText('每次门店员工查看或修改您的会员资料');
  await expect(log.locator('.tk-access-empty')).toContainText('还没有访问记录');

  // The 静安寺 clerk scans the member at the counter.
  const clerk = await signIn(browser, 'demo-clerk-jingan');
  await member.goto(`/?at=${Date.now()}#/pages/card/index`);
  await openVisit(clerk, (await memberDigits(member)).replace(/ /g, ''));

  // 访问记录: today, 静安寺店 and 店员 — never the clerk's name.
  await member.goto(`/?at=${Date.now()}#/me/access-log/index`);
  log = visiblePage(member, 'tk-access-log-page');
  const row = log.locator('.tk-access-row');
  await expect(row).toHaveCount(1, { timeout: 60_000 });
  await expect(log.locator('.tk-access-day-title')).toHaveText(['今天']);
  await expect(row.locator('.tk-access-store')).toContainText('静安寺店');
  await expect(row.locator('.tk-access-role')).toHaveText('店员');
  await expect(row.locator('.tk-access-action')).toHaveText('扫码查看了您的会员信息');
  await expect(row.locator('.tk-access-time')).toHaveText(/^\d{2}:\d{2}$/);
  await expect(log).not.toContainText('赵敏');

  // HQ: 审计日志 of the whole chain, filtered by the member number, shows the scan with the clerk's name.
  const hq = await signIn(browser, 'demo-hq-admin');
  let audit = await openAuditLog(hq);
  await expect(audit.locator('.tk-audit-scope .tk-option-all')).toHaveClass(/tk-option-on/);
  await filterByMember(audit, memberNo);
  let scan = audit.locator('.tk-audit-row');
  await expect(scan).toHaveCount(1);
  await expect(scan.locator('.tk-audit-action')).toHaveText('扫码查看会员');
  await expect(scan.locator('.tk-audit-store')).toHaveText('静安寺店');
  await expect(scan.locator('.tk-audit-staff')).toHaveText('赵敏（静安寺店员） · 店员');
  await expect(scan.locator('.tk-audit-member')).toHaveText(`会员号 ${memberNo}`);
  await expect(scan.locator('.tk-audit-time')).toHaveText(/^\d{2}:\d{2}$/);

  // Another action, or another store, leaves nothing for this member: the empty state says so.
  await audit.locator('.tk-audit-action-filter .tk-option-phone_lookup').click();
  await expect(audit.locator('.tk-audit-empty')).toContainText('没有符合筛选条件的记录');
  await audit.locator('.tk-audit-action-filter .tk-option-open_visit').click();
  await expect(audit.locator('.tk-audit-row')).toHaveCount(1);
  await audit.locator('.tk-audit-scope .tk-option', { hasText: '徐家汇' }).click();
  await expect(audit.locator('.tk-audit-empty')).toBeVisible();
  await audit.locator('.tk-audit-scope .tk-option', { hasText: '静安寺' }).click();
  await expect(audit.locator('.tk-audit-row')).toHaveCount(1);
  // 清除筛选: the store's whole day again, the scan among it.
  await audit.locator('.tk-audit-filter-clear').click();
  await expect(audit.locator('.tk-audit-row').first()).toBeVisible();

  // The manager of 静安寺: their own store's log, no store choice, the same scan by member number.
  const manager = await signIn(browser, 'demo-manager-jingan');
  audit = await openAuditLog(manager);
  await expect(audit.locator('.tk-audit-title')).toHaveText('静安寺店的审计日志');
  await expect(audit.locator('.tk-audit-scope')).toHaveCount(0);
  await filterByMember(audit, memberNo);
  scan = audit.locator('.tk-audit-row');
  await expect(scan).toHaveCount(1);
  await expect(scan).toContainText('赵敏（静安寺店员） · 店员');
  await expect(scan).toContainText('扫码查看会员');
});

test('a staff member disabled meanwhile: the first refused call drops the staff part of the session, the member stays signed in', async ({ browser, request }) => {
  const hqToken = await apiToken(request, 'demo-hq-admin');
  const name = `临时店员${Date.now().toString(36).slice(-4)}`;
  const { page: clerk, staff } = await newMember(browser, request, `e2e-audit-clerk-${Date.now().toString(36)}`, { hqToken, name });
  const bench = await openWorkbench(clerk);
  await expect(bench.locator('.tk-staff-name')).toHaveText(name);

  // HQ disables them (离职) while their workbench is open; their next scan is refused, in Chinese.
  await apiCall(request, staffAdminRoutes.adminStaffStatus, { token: hqToken, params: { staffId: staff!.staffId }, body: { status: 'disabled' } });
  await bench.locator('.tk-digits-input input').fill('1234123412341234');
  await bench.locator('.tk-open-visit').click();
  await expect(bench.locator('.tk-counter-box')).toContainText('仅限门店店员使用');

  // The session keeps its token but no staff: the card has no 店员工作台 entry, and a new launch stays on the card.
  const session = await storedSession(clerk);
  expect(session.token).toBeTruthy();
  expect(session.staff).toBeNull();
  await clerk.goto(`/?at=${Date.now()}#/pages/card/index`);
  await expect(clerk.locator('.tk-points').filter({ visible: true })).toBeVisible({ timeout: 60_000 });
  await expect(clerk.locator('.tk-staff-entry')).toHaveCount(0);
  await expect(clerk.locator('.tk-scan-page').filter({ visible: true })).toHaveCount(0);
});
