import type { Locator, Page } from '@playwright/test';
import { expect, test } from './contract';
import { join } from 'node:path';
import { fillBill, freshReceipt, loseFirstAnswer, memberDigits, numberIn, openVisit, openWorkbench, settled, signIn, tab, visiblePage } from './app';

const RESULTS = join(__dirname, '..', '..', 'test-results');
const KEY_FORMAT = /^[A-Za-z0-9_.:-]{8,128}$/;
const CROSS_STORE = '跨店回馈';
/** styles/tokens.scss $tk-danger: destructive actions are red everywhere. */
const DANGER = 'rgb(200, 16, 46)';

test.use({ viewport: { width: 375, height: 812 } });

/**
 * 张伟 (demo-member-zhang): checkout.spec.ts rings him up at 徐家汇店 and compares with his own
 * balance before, and pushes.spec.ts only sends him a birthday message, so these refunds at 静安寺店
 * change nothing the other specs count on.
 */

/** A clerk of 静安寺店 rings up a bill for the member; the points it earned, from the result page. */
async function ringUp(clerk: Page, digits: string, bill: { amount: string; receiptNo: string }): Promise<number> {
  await openVisit(clerk, digits);
  await fillBill(clerk, bill);
  await clerk.locator('.tk-checkout').click();
  const earned = clerk.locator('.tk-result-earned');
  await expect(earned).toHaveText(/^\+\d+$/);
  return Number((await earned.innerText()).trim());
}

/** The manager's 收银记录 (店员工作台 → 收银记录), today's bills. */
async function openCheckouts(manager: Page): Promise<Locator> {
  await openWorkbench(manager);
  await manager.locator('.tk-checkouts-entry').click();
  const page = visiblePage(manager, 'tk-staff-checkouts-page');
  await expect(page.locator('.tk-staff-day').first()).toHaveClass(/tk-chip-selected/);
  return page;
}

/** The bill by its receipt number: the list is read from an index that may lag, so 刷新 until it is there. */
async function findBill(page: Locator, receiptNo: string): Promise<Locator> {
  const bill = page.locator('.tk-store-checkout').filter({ has: page.page().locator('.tk-checkout-receipt', { hasText: receiptNo }) });
  await expect(async () => {
    if ((await bill.count()) === 0) await page.locator('.tk-checkouts-refresh').click();
    await expect(bill).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  return bill;
}

/** Taro's H5 stand-in for WeChat's modal: confirm 撤销. */
async function confirmReverse(page: Page, receiptNo: string): Promise<void> {
  const modal = page.locator('.taro-modal__content').filter({ visible: true });
  await expect(modal).toContainText('撤销这笔收银？');
  await expect(modal).toContainText(receiptNo);
  await expect(modal).toContainText('扣回本单所得积分');
  await modal.locator('.taro-model__btn', { hasText: '撤销' }).click();
}

/** How many 跨店回馈 coupons the member can use, from 我的优惠券 (then back on the card). */
async function crossStoreCoupons(member: Page): Promise<number> {
  await member.locator('.tk-my-coupons-entry').click();
  const page = visiblePage(member, 'tk-my-coupons-page');
  await expect(page.locator('.tk-coupon-tab-active')).toHaveText('可使用');
  await expect(page.locator('.tk-my-coupon-list-available, .tk-my-coupons-empty')).toBeVisible();
  const count = await page.locator('.tk-my-coupon').filter({ hasText: CROSS_STORE }).count();
  // Back to the card by its address (as pushes.spec.ts does), fresh from the server.
  await member.goto('/');
  await expect(member.locator('.tk-points')).toBeVisible();
  return count;
}

test('a manager of 静安寺店 refunds a ¥150 bill: the points and the cross-store coupon it earned are taken back', async ({ browser }) => {
  const member = await signIn(browser, 'demo-member-zhang');
  const before = await numberIn(member.locator('.tk-points'));
  const couponsBefore = await numberIn(member.locator('.tk-coupon-count'));
  const crossStoreBefore = await crossStoreCoupons(member);
  const digits = await memberDigits(member);

  // A clerk of 静安寺店 rings up ¥150: points, and (≥ ¥100 at 静安寺) a 跨店回馈 coupon.
  const clerk = await signIn(browser, 'demo-clerk-jingan');
  const receiptNo = freshReceipt('JINGAN-RF');
  const earned = await ringUp(clerk, digits, { amount: '150', receiptNo });
  expect(earned).toBeGreaterThanOrEqual(150);
  await expect(clerk.locator('.tk-issued-coupon')).toContainText(CROSS_STORE);

  await member.reload();
  await expect(member.locator('.tk-points')).toHaveText(String(before + earned));
  expect(await crossStoreCoupons(member)).toBe(crossStoreBefore + 1);

  // The store's manager: 店员工作台 → 收银记录, the bill by its receipt number.
  const manager = await signIn(browser, 'demo-manager-jingan');
  const page = await openCheckouts(manager);
  await expect(page.locator('.tk-section-title')).toContainText('静安寺店');
  const bill = await findBill(page, receiptNo);
  await expect(page.locator('.tk-checkouts-summary')).toContainText(/^共 \d+ 笔 · 实收 ¥/);
  await expect(bill.locator('.tk-checkout-payable')).toHaveText('¥150');
  await expect(bill).toContainText(`得 ${earned} 积分`);
  await expect(bill).toContainText(`赠券：${CROSS_STORE}`);
  await expect(bill.locator('.tk-checkout-reversed-tag')).toHaveCount(0);
  // The receipt number and the time are never split; 撤销 is red and big enough to tap.
  await expect(bill.locator('.tk-checkout-receipt')).toHaveText(receiptNo);
  const receiptBox = await bill.locator('.tk-checkout-receipt').boundingBox();
  expect(receiptBox!.height).toBeLessThan(30);
  const timeBox = await bill.locator('.tk-store-checkout-time').boundingBox();
  expect(timeBox!.height).toBeLessThan(30);
  await expect(bill.locator('.tk-reverse')).toHaveCSS('color', DANGER);
  const reverseBox = await bill.locator('.tk-reverse').boundingBox();
  expect(Math.min(reverseBox!.width, reverseBox!.height)).toBeGreaterThanOrEqual(44);
  await settled(page);
  await manager.screenshot({ path: join(RESULTS, 'refund-list.png'), fullPage: true });

  // 撤销, confirmed in the modal: one Idempotency-Key for the attempt.
  const sent = manager.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/reverse'));
  await bill.locator('.tk-reverse').click();
  await confirmReverse(manager, receiptNo);
  expect((await sent).headers()['idempotency-key']).toMatch(KEY_FORMAT);

  const result = bill.locator('.tk-reverse-result');
  await expect(result).toContainText(`扣回 ${earned} 积分`);
  await expect(result).toContainText('收回 1 张券');
  await expect(result).toContainText(`会员现有 ${before} 积分`);
  await expect(bill).toHaveClass(/tk-store-checkout-reversed/);
  await expect(bill.locator('.tk-checkout-reversed-tag')).toHaveText('已撤销');
  await expect(bill.locator('.tk-checkout-reversal')).toContainText('孙立（静安寺店长）');
  await expect(bill.locator('.tk-reverse')).toHaveCount(0);
  await manager.screenshot({ path: join(RESULTS, 'refund-done.png'), fullPage: true });

  // 刷新 right away (the index may not have the reversal yet): the bill stays 已撤销.
  await page.locator('.tk-checkouts-refresh').click();
  await expect(bill.locator('.tk-checkout-reversed-tag')).toHaveText('已撤销');
  await expect(bill.locator('.tk-reverse')).toHaveCount(0);

  // The member: the points as before, the coupon gone, and the ledger says why.
  await member.reload();
  await expect(member.locator('.tk-points')).toHaveText(String(before));
  await expect(member.locator('.tk-coupon-count')).toHaveText(String(couponsBefore));
  expect(await crossStoreCoupons(member)).toBe(crossStoreBefore);
  await tab(member, '积分明细').click();
  const refunded = member.locator('.tk-ledger-item', { hasText: receiptNo }).filter({ hasText: '退款扣回' });
  await expect(refunded.locator('.tk-ledger-delta')).toHaveText(`-${earned}`);
  await expect(member.locator('.tk-ledger-item').first()).toContainText('退款扣回');
});

test('when the answer to a refund is lost, 重试 sends the same Idempotency-Key and the bill is refunded once', async ({ browser }) => {
  const member = await signIn(browser, 'demo-member-zhang');
  const before = await numberIn(member.locator('.tk-points'));
  const digits = await memberDigits(member);

  const clerk = await signIn(browser, 'demo-clerk-jingan');
  const receiptNo = freshReceipt('JINGAN-RF');
  const earned = await ringUp(clerk, digits, { amount: '30', receiptNo });

  const manager = await signIn(browser, 'demo-manager-jingan');
  const page = await openCheckouts(manager);
  const bill = await findBill(page, receiptNo);

  // The refund reaches the server and is applied, but the phone never hears back.
  const keys = await loseFirstAnswer(manager, '**/v1/staff/checkouts/*/reverse');

  await bill.locator('.tk-reverse').click();
  await confirmReverse(manager, receiptNo);
  await expect(bill.locator('.tk-reverse-error')).toContainText('网络');
  await expect(bill.locator('.tk-checkout-reversed-tag')).toHaveCount(0);

  // 重试: no second question, the same key, and the first answer (not 该单已撤销).
  await bill.locator('.tk-reverse-error .tk-retry').click();
  await expect(bill.locator('.tk-reverse-result')).toContainText(`扣回 ${earned} 积分 · 会员现有 ${before} 积分`);
  await expect(bill.locator('.tk-checkout-reversed-tag')).toHaveText('已撤销');
  await expect(bill.locator('.tk-reverse-error')).toHaveCount(0);
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(KEY_FORMAT);
  expect(keys[1]).toBe(keys[0]);

  await member.reload();
  await expect(member.locator('.tk-points')).toHaveText(String(before));
  await tab(member, '积分明细').click();
  await expect(member.locator('.tk-ledger-item', { hasText: receiptNo }).filter({ hasText: '退款扣回' })).toHaveCount(1);
});
