import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { fillBill, freshReceipt, loseFirstAnswer, memberDigits, numberIn, openVisit, signIn, tab } from './app';

const SCREENSHOT = join(__dirname, '..', '..', 'test-results', 'card-page.png');

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

  // A clerk of 静安寺店, in a browser of their own, types the digits and checks out ¥88.
  const clerk = await signIn(browser, 'demo-clerk-jingan');
  await expect(clerk.locator('.tk-staff-entry')).toContainText('静安寺店');
  await openVisit(clerk, digits);
  await expect(clerk.locator('.tk-member-nickname')).toHaveText('王小美');
  await expect(clerk.locator('.tk-member-phone')).toHaveText(/^1\d{2}\*{4}\d{4}$/);
  await expect(clerk.locator('.tk-member-points')).toHaveText(String(before));

  const receiptNo = freshReceipt('JINGAN');
  await fillBill(clerk, { amount: '88', receiptNo });
  await clerk.locator('.tk-checkout').click();

  // 银卡 earns ×1.2: ¥88 → 105 points.
  await expect(clerk.locator('.tk-result-earned')).toHaveText('+105');
  await expect(clerk.locator('.tk-result-payable')).toHaveText('¥88');
  await expect(clerk.locator('.tk-result-discount')).toHaveText('¥0（0 积分）');
  await expect(clerk.locator('.tk-result-balance')).toHaveText(String(before + 105));

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
