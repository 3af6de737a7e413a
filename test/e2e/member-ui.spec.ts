import type { APIRequestContext, Browser, Locator, Page } from '@playwright/test';
import { routes } from '../../shared/contract/routes';
import { apiCall, expect, test } from './contract';
import { join } from 'node:path';
import { addDays, shanghaiDate } from '../../shared/dates';
import { apiSignIn, settled, visiblePage } from './app';

const RESULTS = join(__dirname, '..', '..', 'test-results');
/** $tk-danger (styles/tokens.scss) as the browser reports it. */
const DANGER = 'rgb(200, 16, 46)';
const WELCOME_COUPON = '新人礼·满50减10';

/**
 * A member who has never signed in before (a new WeChat user), on a phone `width` px wide. The first
 * login creates the member and gives the 新人礼; the app starts with that session in its storage.
 */
async function newMember(browser: Browser, request: APIRequestContext, width: number): Promise<{ page: Page; token: string }> {
  const openid = `e2e-new-${width}-${Date.now().toString(36)}`;
  // Signed in and agreed to the privacy notice, as the app's first login does (the 新人礼 comes with the agreement).
  const { token, expiresAt } = await apiSignIn(request, openid);
  const context = await browser.newContext({ viewport: { width, height: 700 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  // Taro's H5 storage keeps each value as {"data": …} in localStorage (api/session.ts reads it).
  await context.addInitScript((session) => localStorage.setItem('tongka.session', JSON.stringify({ data: session })), { token, expiresAt, staff: null });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('.tk-points')).toBeVisible({ timeout: 60_000 });
  return { page, token };
}

/** At least 44 × 44 CSS px, and inside the screen. */
async function expectTapTarget(target: Locator, width: number): Promise<void> {
  await expect(target).toBeVisible();
  const box = (await target.boundingBox())!;
  expect(box.height, `${await target.innerText()} is ${box.height}px tall`).toBeGreaterThanOrEqual(44);
  expect(box.width, `${await target.innerText()} is ${box.width}px wide`).toBeGreaterThanOrEqual(44);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width + 0.5);
}

/** Nothing on the page is wider than the screen. */
async function expectNoSidewaysScroll(page: Locator): Promise<void> {
  expect(await page.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
}

async function seconds(refresh: Locator): Promise<number> {
  const text = await refresh.innerText();
  const match = /(\d+)\s*秒后自动刷新/.exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

for (const width of [375, 320]) {
  test.describe(`a new member at ${width} px`, () => {
    test('is told once that the 新人礼 has arrived; the member code counts down, refreshes on a tap and opens large; every control is a full tap target', async ({
      browser,
      request,
    }) => {
      const { page } = await newMember(browser, request, width);
      const card = visiblePage(page, 'tk-card-page');

      // 新人礼: told on the card, with the way to the coupon.
      const welcome = card.locator('.tk-welcome');
      await expect(welcome).toContainText('新人礼已到账');
      await expect(welcome).toContainText(WELCOME_COUPON);
      await expectTapTarget(welcome.locator('.tk-welcome-view'), width);
      await expectTapTarget(welcome.locator('.tk-welcome-close'), width);

      // The member code: the seconds to the next refresh go down.
      const refresh = card.locator('.tk-code-refresh');
      await expect(refresh).toContainText(/\d+ 秒后自动刷新/);
      const first = await seconds(refresh);
      await expect.poll(() => seconds(refresh)).toBeLessThan(first);
      await expectTapTarget(refresh, width);
      // A tap fetches a new code now.
      const fetched = page.waitForRequest((r) => r.method() === 'GET' && r.url().endsWith('/v1/me/code'));
      await refresh.click();
      await fetched;
      await expect(refresh).toContainText(/\d+ 秒后自动刷新/);

      // Tapping the QR shows it large over everything; a tap closes it.
      const small = (await card.locator('.tk-code-qr .tk-qr-image').boundingBox())!;
      await card.locator('.tk-code-qr').click();
      const large = page.locator('.tk-code-enlarged').filter({ visible: true });
      await expect(large.locator('.tk-digits')).toHaveText(/^\d{4} \d{4} \d{4} \d{4}$/);
      const box = (await large.locator('.tk-qr-image').boundingBox())!;
      expect(box.width).toBeGreaterThan(small.width * 1.4);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      await page.screenshot({ path: join(RESULTS, `member-code-large-${width}.png`) });
      await large.click();
      await expect(large).toHaveCount(0);

      // 去预约 and 我的预约 on the card are full tap targets.
      await expectTapTarget(card.locator('.tk-book-entry'), width);
      await expectTapTarget(card.locator('.tk-my-bookings-entry'), width);
      await expectNoSidewaysScroll(card);

      // The tab bar shows an icon over each label; the card's is the selected (red) one.
      const icons = page.locator('.weui-tabbar__icon');
      await expect(icons).toHaveCount(3);
      for (const icon of await icons.all()) {
        await expect(icon).toBeVisible();
        expect(await icon.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      }
      const sources = await icons.evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).src));
      expect(new Set(sources).size).toBe(3);
      await settledScreenshot(page, card, `card-${width}.png`);

      // Told once: after a reload the note does not come back.
      await page.reload();
      await expect(visiblePage(page, 'tk-card-page').locator('.tk-digits')).toBeVisible();
      await expect(visiblePage(page, 'tk-card-page').locator('.tk-points')).toBeVisible();
      await expect(page.locator('.tk-welcome')).toHaveCount(0);
    });

    test('我的优惠券: 立即使用 opens the member code large; 领券中心 has a top bar and full-size buttons; an empty list offers 去领券', async ({ browser, request }) => {
      const { page } = await newMember(browser, request, width);
      await page.locator('.tk-my-coupons-entry').click();
      const mine = visiblePage(page, 'tk-my-coupons-page');

      // The H5 top bar: ‹ and the page's title.
      await expect(mine.locator('.tk-top-bar-title')).toHaveText('我的优惠券');
      await settled(mine);
      await expectTapTarget(mine.locator('.tk-top-bar-back'), width);

      const gift = mine.locator('.tk-my-coupon', { hasText: WELCOME_COUPON });
      await expect(gift).toContainText(/有效期至 \d{4}-\d{2}-\d{2}/);
      const use = gift.locator('.tk-use-coupon');
      await expectTapTarget(use, width);
      await expectTapTarget(mine.locator('.tk-coupon-tab-used'), width);
      await expectNoSidewaysScroll(mine);
      await settledScreenshot(page, mine, `my-coupons-${width}.png`);
      await use.click();
      const large = page.locator('.tk-code-enlarged').filter({ visible: true });
      await expect(large.locator('.tk-digits')).toHaveText(/^\d{4} \d{4} \d{4} \d{4}$/);
      await large.click();
      await expect(large).toHaveCount(0);

      // 领券中心: the link to 我的优惠券 and each 领取 are full tap targets.
      await visiblePage(page, 'tk-card-page').locator('.tk-coupon-center-entry').click();
      const center = visiblePage(page, 'tk-coupon-center-page');
      await expect(center.locator('.tk-top-bar-title')).toHaveText('领券中心');
      await settled(center);
      await expectTapTarget(center.locator('.tk-my-coupons-link'), width);
      const claim = center.locator('.tk-claim-item', { hasText: '全场满100减15' }).locator('.tk-claim');
      await expect(claim).toHaveText('领取');
      await expectTapTarget(claim, width);
      await expectNoSidewaysScroll(center);
      await settledScreenshot(page, center, `coupon-center-${width}.png`);

      // 我的优惠券 › → 已使用 is empty for a new member, with the way to 领券中心.
      await center.locator('.tk-my-coupons-link').click();
      const again = visiblePage(page, 'tk-my-coupons-page');
      await again.locator('.tk-coupon-tab-used').click();
      await expect(again.locator('.tk-my-coupons-empty')).toContainText('还没有用过优惠券');
      const go = again.locator('.tk-go-center');
      await settled(again);
      await expectTapTarget(go, width);
      await go.click();
      await expect(visiblePage(page, 'tk-coupon-center-page').locator('.tk-top-bar-title')).toHaveText('领券中心');

      // ‹ goes back to the page before.
      await visiblePage(page, 'tk-coupon-center-page').locator('.tk-top-bar-back').click();
      await expect(visiblePage(page, 'tk-my-coupons-page').locator('.tk-top-bar-title')).toHaveText('我的优惠券');
    });
  });
}

test('a deep link or a refresh is never a dead end: ‹ goes to the card when there is no page behind', async ({ browser, request }) => {
  const { page } = await newMember(browser, request, 375);
  await page.goto('/#/booking/mine/index');
  await page.reload();
  const mine = visiblePage(page, 'tk-mine-page');
  await expect(mine.locator('.tk-top-bar-title')).toHaveText('我的预约');
  await settled(mine);
  // A new member has no bookings: the empty list offers 去预约.
  await expect(mine.locator('.tk-upcoming')).toContainText('暂无预约');
  await expectTapTarget(mine.locator('.tk-empty-book'), 375);
  await mine.locator('.tk-top-bar-back').click();
  await expect(visiblePage(page, 'tk-card-page').locator('.tk-points')).toBeVisible();
  // The tab pages have WeChat's tab bar instead.
  await expect(visiblePage(page, 'tk-card-page').locator('.tk-top-bar')).toHaveCount(0);
});

test('我的优惠券 marks a coupon that ends within 3 days 即将过期, and stamps expired ones in a way that is not a button', async ({ browser, request }) => {
  const { page } = await newMember(browser, request, 375);
  const today = shanghaiDate();
  // The welcome coupon, as if its last day were the day after tomorrow, or yesterday.
  await page.route('**/v1/me/coupons?*', async (route) => {
    const status = new URL(route.request().url()).searchParams.get('status');
    const real = await route.fetch({
      url: route
        .request()
        .url()
        .replace(/status=\w+/, 'status=available'),
    });
    const body = (await real.json()) as { items: Array<Record<string, unknown>> };
    const items =
      status === 'available'
        ? body.items.map((c) => ({ ...c, validTo: addDays(today, 2) }))
        : status === 'expired'
          ? body.items.map((c) => ({ ...c, status: 'expired', validFrom: addDays(today, -31), validTo: addDays(today, -1) }))
          : [];
    await route.fulfill({ response: real, json: { items } });
  });

  await page.locator('.tk-my-coupons-entry').click();
  const mine = visiblePage(page, 'tk-my-coupons-page');
  const soon = mine.locator('.tk-my-coupon', { hasText: WELCOME_COUPON });
  await expect(soon.locator('.tk-ticket-badge')).toHaveText('即将过期');
  await expect(soon).toHaveClass(/tk-my-coupon-expiring/);

  await mine.locator('.tk-coupon-tab-expired').click();
  const expired = mine.locator('.tk-my-coupon-expired', { hasText: WELCOME_COUPON });
  const stamp = expired.locator('.tk-ticket-stamp');
  await expect(stamp).toHaveText('已过期');
  // A stamp: round, slanted, not in the action row, taps go through it; no 立即使用.
  await expect(stamp).toHaveCSS('pointer-events', 'none');
  await expect(stamp).toHaveCSS('border-radius', '50%');
  expect(await stamp.evaluate((el) => getComputedStyle(el).transform)).not.toBe('none');
  await expect(expired.locator('.tk-ticket-action')).toHaveCount(0);
  await expect(expired.locator('.tk-use-coupon')).toHaveCount(0);
  await expect(expired.locator('.tk-ticket-badge')).toHaveCount(0);
  await settledScreenshot(page, mine, 'my-coupons-expired.png');
});

test('我的预约: 改约 and 取消预约 are full tap targets, 取消预约 is red and asks in red, and 改约 starts on the booking’s own store and day', async ({ browser, request }) => {
  const { page, token } = await newMember(browser, request, 375);
  const slot = await slotTheDayAfterTomorrow(request);
  await apiCall(request, routes.bookingsCreate, {
    token,
    idempotencyKey: `e2e-book-${Date.now().toString(36)}`,
    body: { storeId: slot.storeId, serviceId: slot.serviceId, start: slot.start },
  });

  await page.locator('.tk-my-bookings-entry').click();
  const mine = visiblePage(page, 'tk-mine-page');
  const booking = mine.locator('.tk-upcoming .tk-my-booking').first();
  await expect(booking.locator('.tk-my-booking-status')).toHaveText('待到店');
  await settled(mine);
  // The time is on one line.
  const time = booking.locator('.tk-my-booking-time');
  await expect(time).toHaveCSS('white-space', 'nowrap');
  expect((await time.boundingBox())!.height).toBeLessThan(30);
  await expectTapTarget(booking.locator('.tk-move-booking'), 375);
  const cancel = booking.locator('.tk-cancel-booking');
  await expectTapTarget(cancel, 375);
  await expect(cancel).toHaveCSS('color', DANGER);

  // 改约 opens on the same store and day, the booked time marked 当前.
  await booking.locator('.tk-move-booking').click();
  const move = visiblePage(page, 'tk-book-page');
  await expect(move.locator('.tk-top-bar-title')).toHaveText('改约');
  await settled(move);
  await expect(move.locator(`.tk-book-store-${slot.storeId}`)).toHaveClass(/tk-chip-selected/);
  await expect(move.locator(`.tk-book-day-${slot.date}`)).toHaveClass(/tk-chip-selected/);
  await expect(move.locator('.tk-slot', { hasText: slot.time }).locator('.tk-slot-remaining')).toHaveText('当前');
  await expectTapTarget(move.locator(`.tk-book-day-${slot.date}`), 375);
  await move.locator('.tk-top-bar-back').click();

  // 取消预约 asks first, with the confirm button in red.
  await visiblePage(page, 'tk-mine-page').locator('.tk-cancel-booking').first().click();
  const confirm = page.locator('.taro-model__confirm').filter({ visible: true });
  await expect(confirm).toHaveText('取消预约');
  await expect(confirm).toHaveCSS('color', DANGER);
  await confirm.click();
  const after = visiblePage(page, 'tk-mine-page');
  await expect(after.locator('.tk-past .tk-my-booking-status')).toHaveText('已取消');
  await expect(after.locator('.tk-upcoming')).toContainText('暂无预约');
});

/** A service's start with a seat left two days from now (Shanghai), far from the 2-hour limit. */
async function slotTheDayAfterTomorrow(request: APIRequestContext): Promise<{ storeId: string; serviceId: string; date: string; start: string; time: string }> {
  const date = addDays(shanghaiDate(), 2);
  for (const storeId of ['pudong', 'jingan', 'xuhui']) {
    const services = await apiCall(request, routes.servicesList, { query: { storeId } });
    for (const service of services.items) {
      const { items } = await apiCall(request, routes.storeSlots, { params: { storeId }, query: { serviceId: service.id, date } });
      const slot = items.find((s) => s.remaining > 0);
      if (slot) return { storeId, serviceId: service.id, date, start: slot.start, time: slot.time };
    }
  }
  throw new Error(`no bookable slot on ${date}`);
}

/** A screenshot once Taro's page transition has ended. */
async function settledScreenshot(page: Page, view: Locator, name: string): Promise<void> {
  await settled(view);
  await page.screenshot({ path: join(RESULTS, name), fullPage: true });
}
