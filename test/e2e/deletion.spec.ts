/**
 * A member's privacy rights end to end at 320 px (issue 12's browser test): a new member sees the
 * privacy notice at first login and agrees; with a bill, a bound phone and a booking, exports their
 * data and finds the bill in the file; 注销会员 shows what deleting forfeits, they ask, withdraw
 * (撤销注销), ask again; then time moves past the 7-day cooling-off (the deletion job run as HQ's
 * operator would, with a later clock). After it the card and its session are gone, the counter's
 * phone lookup finds nobody (it registers a new walk-in), the store's bill is still in its list with
 * no member, and the booked seat is free again.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { routes } from '../../shared/contract/routes';
import { addDays, shanghaiDate } from '../../shared/dates';
import { apiCall, expect, test } from './contract';
import { apiToken, expectTappable, freshReceipt, openWorkbench, savedSession, signIn, signInNewcomer, visiblePage } from './app';
import { e2ePorts } from './ports';

test.use({ viewport: { width: 320, height: 640 } });

const ROOT = join(__dirname, '..', '..');
const DAY_MS = 86_400_000;

/** `npm run jobs:run -- deletion <time>` against the e2e stack: the daily job as if run at that time. */
async function runDeletionJobAt(at: number): Promise<{ erased: number; failed: number }> {
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'infra/local/run-job.ts', 'deletion', new Date(at).toISOString()], {
    cwd: ROOT,
    env: { ...process.env, DYNAMODB_PORT: String(e2ePorts.dynamodb), WECHAT_PORT: String(e2ePorts.wechat) },
    timeout: 120_000,
  });
  return JSON.parse(stdout.slice(stdout.indexOf('{'), stdout.lastIndexOf('}') + 1)) as { erased: number; failed: number };
}

/** A start of 茶艺体验课 at 静安寺 12 days ahead (still in the future after the cooling-off), with its seats left. */
async function farSlot(request: APIRequestContext): Promise<{ serviceId: string; date: string; time: string; start: string; remaining: number }> {
  const services = await apiCall(request, routes.servicesList, { query: { storeId: 'jingan' } });
  const service = services.items.find((s) => s.name === '茶艺体验课')!;
  for (const ahead of [12, 13, 11]) {
    const date = addDays(shanghaiDate(), ahead);
    const { items } = await apiCall(request, routes.storeSlots, { params: { storeId: 'jingan' }, query: { serviceId: service.id, date } });
    const slot = items.find((s) => s.remaining > 0);
    if (slot) return { serviceId: service.id, date, time: slot.time, start: slot.start, remaining: slot.remaining };
  }
  throw new Error('no 茶艺体验课 slot at 静安寺 11–13 days ahead');
}

async function seatsLeft(request: APIRequestContext, slot: { serviceId: string; date: string; time: string }): Promise<number> {
  const { items } = await apiCall(request, routes.storeSlots, { params: { storeId: 'jingan' }, query: { serviceId: slot.serviceId, date: slot.date } });
  return items.find((s) => s.time === slot.time)!.remaining;
}

/** Taro's H5 modal (confirmDestructive): its confirm button. */
async function confirmModal(page: Page, text: string): Promise<void> {
  // The modal's root has no box of its own (its children are fixed): look at its content.
  const modal = page.locator('.taro-modal__content').filter({ visible: true });
  await expect(modal).toContainText('确认注销会员');
  await modal.locator('.taro-model__btn', { hasText: text }).click();
}

test('a new member agrees to the notice, exports their data with the bill in it, asks for deletion and withdraws it, asks again; after the cooling-off the card is gone, the counter finds nobody by the phone, the bill remains and the seat is free', async ({
  browser,
  request,
}) => {
  const openid = `e2e-deletion-${Date.now().toString(36)}`;
  // First login: the privacy notice, agreed to, then the card.
  const page = await (await browser.newContext({ viewport: { width: 320, height: 640 }, acceptDownloads: true })).newPage();
  await signInNewcomer(page, openid);
  const notice = page.locator('.tk-privacy-notice').filter({ visible: true });
  await expect(notice).toContainText('个人信息保护政策', { timeout: 60_000 });
  await page.locator('.tk-privacy-agree').filter({ visible: true }).click();
  await expect(page.locator('.tk-points').filter({ visible: true })).toBeVisible({ timeout: 60_000 });
  const session = await savedSession(page);
  const phone = `198${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  await apiCall(request, routes.mePhoneBind, { token: session.token, body: { code: `phone-${phone}-e2e` }, idempotencyKey: `e2e-del-bind-${openid}` });
  const clerkToken = await apiToken(request, 'demo-clerk-jingan');
  const code = await apiCall(request, routes.meCode, { token: session.token });
  const visit = await apiCall(request, routes.staffOpenVisit, { token: clerkToken, body: { code: code.digits } });
  const receiptNo = freshReceipt('DEL');
  const bill = await apiCall(request, routes.staffCheckout, {
    token: clerkToken,
    params: { visitId: visit.visitId },
    body: { receiptNo, amountFen: 8_800 },
    idempotencyKey: `e2e-del-${receiptNo}`,
  });
  const slot = await farSlot(request);
  await apiCall(request, routes.bookingsCreate, {
    token: session.token,
    body: { storeId: 'jingan', serviceId: slot.serviceId, start: slot.start },
    idempotencyKey: `e2e-del-book-${openid}`,
  });
  expect(await seatsLeft(request, slot)).toBe(slot.remaining - 1);

  // 我的资料与隐私 → 导出我的数据: the downloaded copy holds the bill.
  await page.goto(`/?at=${Date.now()}#/me/settings/index`);
  await page.locator('.tk-export-entry').filter({ visible: true }).click({ timeout: 60_000 });
  const generate = visiblePage(page, 'tk-export-page').locator('.tk-export-generate');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), generate.click()]);
  expect(await readFile((await download.path())!, 'utf8')).toContain(receiptNo);

  // 我的资料与隐私 → 注销会员: what is lost, with the member's own numbers.
  await page.goto(`/?at=${Date.now()}#/me/settings/index`);
  const entry = page.locator('.tk-deletion-entry').filter({ visible: true });
  await expect(entry).toBeVisible({ timeout: 60_000 });
  await expectTappable(entry);
  await entry.click();
  const deletion = visiblePage(page, 'tk-deletion-page');
  await expect(deletion.locator('.tk-deletion-points')).toContainText(`${bill.balance} 积分将清零作废`, { timeout: 60_000 });
  await expect(deletion.locator('.tk-deletion-bookings')).toContainText('1 个未到期的预约将取消');

  // Ask, confirm: 已申请注销 with its date; 撤销注销; ask again.
  const ask = deletion.locator('.tk-deletion-request');
  await expectTappable(ask);
  await ask.click();
  await confirmModal(page, '确认注销');
  const pending = deletion.locator('.tk-deletion-pending-title');
  await expect(pending).toContainText(/已申请注销，将于 \d{1,2}月\d{1,2}日 生效/);
  const withdraw = deletion.locator('.tk-deletion-cancel');
  await expectTappable(withdraw);
  await withdraw.click();
  await expect(ask).toBeVisible();
  await expect(pending).toHaveCount(0);
  await ask.click();
  await confirmModal(page, '确认注销');
  await expect(pending).toBeVisible();
  // The card offers 撤销注销 during the cooling-off, and leads back here.
  await page.goto(`/?at=${Date.now()}#/pages/card/index`);
  const banner = page.locator('.tk-deletion-banner').filter({ visible: true });
  await expect(banner).toContainText('已申请注销会员', { timeout: 60_000 });
  await expect(banner).toContainText('撤销注销');
  await expectTappable(banner);
  await banner.click();
  await expect(visiblePage(page, 'tk-deletion-page').locator('.tk-deletion-cancel')).toBeVisible({ timeout: 60_000 });
  // During the cooling-off the card works as before.
  expect((await apiCall(request, routes.meCard, { token: session.token })).points).toBe(bill.balance);

  // Eight days later, the daily job.
  const run = await runDeletionJobAt(Date.now() + 8 * DAY_MS);
  expect(run.erased).toBeGreaterThanOrEqual(1);
  expect(run.failed).toBe(0);

  // The old card is gone: the app sends the member to sign in again.
  await page.goto(`/?at=${Date.now()}#/pages/card/index`);
  await expect(page.locator('.tk-login-page').filter({ visible: true })).toBeVisible({ timeout: 60_000 });

  // The counter's phone lookup finds nobody: it registers a new walk-in on the number.
  const clerk = await signIn(browser, 'demo-clerk-jingan');
  const bench = await openWorkbench(clerk);
  await bench.locator('.tk-phone-input input').fill(phone);
  await bench.locator('.tk-phone-visit').click();
  await expect(clerk.locator('.taro__modal')).toContainText('新会员已登记');

  // The store's bill remains (amounts, no member), and the booked seat is free again.
  const manager = await apiToken(request, 'demo-manager-jingan');
  const bills = await apiCall(request, routes.staffCheckouts, { token: manager, query: { date: shanghaiDate() } });
  expect(bills.items.find((b) => b.receiptNo === receiptNo)).toMatchObject({ amountFen: 8_800 });
  expect(await seatsLeft(request, slot)).toBe(slot.remaining);
});
