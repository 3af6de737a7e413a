import type { Page } from '@playwright/test';
import { expect, test } from './contract';
import { join } from 'node:path';
import { shanghaiDate } from '../../shared/dates';
import { answerSubscribePrompt, memberDigits, openWorkbench, runJob, signIn, visiblePage, wechatSends } from './app';

const RESULTS = join(__dirname, '..', '..', 'test-results');
const BIRTHDAY_COUPON = '生日礼·满100减30';

/**
 * The demo chain has 张伟 (birthday today, one accepted birthday message) and 李娜 (birthday today,
 * none). Here 王小美 makes today her birthday and subscribes on the card page, and 李娜 subscribes
 * but switches marketing messages off: the job gives all three the coupon and messages 张伟 and
 * 王小美 only, and a second run adds nothing.
 */
test('members subscribe and set their birthday in the app; the birthday job gives each the coupon once, messages only those who may be messaged, and HQ sees the run', async ({
  browser,
  request,
}) => {
  const [, month, day] = shanghaiDate().split('-').map(Number) as [number, number, number];

  // 王小美 accepts 生日礼遇与优惠提醒 from the card page (on H5 a modal stands in for WeChat's prompt).
  const wang = await signIn(browser, 'demo-member-wang');
  // The answer, not just the request: the settings page below must read the profile after it.
  const answers = wang.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/v1/me/subscriptions'));
  // Ready once the template ids are in (WeChat's prompt must be the first thing the tap does).
  await expect(wang.locator('.tk-subscribe-entry')).toContainText('订阅 ›');
  await wang.locator('.tk-subscribe-entry').click();
  await answerSubscribePrompt(wang, true);
  const answered = await answers;
  expect(answered.status()).toBe(200);
  expect(answered.request().postDataJSON()).toEqual({ results: { 'tmpl-birthday-gift': 'accept', 'tmpl-comeback-offer': 'accept' } });

  // …and makes today her birthday in 我的资料与隐私.
  await wang.locator('.tk-settings-entry').click();
  const wangSettings = visiblePage(wang, 'tk-settings-page');
  await expect(wangSettings.locator('.tk-credits-birthday')).toHaveText('可收 1 次');
  // The birthday is picked on wheels (Taro's stand-in for WeChat's picker): month and day.
  const monthDay = wangSettings.locator('.tk-birthday-month-day');
  await expect(monthDay).toContainText(/5月\d+日/);
  await monthDay.click();
  await turnWheel(wang, 0, `${month}月`);
  await turnWheel(wang, 1, `${day}日`);
  await wang.locator('.weui-picker__action', { hasText: '确定' }).filter({ visible: true }).click();
  await expect(monthDay).toContainText(`${month}月${day}日`);
  await wangSettings.locator('.tk-save-profile').click();
  await expect(wangSettings).toContainText(`当前生日：${month}月${day}日`);

  // 李娜 subscribes too, then switches marketing messages off in one tap; it holds after a reload.
  const li = await signIn(browser, 'demo-member-li');
  await li.locator('.tk-settings-entry').click();
  const liSettings = visiblePage(li, 'tk-settings-page');
  await expect(liSettings.locator('.tk-credits-birthday')).toHaveText('可收 0 次');
  await liSettings.locator('.tk-subscribe').click();
  await answerSubscribePrompt(li, true);
  await expect(liSettings.locator('.tk-credits-birthday')).toHaveText('可收 1 次');
  const marketing = liSettings.locator('.tk-marketing-toggle');
  await expect(marketing).toHaveClass(/tk-toggle-on/);
  await marketing.click();
  await expect(marketing).not.toHaveClass(/tk-toggle-on/);
  await expect(liSettings).toContainText('你已关闭营销消息');
  await li.reload();
  await expect(visiblePage(li, 'tk-settings-page').locator('.tk-marketing-toggle')).not.toHaveClass(/tk-toggle-on/);
  await li.screenshot({ path: join(RESULTS, 'settings.png'), fullPage: true });

  // 09:00's birthday job, run now as the README says (`npm run jobs:run -- birthday`).
  const first = await runJob('birthday');
  expect(first.birthday).toMatchObject({ matched: 3, couponsIssued: 3, messagesSent: 2, skippedOptedOut: 1, skippedNoCredit: 0, failed: 0 });
  const toWang = await wechatSends(request, 'demo-member-wang');
  expect(toWang).toHaveLength(1);
  expect(toWang[0]!.body).toEqual({
    touser: 'demo-member-wang',
    template_id: 'tmpl-birthday-gift',
    page: 'pages/card/index',
    data: {
      thing1: { value: expect.any(String) },
      thing2: { value: BIRTHDAY_COUPON },
      date3: { value: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      thing4: { value: expect.any(String) },
    },
    miniprogram_state: 'formal',
    lang: 'zh_CN',
  });
  expect(await wechatSends(request, 'demo-member-zhang')).toHaveLength(1);
  expect(await wechatSends(request, 'demo-member-li')).toHaveLength(0);

  // Run again (a retry after a crash, or a second scheduler): nothing issued or sent twice.
  const second = await runJob('birthday');
  expect(second.birthday).toMatchObject({ matched: 0, couponsIssued: 0, messagesSent: 0, skippedDone: 3 });
  expect(await wechatSends(request, 'demo-member-wang')).toHaveLength(1);

  // Each has the coupon in 我的优惠券; 王小美's birthday credit is used up, 李娜's is kept.
  for (const member of [wang, li]) {
    await member.goto('/');
    await member.locator('.tk-my-coupons-entry').click();
    await expect(visiblePage(member, 'tk-my-coupons-page').locator('.tk-my-coupon').filter({ hasText: BIRTHDAY_COUPON })).toHaveCount(1);
  }
  await wang.goto('/');
  await wang.locator('.tk-settings-entry').click();
  await expect(visiblePage(wang, 'tk-settings-page').locator('.tk-credits-birthday')).toHaveText('可收 0 次');

  // HQ's 营销活动: today's birthday run with its numbers.
  const hq = await signIn(browser, 'demo-hq-admin');
  await openWorkbench(hq);
  await hq.locator('.tk-campaigns-entry').click();
  const birthday = visiblePage(hq, 'tk-campaigns-page').locator('.tk-campaign-birthday');
  await expect(birthday).toContainText(BIRTHDAY_COUPON);
  await expect(birthday.locator('.tk-campaign-message-template')).toContainText('生日祝福');
  await expect(birthday.locator('.tk-campaign-message-template')).not.toContainText('tmpl-');
  const run = birthday.locator('.tk-campaign-run').first();
  await expect(run).toContainText(shanghaiDate());
  await expect(run.locator('.tk-run-matched')).toHaveText(/\b3\b/);
  await expect(run.locator('.tk-run-issued')).toHaveText(/\b3\b/);
  await expect(run.locator('.tk-run-sent')).toHaveText(/\b2\b/);
  await expect(run.locator('.tk-run-opted-out')).toHaveText(/\b1\b/);
  await expect(run.locator('.tk-run-no-credit')).toHaveText(/\b0\b/);
  await expect(run.locator('.tk-run-failed')).toHaveText(/\b0\b/);

  // HQ switches the dormant comeback campaign off; it stays off after a reload.
  const dormant = visiblePage(hq, 'tk-campaigns-page').locator('.tk-campaign-reactivation_dormant');
  await expect(dormant.locator('.tk-campaign-toggle')).toContainText('已开启');
  await dormant.locator('.tk-campaign-toggle').click();
  await expect(dormant.locator('.tk-campaign-toggle')).toContainText('已关闭');
  await hq.reload();
  await expect(visiblePage(hq, 'tk-campaigns-page').locator('.tk-campaign-reactivation_dormant .tk-campaign-toggle')).toContainText('已关闭');
  await hq.screenshot({ path: join(RESULTS, 'campaigns.png'), fullPage: true });
});

/**
 * Turns a column of Taro's H5 picker wheel until the item labelled `label` sits in the middle, as a
 * finger would: by dragging (the wheel follows the pointer and settles on the nearest item).
 */
async function turnWheel(page: Page, column: number, label: string): Promise<void> {
  const wheel = page.locator('taro-picker-group').filter({ visible: true }).nth(column);
  const item = wheel.locator('.weui-picker__item').filter({ hasText: new RegExp(`^${label}$`) });
  const offset = async () => {
    const middle = (await wheel.locator('.weui-picker__indicator').boundingBox())!;
    const target = (await item.boundingBox())!;
    return middle.y + middle.height / 2 - (target.y + target.height / 2);
  };
  // The sheet slides up first: measure once it has stopped.
  let box = (await wheel.boundingBox())!;
  await expect
    .poll(async () => {
      const before = box.y;
      box = (await wheel.boundingBox())!;
      return Math.abs(box.y - before);
    })
    .toBeLessThan(1);
  const x = box.x + box.width / 2;
  for (let turns = 0; Math.abs(await offset()) > 17; turns++) {
    expect(turns, `${label} is still off the middle of the wheel`).toBeLessThan(10);
    // At most 100 px a drag, starting from the side it moves away from, so the pointer stays on the wheel.
    const step = Math.max(-100, Math.min(100, await offset()));
    const from = step < 0 ? box.y + box.height - 30 : box.y + 30;
    await page.mouse.move(x, from);
    await page.mouse.down();
    await page.mouse.move(x, from + step, { steps: 8 });
    await page.mouse.up();
  }
}

test('staff see the member’s segment and tags at the counter, until the member switches targeting off in one tap', async ({ browser }) => {
  const wang = await signIn(browser, 'demo-member-wang');
  const clerk = await signIn(browser, 'demo-clerk-jingan');

  const scan = async () => {
    const digits = await memberDigits(wang);
    await clerk.goto('/#/staff/scan/index');
    const input = clerk.locator('.tk-digits-input input');
    await input.fill(digits);
    await clerk.locator('.tk-open-visit').click();
    await expect(visiblePage(clerk, 'tk-member-page').locator('.tk-member-panel')).toBeVisible();
    return visiblePage(clerk, 'tk-member-page').locator('.tk-member-panel');
  };

  // 王小美 buys at three stores, often: active, and tagged as a multi-store customer.
  let panel = await scan();
  await expect(panel.locator('.tk-member-segment')).toHaveText('活跃');
  await expect(panel.locator('.tk-tag-multi_store')).toHaveText('多店消费');

  await wang.locator('.tk-settings-entry').click();
  const targeting = visiblePage(wang, 'tk-settings-page').locator('.tk-targeting-toggle');
  await expect(targeting).toHaveClass(/tk-toggle-on/);
  await targeting.click();
  await expect(targeting).not.toHaveClass(/tk-toggle-on/);

  await wang.goBack();
  panel = await scan();
  await expect(panel.locator('.tk-member-nickname')).toHaveText('王小美');
  await expect(panel.locator('.tk-member-segment')).toHaveCount(0);
  await expect(panel.locator('.tk-member-tag')).toHaveCount(0);
});
