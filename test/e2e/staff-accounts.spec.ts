/**
 * Staff accounts at 375 px (README § Staff accounts): HQ invites a clerk in 员工管理, a brand-new
 * WeChat account joins with the code under 加入门店 and scans a member at the counter; HQ disables
 * the clerk (离职) and the clerk's very next scan is refused. And 报手机号积分: a walk-in with a new
 * phone is registered at the counter and earns points on the bill.
 */
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expect, test } from './contract';
import { apiSignIn, expectTappable, fillBill, freshReceipt, memberDigits, openVisit, openWorkbench, signIn, visiblePage } from './app';

/** A WeChat user who has never been staff: their first login creates a member (its own context). */
async function newMember(browser: Browser, request: APIRequestContext, openid: string): Promise<Page> {
  // Signed in and agreed to the privacy notice, as the app's first login does.
  const { token, expiresAt } = await apiSignIn(request, openid);
  const page = await (await browser.newContext()).newPage();
  await page.goto('/');
  // Taro's H5 storage keeps each value as {"data": …} in localStorage (api/session.ts reads it).
  // Written once, not as an init script: joining later changes the stored session's staff field.
  await page.evaluate((session) => localStorage.setItem('tongka.session', JSON.stringify({ data: session })), { token, expiresAt, staff: null });
  await page.goto(`/?at=${Date.now()}#/pages/card/index`);
  await expect(page.locator('.tk-points').filter({ visible: true })).toBeVisible({ timeout: 60_000 });
  return page;
}

test('HQ invites a clerk, who joins with the code and scans a member; after 离职 their next scan is refused', async ({ browser, request }) => {
  const name = `新店员${Date.now().toString(36).slice(-4)}`;

  // HQ: 员工管理 from the workbench, 邀请员工 for a 静安寺 clerk.
  const hq = await signIn(browser, 'demo-hq-admin');
  const workbench = await openWorkbench(hq);
  await workbench.locator('.tk-staff-accounts-entry').click();
  const admin = visiblePage(hq, 'tk-staff-accounts-page');
  await expect(admin.locator('.tk-staff-row').first()).toBeVisible();
  await admin.locator('.tk-invite-open').click();
  await admin.locator('.tk-invite-name input').fill(name);
  await expect(admin.locator('.tk-invite-role .tk-option')).toHaveText(['店员', '店长', '总部']);
  await admin.locator('.tk-invite-role .tk-option-clerk').click();
  await admin.locator('.tk-invite-store .tk-option', { hasText: '静安寺' }).click();
  await admin.locator('.tk-invite-submit').click();

  // The one-time code, big, with its QR, and the invite among the open ones with 撤销.
  const codeText = admin.locator('.tk-invite-created .tk-invite-code');
  await expect(codeText).toHaveText(/^[A-Z2-9]{8}$/);
  const code = (await codeText.innerText()).trim();
  await expect(admin.locator('.tk-invite-created .tk-qr-image')).toBeVisible();
  await expect(admin.locator('.tk-invite-created')).toContainText('24 小时');
  const openInvite = admin.locator('.tk-open-invite', { hasText: code });
  await expect(openInvite).toContainText(name);
  await expectTappable(openInvite.locator('.tk-invite-revoke'));
  await expectTappable(admin.locator('.tk-invite-open'));

  // A new WeChat account joins: an unknown code is refused in Chinese, then the real one, typed
  // in lower case with a hyphen, makes them staff; the workbench is theirs.
  const openid = `e2e-joiner-${Date.now().toString(36)}`;
  const joiner = await newMember(browser, request, openid);
  // 加入门店 from 我的资料与隐私.
  await joiner.goto(`/?at=${Date.now()}#/me/settings/index`);
  const entry = joiner.locator('.tk-join-store-entry').filter({ visible: true });
  await expect(entry).toBeVisible({ timeout: 60_000 });
  await entry.click();
  const join = visiblePage(joiner, 'tk-join-page');
  const input = join.locator('.tk-join-code-input input');
  await input.fill('ZZZZ-ZZZZ');
  await expectTappable(join.locator('.tk-join-submit'));
  await join.locator('.tk-join-submit').click();
  await expect(join.locator('.tk-join-error')).toContainText('邀请码不存在');
  await input.fill(`${code.slice(0, 4).toLowerCase()}-${code.slice(4).toLowerCase()}`);
  await join.locator('.tk-join-submit').click();
  await expect(join.locator('.tk-join-done-title')).toHaveText('您已成为门店员工');
  await expect(join.locator('.tk-join-done-who')).toContainText('店员');
  await join.locator('.tk-join-go').click();
  const clerkBench = joiner.locator('.tk-scan-page').filter({ visible: true });
  await expect(clerkBench.locator('.tk-staff-name')).toHaveText(name);
  await expect(clerkBench.locator('.tk-staff-store')).toContainText('静安寺');

  // The invite is used: a second account gets the Chinese "already used".
  const late = await newMember(browser, request, `${openid}-late`);
  await late.goto(`/?at=${Date.now()}#/me/join/index`);
  const lateJoin = visiblePage(late, 'tk-join-page');
  await lateJoin.locator('.tk-join-code-input input').fill(code);
  await lateJoin.locator('.tk-join-submit').click();
  await expect(lateJoin.locator('.tk-join-error')).toContainText('该邀请码已被使用');

  // The new clerk scans a member at the counter.
  const member = await signIn(browser, 'demo-member-zhang');
  await openVisit(joiner, (await memberDigits(member)).replace(/ /g, ''));
  await expect(joiner.locator('.tk-member-nickname').filter({ visible: true })).toHaveText('张伟');

  // HQ sees the clerk in 员工管理 (the used invite gone from the open ones) and disables them: 离职 is red and asks first.
  await hq.reload();
  const row = visiblePage(hq, 'tk-staff-accounts-page').locator('.tk-staff-row', { hasText: name });
  await expect(row.locator('.tk-staff-status')).toHaveText('在职');
  await expect(row.locator('.tk-staff-role')).toHaveText('店员');
  await expect(visiblePage(hq, 'tk-staff-accounts-page').locator('.tk-open-invite', { hasText: code })).toHaveCount(0);
  await expect(row.locator('.tk-staff-disable')).toHaveCSS('color', 'rgb(200, 16, 46)');
  await expectTappable(row.locator('.tk-staff-disable'));
  await row.locator('.tk-staff-disable').click();
  const modal = hq.locator('.taro__modal');
  await expect(modal).toContainText('员工权限立即失效');
  await modal.getByText('离职', { exact: true }).click();
  await expect(row.locator('.tk-staff-status')).toHaveText('已停用');
  await expect(row.locator('.tk-staff-enable')).toBeVisible();

  // The clerk's very next scan is refused, in Chinese.
  const bench = await openWorkbench(joiner);
  await bench.locator('.tk-digits-input input').fill((await memberDigits(member)).replace(/ /g, ''));
  await bench.locator('.tk-open-visit').click();
  await expect(bench.locator('.tk-counter-box')).toContainText('仅限门店店员使用');
  await expect(joiner.locator('.tk-member-panel').filter({ visible: true })).toHaveCount(0);
});

test('a walk-in earns points by phone at the counter: a new number registers a member', async ({ browser }) => {
  const clerk = await signIn(browser, 'demo-clerk-jingan');
  const bench = await openWorkbench(clerk);
  const phone = `139${String(Date.now()).slice(-8)}`;
  const input = bench.locator('.tk-phone-input input');
  await expect(input).toHaveAttribute('inputmode', 'numeric');
  await expectTappable(bench.locator('.tk-phone-visit'));

  // Letters are refused as typed; a short number is not looked up.
  await input.pressSequentially(`${phone.slice(0, 3)}ab${phone.slice(3, 6)}`);
  await expect(input).toHaveValue(phone.slice(0, 6));
  await bench.locator('.tk-phone-visit').click();
  await expect(bench.locator('.tk-phone-error')).toHaveText('请输入完整的 11 位手机号');

  await input.fill(phone);
  await bench.locator('.tk-phone-visit').click();
  const registered = clerk.locator('.taro__modal');
  await expect(registered).toContainText('新会员已登记');
  await expect(registered).toContainText(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
  await registered.getByText('开始收银', { exact: true }).click();
  const panel = clerk.locator('.tk-member-panel').filter({ visible: true });
  await expect(panel.locator('.tk-member-phone')).toHaveText(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
  await expect(panel.locator('.tk-member-points')).toHaveText('0');

  await fillBill(clerk, { amount: '50', receiptNo: freshReceipt('WALKIN') });
  await clerk.locator('.tk-checkout').click();
  await expect(clerk.locator('.tk-result-earned')).toHaveText(/^\+\d+$/);
  const earned = Number((await clerk.locator('.tk-result-earned').innerText()).replace('+', ''));
  expect(earned).toBeGreaterThan(0);
  await expect(clerk.locator('.tk-result-balance')).toHaveText(String(earned));

  // The same phone again is the same member, now with the points (no second registration).
  await openWorkbench(clerk);
  const again = clerk.locator('.tk-scan-page').filter({ visible: true });
  await again.locator('.tk-phone-input input').fill(phone);
  await again.locator('.tk-phone-visit').click();
  await expect(clerk.locator('.tk-member-panel').filter({ visible: true }).locator('.tk-member-points')).toHaveText(String(earned));
});

test('a manager sees and manages only their own store’s clerks, and invites clerks only', async ({ browser }) => {
  const manager = await signIn(browser, 'demo-manager-jingan');
  const workbench = await openWorkbench(manager);
  await workbench.locator('.tk-staff-accounts-entry').click();
  const admin = visiblePage(manager, 'tk-staff-accounts-page');
  await expect(admin.locator('.tk-staff-row', { hasText: '赵敏' })).toBeVisible();
  await expect(admin.locator('.tk-staff-row', { hasText: '徐家汇' })).toHaveCount(0);
  await expect(admin.locator('.tk-staff-row', { hasText: '陈总' })).toHaveCount(0);
  await expect(admin.locator('.tk-staff-group .tk-section-title')).toHaveText([/静安寺/]);
  // Clerks can be disabled; nobody's role or store changes from here; their own row has no action.
  await expect(admin.locator('.tk-staff-row', { hasText: '赵敏' }).locator('.tk-staff-disable')).toBeVisible();
  await expect(admin.locator('.tk-staff-reassign')).toHaveCount(0);
  await expect(admin.locator('.tk-staff-row', { hasText: '孙立' }).locator('.nut-button')).toHaveCount(0);

  await admin.locator('.tk-invite-open').click();
  await expect(admin.locator('.tk-invite-role')).toHaveCount(0);
  await expect(admin.locator('.tk-invite-fixed')).toContainText('角色：店员');
});
