/**
 * The staff side at 375 px: each role opens into its own 店员工作台, pages refuse the roles they are
 * not for (in Chinese, with a way back), 营业时间与预约设置, 券模板管理's filters and pages, and
 * 营销活动's messages by what they say. Runs after the other specs (it adds templates).
 */
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { routes } from '../../shared/contract/routes';
import { apiCall, expect, test } from './contract';
import { join } from 'node:path';
import { apiToken, openWorkbench, signIn, visiblePage } from './app';

const RESULTS = join(__dirname, '..', '..', 'test-results');
/** styles/tokens.scss $tk-danger. */
const DANGER = 'rgb(200, 16, 46)';

test.use({ viewport: { width: 375, height: 812 } });

/** At least 44 × 44 CSS px: a thumb's tap target. */
async function expectTappable(targets: Locator): Promise<void> {
  const count = await targets.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const box = await targets.nth(i).boundingBox();
    expect(box, `tap target ${i} is visible`).not.toBeNull();
    expect(box!.width, `tap target ${i} width`).toBeGreaterThanOrEqual(44);
    expect(box!.height, `tap target ${i} height`).toBeGreaterThanOrEqual(44);
  }
}

/** The workbench's entries, by title, in order. */
async function entryTitles(workbench: Locator): Promise<string[]> {
  const titles = workbench.locator('.tk-workbench-entry .nut-cell-title');
  await expect(titles.first()).toBeVisible();
  return (await titles.allInnerTexts()).map((t) => t.trim());
}

/** The app opened afresh at the member card, as on launch (a new load: its own query string). */
async function relaunchAtCard(page: Page): Promise<void> {
  await page.goto(`/?launch=${Date.now()}#/pages/card/index`);
}

test('each role opens into its own 店员工作台: the counter for store staff, management entries for HQ', async ({ browser }) => {
  // A clerk: the counter, 今日预约, and their own card.
  const clerk = await signIn(browser, 'demo-clerk-jingan');
  let workbench = await openWorkbench(clerk);
  await expect(clerk).toHaveTitle('店员工作台');
  await expect(workbench.locator('.tk-staff-store')).toContainText('静安寺店');
  await expect(workbench.locator('.tk-counter-box .tk-digits-input')).toBeVisible();
  expect(await entryTitles(workbench)).toEqual(['今日预约', '我的会员卡']);
  await expectTappable(workbench.locator('.tk-workbench-entry'));
  await expectTappable(workbench.locator('.tk-open-visit'));

  // On launch too (the app opened at the card), and 我的会员卡 still shows their own card.
  await relaunchAtCard(clerk);
  workbench = await openWorkbench(clerk);
  await expect(workbench.locator('.tk-counter-box')).toBeVisible();
  await workbench.locator('.tk-my-card-entry').click();
  await expect(clerk.locator('.tk-points').filter({ visible: true })).toBeVisible();
  await expect(clerk.locator('.tk-scan-page').filter({ visible: true })).toHaveCount(0);

  // A manager: the counter and the store's management.
  const manager = await signIn(browser, 'demo-manager-jingan');
  workbench = await openWorkbench(manager);
  await expect(workbench.locator('.tk-counter-box')).toBeVisible();
  expect(await entryTitles(workbench)).toEqual(['今日预约', '营业时间与预约设置', '收银记录', '券模板管理', '员工管理', '审计日志', '待跟进', '数据看板', '我的会员卡']);
  await expect(workbench).not.toContainText('门店排班');

  // HQ: no counter box it could not use, its management entries instead.
  const hq = await signIn(browser, 'demo-hq-admin');
  workbench = await openWorkbench(hq);
  await expect(workbench.locator('.tk-staff-store')).toHaveText('总部 · 管理全部门店');
  await expect(workbench.locator('.tk-counter-box')).toHaveCount(0);
  await expect(workbench.locator('.tk-digits-input')).toHaveCount(0);
  await expect(workbench.locator('.tk-section-title')).toHaveText('总部管理');
  expect(await entryTitles(workbench)).toEqual([
    '今日预约',
    '营业时间与预约设置',
    '收银记录',
    '券模板管理',
    '员工管理',
    '审计日志',
    '待跟进',
    '数据看板',
    '重复会员',
    '营销活动',
    '我的会员卡',
  ]);
  await expectTappable(workbench.locator('.tk-workbench-entry'));
  await settledShot(workbench, hq, 'workbench-hq.png');
});

test('a page refuses an account it is not for, in Chinese, with a way back to the workbench', async ({ browser }) => {
  const clerk = await signIn(browser, 'demo-clerk-xuhui');
  await clerk.goto('/#/staff/checkouts/index');
  const refused = visiblePage(clerk, 'tk-staff-checkouts-page');
  await expect(refused.locator('.tk-error')).toHaveText('仅限店长或总部使用');
  await refused.locator('.tk-retry').click();
  await openWorkbench(clerk);

  // HQ at the counter: it never checks a bill out.
  const hq = await signIn(browser, 'demo-hq-admin');
  await hq.goto('/#/staff/member/index');
  await expect(visiblePage(hq, 'tk-member-page').locator('.tk-error')).toContainText('总部账号不在门店柜台收银');

  // A manager at an HQ-only page.
  const manager = await signIn(browser, 'demo-manager-xuhui');
  await manager.goto('/#/admin/campaigns/index');
  await expect(visiblePage(manager, 'tk-campaigns-page').locator('.tk-error')).toHaveText('仅限总部使用');
});

test('营业时间与预约设置: named for what it holds, with switches that look like switches', async ({ browser }) => {
  const manager = await signIn(browser, 'demo-manager-pudong');
  const workbench = await openWorkbench(manager);
  await workbench.locator('.tk-schedule-entry').click();
  const page = visiblePage(manager, 'tk-schedule-page');
  await expect(manager).toHaveTitle('营业时间与预约设置');
  await expect(page.locator('.tk-hours-row')).toHaveCount(7);
  const monday = page.locator('.tk-hours-toggle-1');
  await expect(monday).toHaveAttribute('role', 'switch');
  await expect(monday.locator('.tk-switch-track')).toBeVisible();
  await expect(page.locator('.tk-save-schedule')).toHaveText('保存营业时间与预约设置');
  await expectTappable(page.locator('.tk-switch'));
  await expectTappable(page.locator('.tk-hours-time'));
  await expectTappable(page.locator('.tk-chip'));
  // 停止提供 is a destructive action: red.
  const stop = page.locator('.tk-capacity-stop').first();
  await expect(stop).toHaveCSS('color', DANGER);
});

/** As HQ through the API: a chain-wide template issued by rule (members never see it in 领券中心). */
async function createTemplate(request: APIRequestContext, token: string, name: string, key: string): Promise<string> {
  const template = await apiCall(request, routes.adminTemplatesCreate, {
    token,
    idempotencyKey: `staff-spec-${key}`,
    body: { name, kind: 'amount_off', valueFen: 500, validity: { type: 'relative', days: 7 }, obtainedBy: 'rule' },
  });
  return template.id;
}

test('券模板管理: filter by status and store, a page at a time, the redemption rate as a sensible percentage', async ({ browser, request }) => {
  // Enough templates for two pages, one of them ended.
  const token = await apiToken(request, 'demo-hq-admin');
  const run = Date.now().toString(36).slice(-4);
  const ids = [];
  for (let i = 0; i < 6; i++) ids.push(await createTemplate(request, token, `分页测试${run}-${i}`, `${run}-${i}`));
  await apiCall(request, routes.adminTemplateStatus, { token, params: { templateId: ids[0]! }, body: { status: 'ended' } });

  const hq = await signIn(browser, 'demo-hq-admin');
  await (await openWorkbench(hq)).locator('.tk-coupon-templates-entry').click();
  const page = visiblePage(hq, 'tk-templates-page');
  await expect(hq).toHaveTitle('券模板管理');

  // Status chips say how many each shows; the list is ten a page, newest first.
  const statusChips = page.locator('.tk-template-status-filter .tk-option');
  await expect(statusChips).toHaveText([/^全部 \d+$/, /^进行中 \d+$/, /^已暂停 \d+$/, /^已结束 \d+$/]);
  const total = Number((await statusChips.first().innerText()).replace(/\D/g, ''));
  expect(total).toBeGreaterThan(10);
  await expect(page.locator('.tk-template')).toHaveCount(10);
  await expect(page.locator('.tk-template').first()).toContainText(`分页测试${run}-5`);
  await expect(page.locator('.tk-pager-text')).toHaveText(`第 1 / ${Math.ceil(total / 10)} 页 · 共 ${total} 个`);
  await expectTappable(page.locator('.tk-pager .nut-button'));
  await page.locator('.tk-pager-next').click();
  await expect(page.locator('.tk-pager-text')).toHaveText(new RegExp(`^第 2 / `));
  await expect(page.locator('.tk-template')).toHaveCount(Math.min(10, total - 10));

  // 已结束: only ended templates, from page one again.
  await page.locator('.tk-template-status-filter .tk-option-ended').click();
  await expect(page.locator('.tk-template-status-filter .tk-option-ended')).toHaveClass(/tk-option-on/);
  const endedCards = page.locator('.tk-template');
  await expect(endedCards.filter({ hasText: `分页测试${run}-0` })).toHaveCount(1);
  for (const status of await endedCards.locator('.tk-template-status').allInnerTexts()) expect(status).toBe('已结束');

  // By store: 全部 statuses at 静安寺店, chain-wide templates included; 静安寺店专享 is there, not at 徐家汇店.
  await page.locator('.tk-template-status-filter .tk-option-all').click();
  await page.locator('.tk-template-store-filter .tk-option-jingan').click();
  await expect(page.locator('.tk-template').first()).toBeVisible();
  for (const where of await page.locator('.tk-template-line').filter({ hasText: '适用门店' }).allInnerTexts()) {
    expect(where).toMatch(/全部门店|静安寺店/);
  }
  await page.locator('.tk-template-store-filter .tk-option-xuhui').click();
  await expect(page.locator('.tk-template', { hasText: '静安寺店专享' })).toHaveCount(0);

  // The rate: a whole percentage, '—' before any coupon is issued; never NaN or a bare division.
  await page.locator('.tk-template-store-filter .tk-option-__any__').click();
  const counts = await page.locator('.tk-template-counts').allInnerTexts();
  for (const text of counts) expect(text).toMatch(/^已发 \d+ · 已核销 \d+ · 核销率 (—|<1%|\d{1,3}%)$/);
  await expect(page.locator('.tk-template', { hasText: `分页测试${run}-5` }).locator('.tk-template-counts')).toHaveText('已发 0 · 已核销 0 · 核销率 —');

  // 结束 is red; every button of a card is big enough to tap.
  const card = page.locator('.tk-template', { hasText: `分页测试${run}-5` });
  await expect(card.locator('.tk-template-end')).toHaveCSS('color', DANGER);
  await expectTappable(card.locator('.nut-button'));
  await expectTappable(page.locator('.tk-template-status-filter .tk-option'));
  await settledShot(page, hq, 'templates-filtered.png');
});

test('营销活动 names each message by what it says, never by its template id', async ({ browser }) => {
  const hq = await signIn(browser, 'demo-hq-admin');
  await (await openWorkbench(hq)).locator('.tk-campaigns-entry').click();
  const page = visiblePage(hq, 'tk-campaigns-page');
  await expect(page.locator('.tk-campaign-birthday .tk-campaign-message-title')).toHaveText('生日祝福');
  await expect(page.locator('.tk-campaign-reactivation_at_risk .tk-campaign-message-title')).toHaveText('回归优惠');
  await expect(page.locator('.tk-campaign-reactivation_dormant .tk-campaign-message-title')).toHaveText('回归优惠');
  await expect(page.locator('.tk-campaign-booking_reminder .tk-campaign-message-title')).toHaveText('预约提醒');
  await expect(page.locator('.tk-campaign-birthday .tk-campaign-message-state')).toHaveText('消息模板已配置');
  await expect(page).not.toContainText('tmpl-');
  // Each campaign's on/off is a switch, big enough to tap.
  await expect(page.locator('.tk-campaign-toggle')).toHaveCount(4);
  for (const toggle of await page.locator('.tk-campaign-toggle').all()) await expect(toggle).toHaveAttribute('role', 'switch');
  await expectTappable(page.locator('.tk-campaign-toggle'));
  await settledShot(page, hq, 'campaigns-messages.png');
});

/** A full-page screenshot once the page has slid in. */
async function settledShot(page: Locator, browserPage: Page, name: string): Promise<void> {
  await expect.poll(async () => Math.round((await page.boundingBox())?.x ?? -1)).toBe(0);
  await browserPage.screenshot({ path: join(RESULTS, name), fullPage: true });
}
