import type { Page } from '@playwright/test';
import { expect, test } from './contract';
import { join } from 'node:path';
import { couponItem, fillBill, freshReceipt, memberDigits, numberIn, openVisit, openWorkbench, settled, signIn, visiblePage } from './app';

const RESULTS = join(__dirname, '..', '..', 'test-results');

test.use({ viewport: { width: 375, height: 812 } });
/** A campaign template (infra/seed/demo-coupons.ts): obtained by rule, active, no minimum spend. */
const COUPON = '回归礼·无门槛20元';
const RULE_TEXT = `陆家嘴店单笔实付满¥50发放「${COUPON}」，可在静安寺店使用`;

/**
 * 李娜 (demo-member-li) buys at 陆家嘴店, where the demo has no cross-store rule. The other specs
 * look at her bookings and her birthday coupon only: an extra 回归礼 changes nothing they count.
 */

/** The member's 回归礼 coupons for 静安寺店 in 我的优惠券 (and back to the card). */
async function comebackCoupons(member: Page): Promise<number> {
  // The card has loaded its numbers before we leave it.
  await numberIn(member.locator('.tk-coupon-count'));
  await member.locator('.tk-my-coupons-entry').click();
  const page = visiblePage(member, 'tk-my-coupons-page');
  await expect(page.locator('.tk-coupon-tab-active')).toHaveText('可使用');
  await expect(page.locator('.tk-my-coupon-list-available, .tk-my-coupons-empty')).toBeVisible();
  const count = await page.locator('.tk-my-coupon').filter({ hasText: COUPON }).filter({ hasText: '适用门店：静安寺店' }).count();
  // 返回 only once the page has slid in: going back halfway through leaves the card hidden.
  await settled(page);
  await member.goBack();
  await expect(member.locator('.tk-points')).toBeVisible();
  return count;
}

/** A clerk of 陆家嘴店 rings up ¥60 for the member, from the 店员工作台 up to the result page. */
async function ringUp(clerk: Page, member: Page): Promise<void> {
  await openVisit(clerk, await memberDigits(member));
  await expect(clerk.locator('.tk-member-nickname')).toHaveText('李娜');
  await fillBill(clerk, { amount: '60', receiptNo: freshReceipt('PUDONG-RULE') });
  await clerk.locator('.tk-checkout').click();
  await expect(clerk.locator('.tk-result-payable')).toHaveText('¥60');
}

test('HQ creates a cross-store rule (¥50 at 陆家嘴 → 回归礼 for 静安寺), a bill there earns the coupon, and once 停用 a bill earns nothing', async ({ browser }) => {
  const hq = await signIn(browser, 'demo-hq-admin');
  await openWorkbench(hq);
  await hq.locator('.tk-coupon-templates-entry').click();
  const templates = visiblePage(hq, 'tk-templates-page');

  // 发放规则: the demo's two rules in plain words.
  const rules = templates.locator('.tk-rules');
  await expect(rules.locator('.tk-rule-welcome')).toContainText('新会员首次登录时发放「新人礼·满50减10」');
  const jingan = rules.locator('.tk-rule-cross_store').filter({ hasText: '跨店回馈·满80减20' });
  await expect(jingan.locator('.tk-rule-text')).toHaveText('静安寺店单笔实付满¥100发放「跨店回馈·满80减20」，可在其他所有门店使用');
  await expect(jingan.locator('.tk-rule-state')).toHaveText('进行中');
  await expect(rules.locator('.tk-rule').filter({ hasText: COUPON })).toHaveCount(0);

  // 新建跨店规则: 创建规则 with nothing chosen says what is missing.
  await rules.locator('.tk-new-rule').click();
  const form = visiblePage(hq, 'tk-rule-new-page');
  await expect(form.locator('.tk-rule-preview')).toHaveClass(/tk-rule-preview-empty/);
  await form.locator('.tk-create-rule').click();
  const errors = form.locator('.tk-rule-new-errors');
  for (const missing of ['请选择发放的券', '请选择在哪家门店消费', '请填写单笔实付满多少元', '请选择券可在哪些门店使用']) await expect(errors).toContainText(missing);

  // Only active rule-issued templates are offered.
  await expect(form.locator('.tk-rule-template .tk-option', { hasText: '全场满100减15' })).toHaveCount(0);
  await form.locator('.tk-rule-template .tk-option', { hasText: COUPON }).click();
  await form.locator('.tk-rule-from .tk-option-pudong').click();
  await form.locator('.tk-rule-min-spend input').fill('50');
  // The bill's own store is not among where the coupon is usable; 其他所有门店 and a store exclude each other.
  const to = form.locator('.tk-rule-to');
  await expect(to.locator('.tk-option-pudong')).toHaveCount(0);
  await to.locator('.tk-option-__others__').click();
  await expect(form.locator('.tk-rule-preview')).toHaveText(`陆家嘴店单笔实付满¥50发放「${COUPON}」，可在其他所有门店使用`);
  await to.locator('.tk-option-jingan').click();
  await expect(to.locator('.tk-option-__others__')).not.toHaveClass(/tk-option-on/);
  await expect(to.locator('.tk-option-jingan')).toHaveClass(/tk-option-on/);
  await expect(form.locator('.tk-rule-preview')).toHaveText(RULE_TEXT);
  // What was missing is gone as each field is filled.
  await expect(errors).toHaveCount(0);
  await settled(form);
  await hq.screenshot({ path: join(RESULTS, 'rule-new.png'), fullPage: true });

  // A double tap creates one rule (the button holds while the POST is out).
  const posts: unknown[] = [];
  hq.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/v1/admin/issue-rules') posts.push(r.postDataJSON());
  });
  await form.locator('.tk-create-rule').dblclick();

  // Back on 券模板管理: the new rule, 进行中.
  const rule = rules.locator('.tk-rule').filter({ hasText: COUPON });
  await expect(rule.locator('.tk-rule-text')).toHaveText(RULE_TEXT);
  await expect(rule.locator('.tk-rule-state')).toHaveText('进行中');
  await expect(rule).not.toHaveClass(/tk-rule-off/);
  expect(posts).toEqual([{ kind: 'cross_store', templateId: expect.any(String), fromStoreId: 'pudong', minSpendFen: 5_000, toStoreIds: ['jingan'] }]);
  // The template list is paged (other specs add templates to the shared stack): find it on its page.
  const card = couponItem(hq, '.tk-template', COUPON);
  for (let page = 0; page < 5 && (await card.count()) === 0; page++) {
    const next = templates.locator('.tk-pager-next');
    if (!(await next.isVisible()) || (await next.isDisabled())) break;
    await next.click();
    await settled(templates);
  }
  await expect(card).toContainText(`获取方式：陆家嘴店单笔实付满¥50发放`);
  await settled(templates);
  await hq.screenshot({ path: join(RESULTS, 'rules.png'), fullPage: true });

  // A clerk of 陆家嘴店 rings up ¥60 for 李娜: the result page shows the coupon she earned.
  const member = await signIn(browser, 'demo-member-li');
  const before = await comebackCoupons(member);
  const clerk = await signIn(browser, 'demo-clerk-pudong');
  await ringUp(clerk, member);
  await expect(clerk.locator('.tk-issued-coupon')).toHaveText(`本单赠送：${COUPON}，可在静安寺店使用`);
  await member.reload();
  expect(await comebackCoupons(member)).toBe(before + 1);

  // HQ stops the rule: 已停用, and 启用 would restart it.
  await rule.locator('.tk-rule-toggle').click();
  await expect(rule.locator('.tk-rule-state')).toHaveText('已停用');
  await expect(rule).toHaveClass(/tk-rule-off/);
  await expect(rule.locator('.tk-rule-toggle')).toHaveText('启用');
  await hq.reload();
  await expect(visiblePage(hq, 'tk-templates-page').locator('.tk-rule').filter({ hasText: COUPON }).locator('.tk-rule-state')).toHaveText('已停用');

  // The same bill again earns nothing.
  await ringUp(clerk, member);
  await expect(clerk.locator('.tk-result-earned')).toHaveText(/^\+\d+$/);
  await expect(clerk.locator('.tk-issued-coupon')).toHaveCount(0);
  await member.reload();
  expect(await comebackCoupons(member)).toBe(before + 1);
});

test('a manager reads the rules but cannot change them, and 新建跨店规则 is for HQ only', async ({ browser }) => {
  const manager = await signIn(browser, 'demo-manager-pudong');
  await openWorkbench(manager);
  await manager.locator('.tk-coupon-templates-entry').click();
  const rules = visiblePage(manager, 'tk-templates-page').locator('.tk-rules');
  const jingan = rules.locator('.tk-rule-cross_store').filter({ hasText: '跨店回馈·满80减20' });
  await expect(jingan).toContainText('静安寺店单笔实付满¥100发放');
  await expect(jingan.locator('.tk-rule-state')).toHaveText('进行中');
  await expect(rules.locator('.tk-rule-toggle')).toHaveCount(0);
  await expect(rules.locator('.tk-new-rule')).toHaveCount(0);

  await manager.goto('/#/admin/rule-new/index');
  await expect(visiblePage(manager, 'tk-rule-new-page').locator('.tk-error')).toHaveText('仅限总部使用');
});
