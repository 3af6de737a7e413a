/**
 * Rating a visit and the follow-up it opens, end to end at 320 px (README § Ratings and follow-ups):
 * a member with a bill sees 待评价 on the card and rates it 2 stars with a tag and a comment; a
 * second low rating at another store joins the same follow-up (one per member across the chain);
 * the store's manager finds it under 待跟进 and closes it (已联系, a note and a goodwill coupon); the
 * member's 我的评价 then says 门店已回复 and the coupon is theirs; the manager's 数据看板 shows the
 * ratings and a drawn chart.
 */
import { routes } from '../../shared/contract/routes';
import { apiCall, expect, test } from './contract';
import { apiToken, freshReceipt, savedSession, signIn, signInNewcomer, visiblePage } from './app';

test.use({ viewport: { width: 320, height: 640 } });

test('a member rates a visit 2 stars; the store manager closes the follow-up; the member sees 门店已回复', async ({ browser, request }) => {
  const openid = `e2e-rate-${Date.now().toString(36)}`;
  const member = await (await browser.newContext({ viewport: { width: 320, height: 640 } })).newPage();
  await signInNewcomer(member, openid);
  const agree = member.locator('.tk-privacy-agree').filter({ visible: true });
  await expect(agree).toBeVisible({ timeout: 60_000 });
  await agree.click();
  await expect(member.locator('.tk-points').filter({ visible: true })).toBeVisible({ timeout: 60_000 });

  // A bill at 静安寺 (rung up through the API: the counter itself is checkout.spec.ts's).
  const memberToken = (await savedSession(member)).token;
  const clerkToken = await apiToken(request, 'demo-clerk-jingan');
  const code = await apiCall(request, routes.meCode, { token: memberToken });
  const visit = await apiCall(request, routes.staffOpenVisit, { token: clerkToken, body: { code: code.digits } });
  await apiCall(request, routes.staffCheckout, {
    token: clerkToken,
    params: { visitId: visit.visitId },
    body: { receiptNo: freshReceipt('RATE'), amountFen: 3_800 },
    idempotencyKey: `e2e-rate-${Date.now().toString(36)}`,
  });

  await member.reload();
  const prompt = member.locator('.tk-pending-rating-entry').filter({ visible: true });
  await expect(prompt).toContainText('待评价', { timeout: 30_000 });
  const box = (await prompt.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  await prompt.click();

  const rate = visiblePage(member, 'tk-rate-page');
  await expect(rate.locator('.tk-rate-store')).toBeVisible({ timeout: 30_000 });
  await rate.locator('.tk-rate-star-2').click();
  await expect(rate.locator('.tk-rate-follow')).toBeVisible();
  await rate.locator('.tk-rate-tags .tk-option', { hasText: '等待' }).click();
  await rate.locator('.tk-rate-comment textarea').fill('排队太久了');
  await expect(rate.locator('.tk-rate-count')).toContainText('195');
  await rate.locator('.tk-rate-submit').click();

  const mine = visiblePage(member, 'tk-ratings-page');
  const item = mine.locator('.tk-ratings-item').filter({ hasText: '排队太久了' });
  await expect(item).toContainText('门店跟进中', { timeout: 30_000 });
  await expect(item).toContainText('★★☆☆☆');

  // A second low rating, at 徐家汇: it joins the open follow-up instead of opening another.
  const clerkB = await apiToken(request, 'demo-clerk-xuhui');
  const codeB = await apiCall(request, routes.meCode, { token: memberToken });
  const visitB = await apiCall(request, routes.staffOpenVisit, { token: clerkB, body: { code: codeB.digits } });
  const billB = await apiCall(request, routes.staffCheckout, {
    token: clerkB,
    params: { visitId: visitB.visitId },
    body: { receiptNo: freshReceipt('RATEB'), amountFen: 2_800 },
    idempotencyKey: `e2e-rate-b-${Date.now().toString(36)}`,
  });
  await apiCall(request, routes.meRate, {
    token: memberToken,
    params: { ref: billB.checkoutId },
    body: { stars: 1, tags: ['服务'], comment: '徐家汇也不满意' },
    idempotencyKey: `e2e-rate-b2-${Date.now().toString(36)}`,
  });
  const hq = await apiToken(request, 'demo-hq-admin');
  const open = await apiCall(request, routes.adminFollowUps, { token: hq, query: {} });
  const hers = open.items.filter((f) => f.ratings.some((r) => r.comment === '排队太久了' || r.comment === '徐家汇也不满意'));
  expect(hers).toHaveLength(1);
  expect(hers[0]!.ratings).toHaveLength(2);
  // A goodwill template HQ allows (关怀券).
  const goodwill = await apiCall(request, routes.adminTemplatesCreate, {
    token: hq,
    body: {
      name: `关怀券${Date.now().toString(36).slice(-4)}`,
      kind: 'amount_off',
      valueFen: 1_000,
      validity: { type: 'relative', days: 30 },
      obtainedBy: 'rule',
      goodwill: true,
    },
    idempotencyKey: `e2e-goodwill-${Date.now().toString(36)}`,
  });

  // The store's manager: 待跟进 from the workbench, 处理 → 已联系 + a note + the goodwill coupon.
  const manager = await signIn(browser, 'demo-manager-jingan');
  await manager.locator('.tk-follow-ups-entry').filter({ visible: true }).click();
  const followUps = visiblePage(manager, 'tk-follow-ups-page');
  const card = followUps.locator('.tk-fu-card').filter({ hasText: '排队太久了' });
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card).toContainText('等待');
  await card.locator('.tk-fu-open').click();
  await card.locator('.tk-fu-outcomes .tk-option', { hasText: '已联系' }).click();
  await expect(card.locator('.tk-fu-stores')).toContainText('徐家汇');
  await card.locator('.tk-fu-note-input textarea').fill('已电话致歉，顾客表示理解');
  await card.locator('.tk-fu-goodwill .tk-option', { hasText: goodwill.name }).click();
  const submit = card.locator('.tk-fu-submit');
  expect((await submit.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await submit.click();
  await expect(card.locator('.tk-fu-done')).toBeVisible({ timeout: 30_000 });
  await expect(card.locator('.tk-fu-closed')).toContainText('已联系');

  // The member: 门店已回复 (the note stays internal).
  await member.reload();
  const replied = visiblePage(member, 'tk-ratings-page').locator('.tk-ratings-item').filter({ hasText: '排队太久了' });
  await expect(replied.locator('.tk-ratings-replied')).toContainText('门店已回复', { timeout: 30_000 });
  await expect(replied).toContainText('已联系');
  await expect(replied).not.toContainText('顾客表示理解');
  const coupons = await apiCall(request, routes.meCoupons, { token: memberToken });
  expect(coupons.items.some((c) => c.templateId === goodwill.id)).toBe(true);

  // 数据看板 (日): the two ratings' store shows its rating, and the trend is drawn.
  await manager.goto(`/?at=${Date.now()}#/admin/dashboard/index`);
  const dashboard = visiblePage(manager, 'tk-dashboard-page');
  await expect(dashboard).toContainText('平均评分', { timeout: 60_000 });
  const canvas = dashboard.locator('canvas').first();
  await expect(canvas).toBeVisible({ timeout: 30_000 });
  expect((await canvas.boundingBox())!.width).toBeGreaterThan(100);
});
