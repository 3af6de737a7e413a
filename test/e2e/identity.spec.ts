/**
 * One identity per person (README § Identity) at 375 px: a walk-in earns points at the counter by
 * phone, then binds that phone in the mini-program (the H5 stand-in for WeChat's getPhoneNumber) and
 * sees one card with all the points. A second WeChat member binding the same phone is refused, asks
 * for help (申请人工处理), and HQ finds the case with the note in 重复会员 and rejects it.
 * Every phone is new (random), so the spec runs again on the same seed.
 */
import type { APIRequestContext, Browser, Locator, Page } from '@playwright/test';
import { identityRoutes } from '../../shared/contract/routes/identity';
import { apiCall, expect, test } from './contract';
import { apiSignIn, apiToken, expectTappable, fillBill, freshReceipt, numberIn, openWorkbench, signIn, visiblePage } from './app';

test.use({ viewport: { width: 375, height: 812 } });

/** A mainland mobile number no earlier run has used: 199 and 8 random digits. */
const freshPhone = () => `199${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

/** A WeChat user new to the chain, in their own context, on their card; with their session token. */
async function newMember(browser: Browser, request: APIRequestContext, openid: string): Promise<{ page: Page; token: string }> {
  const { token, expiresAt } = await apiSignIn(request, openid);
  const page = await (await browser.newContext({ viewport: { width: 375, height: 812 } })).newPage();
  await page.goto('/');
  // Taro's H5 storage keeps each value as {"data": …} in localStorage (api/session.ts reads it).
  await page.evaluate((session) => localStorage.setItem('tongka.session', JSON.stringify({ data: session })), { token, expiresAt, staff: null });
  await page.goto(`/?at=${Date.now()}#/pages/card/index`);
  await expect(page.locator('.tk-points').filter({ visible: true })).toBeVisible({ timeout: 60_000 });
  return { page, token };
}

/** The member number on the card ('会员号 12345678'). */
async function memberNoOf(member: Page): Promise<string> {
  const text = member.locator('.tk-member-no').filter({ visible: true });
  await expect(text).toHaveText(/\d{8}/);
  return /\d{8}/.exec(await text.innerText())![0];
}

/** 我的资料与隐私, the 手机号 box. */
async function openSettings(member: Page): Promise<Locator> {
  await member.goto(`/?at=${Date.now()}#/me/settings/index`);
  const settings = visiblePage(member, 'tk-settings-page');
  await expect(settings.locator('.tk-phone-binding')).toBeVisible({ timeout: 60_000 });
  return settings.locator('.tk-phone-binding');
}

/** 绑定手机号 → the 模拟微信手机号授权 stand-in → the number → 允许. */
async function bindInStandIn(member: Page, box: Locator, phone: string): Promise<void> {
  await expectTappable(box.locator('.tk-bind-phone'));
  await box.locator('.tk-bind-phone').click();
  const standIn = member.locator('.tk-phone-stand-in').filter({ visible: true });
  await expect(standIn).toContainText('模拟微信手机号授权');
  await expectTappable(standIn.locator('.tk-phone-stand-in-allow'));
  await standIn.locator('.tk-phone-stand-in-input input').fill(phone);
  await standIn.locator('.tk-phone-stand-in-allow').click();
  await expect(standIn).toHaveCount(0);
}

test('a walk-in earns points by phone, then binds WeChat and sees one card with all the points', async ({ browser, request }) => {
  const phone = freshPhone();

  // At 静安寺's counter: 报手机号积分 registers the walk-in, and the bill earns points.
  const clerk = await signIn(browser, 'demo-clerk-jingan');
  const bench = await openWorkbench(clerk);
  await bench.locator('.tk-phone-input input').fill(phone);
  await bench.locator('.tk-phone-visit').click();
  const registered = clerk.locator('.taro__modal');
  await expect(registered).toContainText('新会员已登记');
  await registered.getByText('开始收银', { exact: true }).click();
  const panel = clerk.locator('.tk-member-panel').filter({ visible: true });
  await expect(panel).toContainText(/会员号 \d{8}/);
  const walkInNo = /会员号 (\d{8})/.exec(await panel.innerText())![1];
  await fillBill(clerk, { amount: '88', receiptNo: freshReceipt('BIND') });
  await clerk.locator('.tk-checkout').click();
  await expect(clerk.locator('.tk-result-earned')).toHaveText(/^\+\d+$/);
  const earned = Number((await clerk.locator('.tk-result-earned').innerText()).replace('+', ''));
  expect(earned).toBeGreaterThan(0);

  // The same person opens the mini-program for the first time: a new WeChat member, their own card.
  const { page: member } = await newMember(browser, request, `e2e-bind-${Date.now().toString(36)}`);
  const ownPoints = await numberIn(member.locator('.tk-points').filter({ visible: true }));
  const memberNo = await memberNoOf(member);

  // 我的资料与隐私: no phone yet; 绑定手机号 with the walk-in's number merges the walk-in's card in.
  const box = await openSettings(member);
  await expect(box.locator('.tk-phone')).toHaveText('未绑定');
  await expect(box.locator('.tk-bind-phone')).toHaveText('绑定手机号');
  await bindInStandIn(member, box, phone);
  const result = member.locator('.taro__modal');
  await expect(result).toContainText(`已合并到店登记的会员卡 ${walkInNo}，积分 +${earned} 已并入`);
  await result.getByText('知道了', { exact: true }).click();
  await expect(box.locator('.tk-phone-merged')).toHaveText(`已合并到店登记的会员卡 ${walkInNo}，积分 +${earned} 已并入`);
  await expect(box.locator('.tk-phone')).toHaveText(phone);
  await expect(box.locator('.tk-bind-phone')).toHaveText('更换手机号');

  // One card: the member's own number, with the walk-in's points added to their own.
  await member.goto(`/?at=${Date.now()}#/pages/card/index`);
  await expect(member.locator('.tk-points').filter({ visible: true })).toHaveText(String(ownPoints + earned), { timeout: 60_000 });
  expect(await memberNoOf(member)).toBe(memberNo);

  // At the counter the phone now finds that card, with all the points.
  const again = await openWorkbench(clerk);
  await again.locator('.tk-phone-input input').fill(phone);
  await again.locator('.tk-phone-visit').click();
  const found = clerk.locator('.tk-member-panel').filter({ visible: true });
  await expect(found.locator('.tk-member-points')).toHaveText(String(ownPoints + earned));
  await expect(found).toContainText(`会员号 ${memberNo}`);
});

test('a phone already bound to another WeChat member: 申请人工处理, and HQ rejects the case in 重复会员', async ({ browser, request }) => {
  const phone = freshPhone();
  const stamp = Date.now().toString(36);
  const note = `这是我本人的号码 ${stamp}`;

  // The phone's holder: a WeChat member who bound it (through the API: this test is about the other one).
  const holder = await apiCall(request, identityRoutes.mePhoneBind, {
    token: await apiToken(request, `e2e-holder-${stamp}`),
    body: { code: `phone-${phone}-${stamp}` },
    idempotencyKey: `e2e-bind-holder-${stamp}`,
  });
  expect(holder.outcome).toBe('bound');

  // A second WeChat member tries to bind the same phone: refused, with a way to ask for help.
  const { page: member } = await newMember(browser, request, `e2e-conflict-${stamp}`);
  const memberNo = await memberNoOf(member);
  const box = await openSettings(member);
  await bindInStandIn(member, box, phone);
  await expect(box.locator('.tk-error')).toContainText('该手机号已绑定另一个微信会员');
  await expect(box.locator('.tk-phone')).toHaveText('未绑定');
  await expectTappable(box.locator('.tk-phone-help'));
  await box.locator('.tk-phone-help').click();
  await box.locator('.tk-phone-help-note input').fill(note);
  await expectTappable(box.locator('.tk-phone-help-submit'));
  await box.locator('.tk-phone-help-submit').click();
  await expect(box.locator('.tk-phone-help-sent')).toHaveText('已提交，总部核实后会为您处理');
  await expect(box.locator('.tk-phone-help')).toHaveCount(0);

  // HQ: 重复会员 from the workbench lists the case with the note and both members side by side.
  const hq = await signIn(browser, 'demo-hq-admin');
  const workbench = await openWorkbench(hq);
  await expectTappable(workbench.locator('.tk-duplicates-entry'));
  await workbench.locator('.tk-duplicates-entry').click();
  const page = visiblePage(hq, 'tk-duplicates-page');
  const item = page.locator('.tk-dup-case', { hasText: note });
  await expect(item).toBeVisible({ timeout: 60_000 });
  await expect(item.locator('.tk-dup-head')).toContainText(masked(phone));
  await expect(item.locator('.tk-dup-help')).toContainText(`会员已申请人工处理`);
  await expect(item.locator('.tk-dup-requester')).toContainText('申请绑定的会员');
  await expect(item.locator('.tk-dup-requester .tk-dup-no')).toContainText(memberNo);
  await expect(item.locator('.tk-dup-requester .tk-dup-source')).toContainText('微信');
  await expect(item.locator('.tk-dup-holder')).toContainText('已绑定该手机号的会员');
  await expect(item.locator('.tk-dup-holder .tk-dup-no')).toContainText(holder.memberNo);
  await expectTappable(item.locator('.tk-dup-merge'));
  await expectTappable(item.locator('.tk-dup-reject'));

  // 合并 asks first, saying which card is kept; 取消 leaves the case as it is.
  await item.locator('.tk-dup-merge').click();
  const confirm = hq.locator('.taro__modal');
  await expect(confirm).toContainText(`保留已绑定手机号的会员卡 ${holder.memberNo}`);
  await confirm.getByText('取消', { exact: true }).click();
  await expect(item).toBeVisible();

  // 驳回 with a note: the case leaves the list, with a toast.
  await item.locator('.tk-dup-reject').click();
  await item.locator('.tk-dup-reject-note input').fill('非同一人');
  await item.locator('.tk-dup-reject-submit').click();
  await expect(hq.locator('.taro__toast')).toContainText('已驳回');
  await expect(page.locator('.tk-dup-case', { hasText: note })).toHaveCount(0);

  // Reloaded, it stays gone; the member's card keeps its own number, still without the phone.
  await hq.reload();
  const reloaded = visiblePage(hq, 'tk-duplicates-page');
  await expect(reloaded.locator('.tk-dup-list, .tk-dup-empty').first()).toBeVisible({ timeout: 60_000 });
  await expect(reloaded.locator('.tk-dup-case', { hasText: note })).toHaveCount(0);
  const after = await openSettings(member);
  await expect(after.locator('.tk-phone')).toHaveText('未绑定');
});
