/**
 * Rating a visit and the one follow-up per member, end to end at 320 px, in the order of issue 13's
 * browser test (README § Ratings and follow-ups):
 *  1. a member rates a visit at 静安寺 2 stars (待评价 on the card → 评价本次消费);
 *  2. 静安寺's manager sees it under 待跟进 and records 已联系 with a goodwill coupon: a step, so the
 *     follow-up stays open (answered, not overdue) and the member holds the coupon and sees 门店已回复;
 *  3. the member rates a visit at 徐家汇 low: it joins the open follow-up instead of opening a second
 *     one, and 徐家汇's manager sees it is handled by 静安寺, with the latest step;
 *  4. both managers' 数据看板 show the new figures (评价数, 平均评分, 待跟进, 超时跟进) and a drawn chart.
 * The bills are rung up through the API (the counter itself is checkout.spec.ts's), and so is HQ's
 * 关怀券 template; everything the issue has a person do happens in the app.
 */
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { routes } from '../../shared/contract/routes';
import type { DashboardFigures } from '../../shared/schemas/dashboard';
import { apiCall, expect, test } from './contract';
import { apiToken, expectChartDrawn, freshReceipt, openWorkbench, savedSession, signIn, signInNewcomer, visiblePage } from './app';

test.use({ viewport: { width: 320, height: 640 } });

/** A bill for the member at the clerk's store, through the API; its checkout id is the visit to rate. */
async function billAt(request: APIRequestContext, clerkOpenid: string, memberToken: string, amountFen: number): Promise<string> {
  const clerk = await apiToken(request, clerkOpenid);
  const code = await apiCall(request, routes.meCode, { token: memberToken });
  const visit = await apiCall(request, routes.staffOpenVisit, { token: clerk, body: { code: code.digits } });
  const bill = await apiCall(request, routes.staffCheckout, {
    token: clerk,
    params: { visitId: visit.visitId },
    body: { receiptNo: freshReceipt('RATE'), amountFen },
    idempotencyKey: `e2e-rate-${Date.now().toString(36)}-${amountFen}`,
  });
  return bill.checkoutId;
}

/** The member rates the newest visit from the card's 待评价 prompt. */
async function rateFromCard(member: Page, stars: number, tag: string, comment: string): Promise<void> {
  await member.goto(`/?at=${Date.now()}#/pages/card/index`);
  const prompt = member.locator('.tk-pending-rating-entry').filter({ visible: true });
  await expect(prompt).toContainText('待评价', { timeout: 30_000 });
  expect((await prompt.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await prompt.click();
  const rate = visiblePage(member, 'tk-rate-page');
  await expect(rate.locator('.tk-rate-store')).toBeVisible({ timeout: 30_000 });
  await rate.locator(`.tk-rate-star-${stars}`).click();
  await expect(rate.locator('.tk-rate-follow')).toBeVisible();
  await rate.locator('.tk-rate-tags .tk-option', { hasText: tag }).click();
  await rate.locator('.tk-rate-comment textarea').fill(comment);
  await rate.locator('.tk-rate-submit').click();
  await expect(visiblePage(member, 'tk-ratings-page').locator('.tk-ratings-item').filter({ hasText: comment })).toBeVisible({ timeout: 30_000 });
}

/** A store's figures of today, exactly, as the dashboard route answers its manager. */
async function todayOf(request: APIRequestContext, managerOpenid: string): Promise<DashboardFigures> {
  const board = await apiCall(request, routes.adminDashboard, { token: await apiToken(request, managerOpenid), query: { period: 'day' } });
  return board.scopes[0]!.figures;
}

/** The store's 数据看板 from the workbench, once its figures have arrived. */
async function openDashboard(manager: Page): Promise<Locator> {
  const workbench = await openWorkbench(manager);
  await workbench.locator('.tk-dashboard-entry').click();
  const dashboard = visiblePage(manager, 'tk-dashboard-page');
  await expect(dashboard.locator('.tk-dash-body')).toBeVisible({ timeout: 60_000 });
  return dashboard;
}

/** One figure of the store's column in the figures table. */
const figureCell = (dashboard: Locator, key: string) => dashboard.locator(`.tk-dash-figures .tk-dash-row-${key} .tk-dash-td`).nth(1);
/** 平均评分 as the dashboard shows it: one decimal. */
const ratingText = (sum: number, count: number) => (Math.round((sum / count) * 10) / 10).toFixed(1);

test('a member rates 2 stars; the manager records 已联系 with a goodwill coupon; a low rating at another store joins that follow-up; the dashboards show the new figures and a drawn chart', async ({
  browser,
  request,
}) => {
  const stamp = Date.now().toString(36);
  const hq = await apiToken(request, 'demo-hq-admin');
  // The figures before, exactly (the sums behind the averages), to compare the dashboards with after.
  const before = { jingan: await todayOf(request, 'demo-manager-jingan'), xuhui: await todayOf(request, 'demo-manager-xuhui') };
  // A goodwill template HQ allows (关怀券), set up through the API.
  const goodwill = await apiCall(request, routes.adminTemplatesCreate, {
    token: hq,
    body: { name: `关怀券${stamp.slice(-4)}`, kind: 'amount_off', valueFen: 1_000, validity: { type: 'relative', days: 30 }, obtainedBy: 'rule', goodwill: true },
    idempotencyKey: `e2e-goodwill-${stamp}`,
  });

  // 1. A new member with a bill at 静安寺 rates it 2 stars.
  const member = await (await browser.newContext({ viewport: { width: 320, height: 640 } })).newPage();
  await signInNewcomer(member, `e2e-rate-${stamp}`);
  const agree = member.locator('.tk-privacy-agree').filter({ visible: true });
  await expect(agree).toBeVisible({ timeout: 60_000 });
  await agree.click();
  await expect(member.locator('.tk-points').filter({ visible: true })).toBeVisible({ timeout: 60_000 });
  const memberToken = (await savedSession(member)).token;
  await billAt(request, 'demo-clerk-jingan', memberToken, 3_800);
  await rateFromCard(member, 2, '等待', '排队太久了');
  const first = visiblePage(member, 'tk-ratings-page').locator('.tk-ratings-item').filter({ hasText: '排队太久了' });
  await expect(first).toContainText('★★☆☆☆');
  await expect(first.locator('.tk-ratings-pending')).toContainText('门店跟进中');

  // 2. 静安寺's manager: 待跟进 → 记录跟进 → 已联系, a note and the goodwill coupon. It stays in 待跟进, answered.
  const managerA = await signIn(browser, 'demo-manager-jingan');
  await managerA.locator('.tk-follow-ups-entry').filter({ visible: true }).click();
  const listA = visiblePage(managerA, 'tk-follow-ups-page');
  const cardA = listA.locator('.tk-fu-card').filter({ hasText: '排队太久了' });
  await expect(cardA).toBeVisible({ timeout: 30_000 });
  await expect(cardA).toContainText('等待');
  await expect(cardA.locator('.tk-fu-due')).toContainText('前联系顾客');
  await cardA.locator('.tk-fu-open').click();
  await cardA.locator('.tk-fu-outcomes .tk-option', { hasText: '已联系' }).click();
  await expect(cardA.locator('.tk-fu-hint')).toContainText('跟进保持打开');
  await cardA.locator('.tk-fu-note-input textarea').fill('已电话致歉，顾客表示理解');
  await cardA.locator('.tk-fu-goodwill .tk-option', { hasText: goodwill.name }).click();
  const submit = cardA.locator('.tk-fu-submit');
  expect((await submit.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await submit.click();
  await expect(cardA.locator('.tk-fu-answered')).toHaveText('已联系', { timeout: 30_000 });
  await expect(cardA.locator('.tk-fu-step')).toContainText(/已联系 · 沪上茶点·静安寺店 店长 /);
  await expect(cardA.locator('.tk-fu-step .tk-fu-coupon')).toContainText(goodwill.name);
  await expect(cardA.locator('.tk-fu-overdue')).toHaveCount(0);
  await expect(cardA.locator('.tk-fu-done')).toHaveCount(0);
  // Still open: 记录跟进 again offers the outcomes, but no second coupon.
  await cardA.locator('.tk-fu-open').click();
  await expect(cardA.locator('.tk-fu-given')).toContainText(goodwill.name);
  await expect(cardA.locator('.tk-fu-goodwill')).toHaveCount(0);
  await cardA.locator('.tk-fu-cancel').click();

  // The member holds the coupon (我的优惠券) and reads 门店已回复 · 已联系 (the note stays internal).
  await member.goto(`/?at=${Date.now()}#/pages/card/index`);
  await member.locator('.tk-my-coupons-entry').filter({ visible: true }).click();
  await expect(member.locator('.tk-my-coupon').filter({ hasText: goodwill.name, visible: true })).toBeVisible({ timeout: 30_000 });
  await member.goto(`/?at=${Date.now()}#/me/ratings/index`);
  const replied = visiblePage(member, 'tk-ratings-page').locator('.tk-ratings-item').filter({ hasText: '排队太久了' });
  await expect(replied.locator('.tk-ratings-replied')).toContainText('门店已回复 · 已联系', { timeout: 30_000 });
  await expect(replied).not.toContainText('顾客表示理解');

  // 3. A bill at 徐家汇, rated 1 star in the app: it joins the open follow-up, no second one.
  await billAt(request, 'demo-clerk-xuhui', memberToken, 2_800);
  await rateFromCard(member, 1, '服务', '徐家汇也不满意');
  const open = await apiCall(request, routes.adminFollowUps, { token: hq, query: {} });
  const hers = open.items.filter((f) => f.ratings.some((r) => r.comment === '排队太久了' || r.comment === '徐家汇也不满意'));
  expect(hers).toHaveLength(1);
  expect(hers[0]!.ratings.map((r) => r.stars)).toEqual([2, 1]);

  // 徐家汇's manager sees it handled by 静安寺, with the latest step, and one card for the member.
  const managerB = await signIn(browser, 'demo-manager-xuhui');
  await managerB.locator('.tk-follow-ups-entry').filter({ visible: true }).click();
  const listB = visiblePage(managerB, 'tk-follow-ups-page');
  const cardsB = listB.locator('.tk-fu-card').filter({ hasText: '徐家汇也不满意' });
  await expect(cardsB).toHaveCount(1, { timeout: 30_000 });
  await expect(cardsB).toContainText('排队太久了');
  await expect(cardsB.locator('.tk-fu-handler')).toContainText('已由 沪上茶点·静安寺店 跟进，请勿重复联系');
  await expect(cardsB.locator('.tk-fu-latest')).toContainText('最新进展：已联系 · 沪上茶点·静安寺店 店长');
  await expect(cardsB.locator('.tk-fu-answered')).toHaveText('已联系');

  // 4. 数据看板 (今天): each store's new figures, exactly, and the trend drawn.
  const expected = {
    jingan: { ratings: before.jingan.ratings + 1, sum: (before.jingan.averageRating ?? 0) * before.jingan.ratings + 2, open: before.jingan.openFollowUps + 1 },
    xuhui: { ratings: before.xuhui.ratings + 1, sum: (before.xuhui.averageRating ?? 0) * before.xuhui.ratings + 1, open: before.xuhui.openFollowUps + 1 },
  };
  for (const [manager, store] of [
    [managerA, 'jingan'],
    [managerB, 'xuhui'],
  ] as const) {
    const dashboard = await openDashboard(manager);
    const want = expected[store];
    await expect(figureCell(dashboard, 'ratings')).toHaveText(String(want.ratings), { timeout: 30_000 });
    await expect(figureCell(dashboard, 'averageRating')).toHaveText(ratingText(want.sum, want.ratings));
    await expect(figureCell(dashboard, 'openFollowUps')).toHaveText(String(want.open));
    // Nothing became overdue meanwhile (the rule itself, answered never overdue, is in ratings.test.ts).
    await expect(figureCell(dashboard, 'overdueFollowUps')).toHaveText(String(before[store].overdueFollowUps));
    await expect(dashboard.locator('.tk-dash-card-averageRating .tk-dash-card-note')).toContainText(`${want.ratings} 条评价`);
    await expectChartDrawn(dashboard);
  }
});
