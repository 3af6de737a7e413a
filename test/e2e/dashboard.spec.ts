/**
 * 数据看板 in the app (README § Dashboards): a clerk checks a bill out at 静安寺店; the store's manager
 * sees the visit in today's figures and the trend drawn as a chart; HQ sees the chain and the three
 * stores side by side, moves to 周 and 月, and exports the table as CSV that Excel opens (BOM, Chinese
 * headers, CRLF).
 */
import type { Locator, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { routes } from '../../shared/contract/routes';
import { apiCall, expect, test } from './contract';
import { apiToken, expectChartDrawn, expectTappable, fillBill, freshReceipt, memberDigits, openVisit, openWorkbench, signIn, signInNewcomer, visiblePage } from './app';

test.use({ viewport: { width: 375, height: 812 } });

/** 数据看板 from the workbench, once its figures have arrived. */
async function openDashboard(staff: Page): Promise<Locator> {
  const workbench = await openWorkbench(staff);
  await expectTappable(workbench.locator('.tk-dashboard-entry'));
  await workbench.locator('.tk-dashboard-entry').click();
  const page = visiblePage(staff, 'tk-dashboard-page');
  await expect(page.locator('.tk-dash-body')).toBeVisible({ timeout: 60_000 });
  return page;
}

/** A number as the dashboard shows it ('1,234'). */
async function countIn(locator: Locator): Promise<number> {
  await expect(locator).toHaveText(/^\s*[\d,]+\s*$/);
  return Number((await locator.innerText()).replace(/[,\s]/g, ''));
}

/** The header row of the figures table: 指标, then one column per scope. */
async function tableColumns(dashboard: Locator): Promise<string[]> {
  return (await dashboard.locator('.tk-dash-figures .tk-dash-thead .tk-dash-th').allInnerTexts()).map((t) => t.trim());
}

test('after a checkout at 静安寺, its manager sees the visit and a drawn trend; HQ compares the stores by 日, 周 and 月 and exports CSV', async ({ browser, request }) => {
  // 静安寺's visits today, as its manager's dashboard route answers (the bill's count lands a moment
  // after the checkout: the applier adds what the bill recorded, README § Dashboards).
  const managerToken = await apiToken(request, 'demo-manager-jingan');
  const visitsToday = async () => (await apiCall(request, routes.adminDashboard, { token: managerToken, query: { period: 'day' } })).scopes[0]!.figures.visits;
  const visitsBefore = await visitsToday();

  // A member new to the chain, in a browser of their own.
  const member = await (await browser.newContext({ viewport: { width: 375, height: 812 } })).newPage();
  await signInNewcomer(member, `e2e-dash-${Date.now().toString(36)}`);
  const agree = member.locator('.tk-privacy-agree').filter({ visible: true });
  const card = member.locator('.tk-points').filter({ visible: true });
  await expect(card.or(agree).first()).toBeVisible({ timeout: 60_000 });
  if (await agree.isVisible()) await agree.click();
  await expect(card).toBeVisible({ timeout: 60_000 });

  // The 静安寺 clerk checks a bill out for them.
  const clerk = await signIn(browser, 'demo-clerk-jingan');
  await openVisit(clerk, (await memberDigits(member)).replace(/ /g, ''));
  await fillBill(clerk, { amount: '66', receiptNo: freshReceipt('DASH') });
  await clerk.locator('.tk-checkout').click();
  await expect(clerk.locator('.tk-result-earned')).toHaveText(/^\+\d+$/, { timeout: 60_000 });
  await expect.poll(visitsToday, { timeout: 15_000 }).toBe(visitsBefore + 1);

  // The 静安寺 manager: today, their own store only, the visit counted, the trend drawn.
  const manager = await signIn(browser, 'demo-manager-jingan');
  let dashboard = await openDashboard(manager);
  await expect(dashboard.locator('.tk-dash-title')).toHaveText('静安寺店的数据看板');
  await expect(dashboard.locator('.tk-dash-periods .tk-option-day')).toHaveClass(/tk-option-on/);
  await expect(dashboard.locator('.tk-dash-period-title')).toContainText('今天');
  expect(await countIn(dashboard.locator('.tk-dash-card-visits .tk-dash-card-value'))).toBeGreaterThanOrEqual(visitsBefore + 1);
  expect(await tableColumns(dashboard)).toEqual(['指标', '静安寺店']);
  expect(await countIn(dashboard.locator('.tk-dash-figures .tk-dash-row-visits .tk-dash-td').nth(1))).toBeGreaterThanOrEqual(1);
  await expect(dashboard.locator('.tk-dash-card-liability')).toHaveCount(0);
  await expect(dashboard.locator('.tk-dash-export')).toHaveCount(0);
  await expectChartDrawn(dashboard);
  // ‹ › move by a day; there is no › past today.
  await expectTappable(dashboard.locator('.tk-dash-prev'));
  await expect(dashboard.locator('.tk-dash-next')).toHaveAttribute('aria-disabled', 'true');
  await dashboard.locator('.tk-dash-prev').click();
  await expect(dashboard.locator('.tk-dash-period-title')).toContainText('昨天');
  await expect(dashboard.locator('.tk-dash-next')).toHaveAttribute('aria-disabled', 'false');
  await dashboard.locator('.tk-dash-next').click();
  await expect(dashboard.locator('.tk-dash-period-title')).toContainText('今天');

  // HQ: the chain and the three stores side by side; the chain's visits hold 静安寺's.
  const hq = await signIn(browser, 'demo-hq-admin');
  dashboard = await openDashboard(hq);
  await expect(dashboard.locator('.tk-dash-title')).toHaveText('全部门店的数据看板');
  await expect(dashboard.locator('.tk-dash-figures .tk-dash-thead .tk-dash-th')).toHaveCount(5);
  const columns = await tableColumns(dashboard);
  expect(columns.slice(0, 2)).toEqual(['指标', '全部门店']);
  expect(columns).toContain('静安寺店');
  const visits = dashboard.locator('.tk-dash-figures .tk-dash-row-visits .tk-dash-td');
  const chain = await countIn(visits.nth(1));
  const jingan = await countIn(visits.nth(columns.indexOf('静安寺店')));
  expect(jingan).toBeGreaterThanOrEqual(1);
  expect(chain).toBeGreaterThanOrEqual(jingan);
  await expect(dashboard.locator('.tk-dash-card-liability .tk-dash-card-value')).toHaveText(/^¥[\d,]+(\.\d{2})?$/);
  await expect(dashboard.locator('.tk-dash-segments .tk-dash-thead')).toHaveText(/分层\s*会员数\s*占比/);
  await expectChartDrawn(dashboard);

  // 周, then 月: the same day's week and month, the visit still counted.
  await dashboard.locator('.tk-dash-periods .tk-option-week').click();
  await expect(dashboard.locator('.tk-dash-body')).toHaveAttribute('data-period', 'week');
  await expect(dashboard.locator('.tk-dash-period-title')).toContainText('本周');
  expect(await countIn(visits.nth(1))).toBeGreaterThanOrEqual(chain);
  await dashboard.locator('.tk-dash-periods .tk-option-month').click();
  await expect(dashboard.locator('.tk-dash-body')).toHaveAttribute('data-period', 'month');
  await expect(dashboard.locator('.tk-dash-period-title')).toContainText('本月');
  expect(await countIn(visits.nth(1))).toBeGreaterThanOrEqual(chain);
  await expectChartDrawn(dashboard);

  // 导出 CSV: a download Excel opens as UTF-8 (the BOM), with Chinese headers and one row per scope.
  await expectTappable(dashboard.locator('.tk-dash-export'));
  const [download] = await Promise.all([hq.waitForEvent('download'), dashboard.locator('.tk-dash-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^tongka-dashboard-month-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n');
  expect(lines[0]).toMatch(/^门店,周期,开始日期,结束日期,到店次数,服务会员,新会员,/);
  expect(lines[1]).toMatch(/^全部门店,月,/);
  expect(lines.filter((l) => l !== '')).toHaveLength(5);
  expect(lines.at(-1)).toBe('');
  await expect(dashboard.locator('.tk-dash-export-note')).toContainText('已开始下载');
});
