/**
 * 导出我的数据 in the app (README § Export): a member with a bill opens 我的资料与隐私 › 导出我的数据,
 * generates the copy, reads the summary (消费 1 笔 …) and the browser downloads the JSON file, which
 * holds the bill's receipt number. At 320 px wide, with 44 px tap targets.
 */
import { readFile } from 'node:fs/promises';
import type { APIRequestContext } from '@playwright/test';
import { routes } from '../../shared/contract/routes';
import type { ExportDocument } from '../../shared/schemas/export';
import { apiCall, expect, test } from './contract';
import { apiToken, expectTappable, freshReceipt, visiblePage } from './app';

test.use({ viewport: { width: 320, height: 640 } });

/** A new member who has agreed to the privacy notice in force (when the stack has one), signed in. */
async function newMember(request: APIRequestContext, openid: string): Promise<{ token: string; expiresAt: string }> {
  const signIn = async () => {
    const res = await request.post('/v1/auth/wechat', { data: { code: `dev-${openid}` } });
    expect(res.status()).toBe(200);
    return (await res.json()) as { token: string; expiresAt: string };
  };
  const first = await signIn();
  const notice = await request.get('/v1/privacy/notice');
  if (notice.ok()) {
    const { version } = (await notice.json()) as { version: string };
    await request.post('/v1/me/consent', { headers: { authorization: `Bearer ${first.token}` }, data: { version } });
  }
  return signIn();
}

test('a member with a bill exports their data: the summary counts the bill and the downloaded file holds its receipt number', async ({ browser, request }) => {
  const openid = `e2e-export-${Date.now().toString(36)}`;
  const session = await newMember(request, openid);
  const clerk = await apiToken(request, 'demo-clerk-jingan');
  const code = await apiCall(request, routes.meCode, { token: session.token });
  const visit = await apiCall(request, routes.staffOpenVisit, { token: clerk, body: { code: code.digits } });
  const receiptNo = freshReceipt('EXP');
  await apiCall(request, routes.staffCheckout, {
    token: clerk,
    params: { visitId: visit.visitId },
    body: { receiptNo, amountFen: 8_800 },
    idempotencyKey: `e2e-export-${receiptNo}`,
  });

  const page = await (await browser.newContext({ viewport: { width: 320, height: 640 }, acceptDownloads: true })).newPage();
  await page.goto('/');
  // Taro's H5 storage keeps each value as {"data": …} in localStorage (api/session.ts reads it).
  await page.evaluate((s) => localStorage.setItem('tongka.session', JSON.stringify({ data: s })), { ...session, staff: null });
  await page.goto(`/?at=${Date.now()}#/me/settings/index`);
  const entry = page.locator('.tk-export-entry').filter({ visible: true });
  await expect(entry).toBeVisible({ timeout: 60_000 });
  await expectTappable(entry);
  await entry.click();

  const exportPage = visiblePage(page, 'tk-export-page');
  const generate = exportPage.locator('.tk-export-generate');
  await expect(generate).toHaveText('生成我的数据副本');
  await expectTappable(generate);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), generate.click()]);

  await expect(exportPage.locator('.tk-export-bills')).toContainText('消费');
  await expect(exportPage.locator('.tk-export-bills')).toContainText('1 笔');
  await expect(exportPage.locator('.tk-export-ledger')).toContainText('1 条明细');
  await expect(exportPage.locator('.tk-export-access')).toContainText(/\d+ 条/);
  await expect(exportPage.locator('.tk-export-file')).toContainText('tongka-export-');
  await expectTappable(exportPage.locator('.tk-export-download'));

  expect(download.suggestedFilename()).toMatch(/^tongka-export-\d{8}-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await readFile((await download.path())!, 'utf8');
  expect(text).toContain(receiptNo);
  const doc = JSON.parse(text) as ExportDocument;
  expect(doc.schemaVersion).toBe(1);
  expect(doc.bills).toHaveLength(1);
  expect(doc.bills[0]).toMatchObject({ receiptNo, amountFen: 8_800, storeId: 'jingan' });
  expect(doc.accessLog.map((e) => e.action)).toContain('data_export');

  // 320 px wide: nothing runs off the side.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});
