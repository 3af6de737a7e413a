import type { Locator, Page } from '@playwright/test';
import { expect, test } from './contract';
import { join } from 'node:path';
import { fillBill, freshReceipt, loseFirstAnswer, memberDigits, numberIn, openVisit, signIn, tab } from './app';

const RESULTS = join(__dirname, '..', '..', 'test-results');
const SCREENSHOT = join(RESULTS, 'card-page.png');

test.use({ viewport: { width: 375, height: 812 } });

/** At least 44 × 44 CSS px: a thumb's tap target. */
async function expectTappable(target: Locator): Promise<void> {
  const box = await target.boundingBox();
  expect(box, 'visible').not.toBeNull();
  expect(box!.width).toBeGreaterThanOrEqual(44);
  expect(box!.height).toBeGreaterThanOrEqual(44);
}

/** Back to the top of the page, whichever element scrolls it on H5. */
async function scrollToTop(page: Page): Promise<void> {
  await page.mouse.move(100, 200);
  await page.mouse.wheel(0, -20_000);
}

test('a clerk at another device checks out ¥88 for 王小美 and her card shows the points at once', async ({ browser }) => {
  // The member shows her card: nickname, tier, points and the rotating code.
  const member = await signIn(browser, 'demo-member-wang');
  await expect(member.locator('.tk-nickname')).toHaveText('王小美');
  await expect(member.locator('.tk-tier')).toHaveText('银卡会员');
  await expect(member.locator('.tk-next-tier')).toContainText('升级金卡会员');
  const before = await numberIn(member.locator('.tk-points'));
  const digits = await memberDigits(member);
  await expect(member.locator('.tk-qr-image img')).toHaveAttribute('src', /^data:image\/gif;base64,/);
  await member.screenshot({ path: SCREENSHOT, fullPage: true });

  // A clerk of 静安寺店, in a browser of their own, opens into the 店员工作台 (not their own card)
  // and types the digits on a number pad.
  const clerk = await signIn(browser, 'demo-clerk-jingan');
  await expect(clerk.locator('.tk-staff-store')).toContainText('静安寺店');
  await expect(clerk.locator('.tk-points')).toHaveCount(0);
  await expect(clerk.locator('.tk-digits-input input')).toHaveAttribute('type', 'tel');
  await openVisit(clerk, digits);
  await expect(clerk.locator('.tk-member-nickname')).toHaveText('王小美');
  await expect(clerk.locator('.tk-member-phone')).toHaveText(/^1\d{2}\*{4}\d{4}$/);
  await expect(clerk.locator('.tk-member-points')).toHaveText(String(before));

  // The amount on a decimal pad; the bar at the bottom shows what is due as it is typed, and no
  // 积分抵扣 line while no points are used.
  await expect(clerk.locator('.tk-amount-input input')).toHaveAttribute('inputmode', 'decimal');
  const receiptNo = freshReceipt('JINGAN');
  await fillBill(clerk, { amount: '88', receiptNo });
  await expect(clerk.locator('.tk-checkout-bar .tk-checkout-due-amount')).toHaveText('¥88');
  await expect(clerk.locator('.tk-preview-payable')).toHaveText('¥88');
  await expect(clerk.locator('.tk-preview-points')).toHaveCount(0);
  await expect(clerk.locator('.tk-preview')).not.toContainText('积分抵扣');
  await expectTappable(clerk.locator('.tk-checkout'));
  await clerk.locator('.tk-checkout').click();

  // The receipt: 实付 large, the bill, the points, the receipt number and the time. 银卡 earns
  // ×1.2: ¥88 → 105 points.
  await expect(clerk.locator('.tk-result-earned')).toHaveText('+105');
  await expect(clerk.locator('.tk-result-payable')).toHaveText('¥88');
  await expect(clerk.locator('.tk-result-amount')).toHaveText('¥88');
  await expect(clerk.locator('.tk-result-discount')).toHaveCount(0);
  await expect(clerk.locator('.tk-result-receipt')).toHaveText(receiptNo);
  await expect(clerk.locator('.tk-result-time')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  await expect(clerk.locator('.tk-result-balance')).toHaveText(String(before + 105));
  const payable = await clerk.locator('.tk-result-payable').boundingBox();
  const amount = await clerk.locator('.tk-result-amount').boundingBox();
  expect(payable!.height).toBeGreaterThan(amount!.height * 1.5);
  await clerk.screenshot({ path: join(RESULTS, 'checkout-result.png'), fullPage: true });

  // The member's app re-reads on every show: the ledger has the entry, the card the new balance.
  await tab(member, '积分明细').click();
  const newest = member.locator('.tk-ledger-item').first();
  await expect(newest).toContainText('消费得积分');
  await expect(newest).toContainText(receiptNo);
  await expect(newest.locator('.tk-ledger-delta')).toHaveText('+105');
  await tab(member, '会员卡').click();
  await expect(member.locator('.tk-points')).toHaveText(String(before + 105));

  // And after a reload, too.
  await member.reload();
  await expect(member.locator('.tk-points')).toHaveText(String(before + 105));

  // The counter is ready for the next customer.
  await clerk.locator('.tk-next-scan').click();
  await expect(clerk.locator('.tk-digits-input input')).toHaveValue('');
});

test('when the answer to a checkout is lost, 重试 sends the same Idempotency-Key and the points are added once', async ({ browser }) => {
  const member = await signIn(browser, 'demo-member-zhang');
  const before = await numberIn(member.locator('.tk-points'));
  const digits = await memberDigits(member);

  const clerk = await signIn(browser, 'demo-clerk-xuhui');
  await openVisit(clerk, digits);

  // The bill reaches the server and is applied, but the phone never hears back.
  const keys = await loseFirstAnswer(clerk, '**/v1/staff/visits/*/checkout');

  const receiptNo = freshReceipt('XUHUI');
  await fillBill(clerk, { amount: '50.80', receiptNo });
  await clerk.locator('.tk-checkout').click();
  await expect(clerk.locator('.tk-member-page .tk-error')).toContainText('网络');

  await clerk.locator('.tk-member-page .tk-retry').click();
  // 普通会员 earns ×1.0 on whole yuan: ¥50.80 → 50 points, once.
  await expect(clerk.locator('.tk-result-earned')).toHaveText('+50');
  await expect(clerk.locator('.tk-result-balance')).toHaveText(String(before + 50));
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[A-Za-z0-9_.:-]{8,128}$/);
  expect(keys[1]).toBe(keys[0]);

  await tab(member, '积分明细').click();
  await expect(member.locator('.tk-ledger-item').first()).toContainText(receiptNo);
  await expect(member.locator('.tk-ledger-item', { hasText: receiptNo })).toHaveCount(1);
  await tab(member, '会员卡').click();
  await expect(member.locator('.tk-points')).toHaveText(String(before + 50));
});

test.describe('at 320 px', () => {
  test.use({ viewport: { width: 320, height: 568 } });

  test('the counter form takes digits only, says 金额须大于0 until the amount is right, and keeps 确认收银 in reach', async ({ browser }) => {
    const member = await signIn(browser, 'demo-member-wang');
    const points = await numberIn(member.locator('.tk-points'));
    const digits = await memberDigits(member);

    const clerk = await signIn(browser, 'demo-clerk-jingan');
    // The member code: a number pad; letters and spaces are refused as they are typed.
    const code = clerk.locator('.tk-digits-input input');
    await expect(code).toHaveAttribute('type', 'tel');
    await code.pressSequentially('12ab34');
    await expect(code).toHaveValue('1234');
    await clerk.locator('.tk-open-visit').click();
    await expect(clerk.locator('.tk-digits-error')).toHaveText('会员码为 16 位数字，还差 12 位');
    await code.fill('');
    await openVisit(clerk, digits);
    await expect(clerk.locator('.tk-digits-error')).toHaveCount(0);

    const amount = clerk.locator('.tk-amount-input input');
    await expect(amount).toHaveAttribute('inputmode', 'decimal');
    await amount.pressSequentially('8a8.5b0c');
    await expect(amount).toHaveValue('88.50');

    // Zero is refused in words; the error goes as soon as the amount is right.
    await amount.fill('0');
    await expect(clerk.locator('.tk-amount-error')).toHaveText('金额须大于0');
    await expect(clerk.locator('.tk-checkout-due-amount')).toHaveText('—');
    await amount.fill('0.5');
    await expect(clerk.locator('.tk-amount-error')).toHaveCount(0);
    await amount.fill('60');
    await expect(clerk.locator('.tk-checkout-due-amount')).toHaveText('¥60');

    // Points: digits only; the 积分抵扣 line appears once some are used.
    const redeem = clerk.locator('.tk-redeem-input input');
    await expect(clerk.locator('.tk-preview-points')).toHaveCount(0);
    if (points >= 100) {
      await redeem.pressSequentially('1x00');
      await expect(redeem).toHaveValue('100');
      await expect(clerk.locator('.tk-preview-points')).toHaveText('-¥1（100 积分）');
      await expect(clerk.locator('.tk-checkout-due-amount')).toHaveText('¥59');
      await redeem.fill('');
    }

    // 确认收银 without a receipt number: the field says what is missing; nothing is sent.
    await clerk.locator('.tk-checkout').click();
    await expect(clerk.locator('.tk-receipt-error')).toHaveText('请输入或扫描小票号');
    await clerk.locator('.tk-receipt-input input').fill('JA 00/1');
    await expect(clerk.locator('.tk-receipt-input input')).toHaveValue('JA00/1');
    await expect(clerk.locator('.tk-receipt-error')).toHaveCount(0);

    // At the top of the page (the member's panel in view), the bar is still at the bottom of the
    // screen, whole, with the amount due, and big enough to tap.
    await scrollToTop(clerk);
    await expect(clerk.locator('.tk-member-panel')).toBeInViewport();
    const bar = clerk.locator('.tk-checkout-bar');
    await expect(bar).toBeInViewport({ ratio: 1 });
    await expect(clerk.locator('.tk-checkout')).toBeInViewport({ ratio: 1 });
    await expect(bar.locator('.tk-checkout-due-amount')).toHaveText('¥60');
    const box = await bar.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(568 + 1);
    expect(box!.y + box!.height).toBeGreaterThan(568 - 8);
    await expectTappable(clerk.locator('.tk-checkout'));
    // Nothing runs past the right edge at 320 px.
    expect(await clerk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await clerk.screenshot({ path: join(RESULTS, 'checkout-320.png') });
  });
});
