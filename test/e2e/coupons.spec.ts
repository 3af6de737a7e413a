import { expect, test } from './contract';
import { join } from 'node:path';
import { couponItem, fillBill, freshReceipt, memberDigits, numberIn, openVisit, openWorkbench, signIn } from './app';

const RESULTS = join(__dirname, '..', '..', 'test-results');
const KEY_FORMAT = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * 陈静 (demo-member-chen) is used by no other spec, and has bought only at 静安寺店: the coupon she
 * claims in the mini-program is used at 徐家汇店, where she has never been.
 */
test('a member claims 全场满100减15, a clerk at another store takes ¥15 off a ¥120 bill with it, and it shows as used', async ({ browser }) => {
  const member = await signIn(browser, 'demo-member-chen');
  const usableBefore = await numberIn(member.locator('.tk-coupon-count'));

  // 领券中心: what each coupon is, where and how long it is valid, how many are left.
  await member.locator('.tk-coupon-center-entry').click();
  const offer = couponItem(member, '.tk-claim-item', '全场满100减15');
  await expect(offer).toContainText('满100减15');
  await expect(offer).toContainText('适用门店：全部门店');
  await expect(offer).toContainText('剩余 200 张');
  await expect(couponItem(member, '.tk-claim-item', '下午茶8.5折')).toContainText('适用门店：徐家汇店、陆家嘴店');
  await expect(couponItem(member, '.tk-claim-item', '下午茶8.5折')).toContainText('领取后 14 天内有效');
  await expect(couponItem(member, '.tk-claim-item', '招牌奶茶兑换券').locator('.tk-exchange')).toHaveText('500 积分兑换');
  // Rule-issued coupons (新人礼, 跨店回馈) are not offered here.
  await expect(couponItem(member, '.tk-claim-item', '跨店回馈')).toHaveCount(0);

  const claim = member.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/claim'));
  await offer.locator('.tk-claim').click();
  expect((await claim).headers()['idempotency-key']).toMatch(KEY_FORMAT);
  // One per member: now held, and the button says why it cannot be taken again.
  await expect(offer.locator('.tk-claim')).toHaveText('已达领取上限');
  await expect(offer.locator('.tk-claim')).toHaveClass(/nut-button-disabled/);
  await expect(offer).toContainText('剩余 199 张');
  await expect(offer).toContainText('已有 1 张');
  // Once the 领取成功 toast has gone (Taro's H5 toast ends with display: none).
  await expect(member.locator('.taro__toast')).toHaveCSS('display', 'none');
  await member.screenshot({ path: join(RESULTS, 'coupon-center.png'), fullPage: true });

  // The card counts it.
  await member.goBack();
  await expect(member.locator('.tk-coupon-count')).toHaveText(String(usableBefore + 1));
  const digits = await memberDigits(member);

  // A clerk of 徐家汇店 scans her: the coupon is in the panel, usable once the bill reaches ¥100.
  const clerk = await signIn(browser, 'demo-clerk-xuhui');
  await openVisit(clerk, digits);
  await expect(clerk.locator('.tk-member-nickname')).toHaveText('陈静');
  const row = couponItem(clerk, '.tk-visit-coupon', '全场满100减15');
  await expect(row).toContainText('满100减15');
  await expect(row).toHaveClass(/tk-visit-coupon-disabled/);
  const receiptNo = freshReceipt('XUHUI-CPN');
  await fillBill(clerk, { amount: '120', receiptNo });
  await expect(row).not.toHaveClass(/tk-visit-coupon-disabled/);
  await row.click();
  await expect(row).toHaveClass(/tk-visit-coupon-ticked/);
  // The summary takes the coupon off first, then points (none), and earns on what is paid.
  await expect(clerk.locator('.tk-preview-coupon')).toHaveText('-¥15');
  await expect(clerk.locator('.tk-preview-payable')).toHaveText('¥105');
  await expect(clerk.locator('.tk-preview-earned')).toHaveText('+105');
  // The page scrolls inside Taro's container: bring the coupons and the summary into view.
  await clerk.locator('.tk-checkout').scrollIntoViewIfNeeded();
  await clerk.screenshot({ path: join(RESULTS, 'staff-coupon-ticked.png') });

  const sent = clerk.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/checkout'));
  await clerk.locator('.tk-checkout').click();
  expect((await sent).postDataJSON()).toMatchObject({ amountFen: 12_000, redeemPoints: 0, couponIds: [expect.any(String)] });

  await expect(clerk.locator('.tk-result-coupon')).toHaveText('¥15');
  await expect(clerk.locator('.tk-result-coupon-row')).toContainText('全场满100减15');
  await expect(clerk.locator('.tk-result-payable')).toHaveText('¥105');
  await expect(clerk.locator('.tk-result-earned')).toHaveText('+105');
  // A bill at 徐家汇 earns no cross-store coupon (the demo rule is for bills at 静安寺).
  await expect(clerk.locator('.tk-issued-coupon')).toHaveCount(0);

  // 我的优惠券: no longer usable, listed under 已使用 with the store it was used at.
  await member.locator('.tk-my-coupons-entry').click();
  await expect(member.locator('.tk-coupon-tab-active')).toHaveText('可使用');
  await expect(member.locator('.tk-my-coupon-list-available, .tk-my-coupons-empty')).toBeVisible();
  await expect(couponItem(member, '.tk-my-coupon', '全场满100减15')).toHaveCount(0);
  await member.locator('.tk-coupon-tab-used').click();
  const used = couponItem(member, '.tk-my-coupon-used', '全场满100减15');
  await expect(used).toContainText('满100减15');
  await expect(used).toContainText('适用门店：全部门店');
  await expect(used).toContainText(/有效期至 \d{4}-\d{2}-\d{2}/);
  await expect(used).toContainText('徐家汇店');
  await member.goBack();
  await expect(member.locator('.tk-coupon-count')).toHaveText(String(usableBefore));
});

test('when the answer to an exchange is lost, 重试 sends the same Idempotency-Key and the points are taken once', async ({ browser }) => {
  const member = await signIn(browser, 'demo-member-chen');
  const before = await numberIn(member.locator('.tk-points'));
  expect(before).toBeGreaterThanOrEqual(500);
  await member.locator('.tk-coupon-center-entry').click();

  const keys: string[] = [];
  await member.route('**/v1/coupons/templates/*/exchange', async (route) => {
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (keys.length === 1) {
      const applied = await route.fetch();
      expect(applied.status()).toBe(201);
      await route.abort('connectionreset');
      return;
    }
    await route.continue();
  });

  const offer = couponItem(member, '.tk-claim-item', '招牌奶茶兑换券');
  await offer.locator('.tk-exchange').click();
  await expect(offer.locator('.tk-error')).toContainText('网络');
  await offer.locator('.tk-retry').click();
  await expect(member.locator('.tk-center-points-value')).toHaveText(String(before - 500));
  await expect(offer).toContainText('已有 1 张');
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(KEY_FORMAT);
  expect(keys[1]).toBe(keys[0]);

  await member.goBack();
  await expect(member.locator('.tk-points')).toHaveText(String(before - 500));
});

test('a manager creates a template for their store, pauses, resumes and (after confirming) ends it', async ({ browser }) => {
  const manager = await signIn(browser, 'demo-manager-xuhui');
  await openWorkbench(manager);
  await manager.locator('.tk-coupon-templates-entry').click();

  // HQ's templates are listed with their numbers, but only HQ manages them.
  const hqTemplate = couponItem(manager, '.tk-template', '全场满100减15');
  await expect(hqTemplate).toContainText('进行中');
  await expect(hqTemplate).toContainText(/已发 \d+ · 已核销 \d+/);
  await expect(hqTemplate).toContainText(/剩余 \d+ \/ 200/);
  await expect(hqTemplate.locator('.tk-template-pause')).toHaveCount(0);
  // 静安寺's own template is not shown to 徐家汇's manager.
  await expect(couponItem(manager, '.tk-template', '静安寺店专享')).toHaveCount(0);

  await manager.locator('.tk-new-template').click();
  const name = `徐家汇周末满60减10-${Date.now().toString(36).slice(-4)}`;
  await manager.locator('.tk-tpl-name input').fill(name);
  await manager.locator('.tk-tpl-value input').fill('10');
  await manager.locator('.tk-tpl-min input').fill('60');
  await expect(manager.locator('.tk-tpl-own-store')).toHaveText('仅本店：徐家汇店');
  await manager.locator('.tk-tpl-stock-mode .tk-option-limited').click();
  await manager.locator('.tk-tpl-stock input').fill('50');
  const created = manager.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/v1/admin/coupon-templates'));
  await manager.locator('.tk-create-template').click();
  const request = await created;
  expect(request.headers()['idempotency-key']).toMatch(KEY_FORMAT);
  expect(request.postDataJSON()).toMatchObject({ name, kind: 'amount_off', valueFen: 1_000, minSpendFen: 6_000, storeIds: ['xuhui'], stock: 50, obtainedBy: 'claim' });

  const mine = couponItem(manager, '.tk-template', name);
  await expect(mine).toContainText('进行中');
  await expect(mine).toContainText('满60减10');
  await expect(mine).toContainText('剩余 50 / 50');
  await expect(mine).toContainText('适用门店：徐家汇店');
  await mine.locator('.tk-template-pause').click();
  await expect(mine.locator('.tk-template-status')).toHaveText('已暂停');
  await mine.locator('.tk-template-resume').click();
  await expect(mine.locator('.tk-template-status')).toHaveText('进行中');

  // 结束 asks first; 取消 changes nothing.
  await mine.locator('.tk-template-end').click();
  const modal = manager.locator('.taro__modal');
  await expect(modal).toContainText('不能恢复');
  await modal.getByText('取消', { exact: true }).click();
  await expect(mine.locator('.tk-template-status')).toHaveText('进行中');
  await mine.locator('.tk-template-end').click();
  await modal.getByText('结束', { exact: true }).click();
  await expect(mine.locator('.tk-template-status')).toHaveText('已结束');
  await expect(mine.locator('.tk-template-end')).toHaveCount(0);
});
