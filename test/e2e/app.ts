/** Steps on the H5 build that the specs share. Selectors are the app's stable `tk-*` class hooks. */
import { expect, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { routes } from '../../shared/contract/routes';
import { addDays, shanghaiDate } from '../../shared/dates';
import { apiCall } from './contract';
import { e2ePorts } from './ports';

/** A fresh browser context (its own storage, so its own session) signed in as a demo account. */
export async function signIn(browser: Browser, openid: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  // No session yet: the app sends us to the 演示登录 list.
  await page.locator(`.tk-account-${openid}`).click();
  // Members land on their card, staff on their 店员工作台 (the first page load of a run is the slowest).
  const landed = page.locator('.tk-points, .tk-staff-head').filter({ visible: true }).first();
  // Demo accounts have not agreed to the privacy notice yet: agree for them (privacy-notice.spec.ts tests the notice itself).
  const agree = page.locator('.tk-privacy-agree').filter({ visible: true });
  await expect(landed.or(agree).first()).toBeVisible({ timeout: 60_000 });
  if (await agree.isVisible()) await agree.click();
  await expect(landed).toBeVisible({ timeout: 60_000 });
  return page;
}

/** 店员工作台: where staff land after signing in; from a finished bill by 继续扫码; else by its address. */
export async function openWorkbench(staff: Page): Promise<Locator> {
  const workbench = staff.locator('.tk-scan-page').filter({ visible: true });
  const next = staff.locator('.tk-next-scan').filter({ visible: true });
  if ((await next.count()) > 0) await next.click();
  // A fresh load (its own query string), not a hash change the page's router might take as a step.
  else if ((await workbench.count()) === 0) await staff.goto(`/?at=${Date.now()}#/staff/scan/index`);
  await expect(workbench.locator('.tk-staff-head')).toBeVisible({ timeout: 60_000 });
  return workbench;
}

/** The number shown in an element, e.g. the card's points. */
export async function numberIn(locator: Locator): Promise<number> {
  await expect(locator).toHaveText(/^\s*-?\d+\s*$/);
  return Number((await locator.innerText()).trim());
}

/** The member's current 16 digits as shown under the QR code ('1234 5678 9012 3456'). */
export async function memberDigits(member: Page): Promise<string> {
  const digits = member.locator('.tk-digits');
  await expect(digits).toHaveText(/^\d{4} \d{4} \d{4} \d{4}$/);
  return (await digits.innerText()).trim();
}

export function tab(page: Page, label: '会员卡' | '积分明细' | '门店'): Locator {
  return page.locator('.weui-tabbar__item', { hasText: label });
}

/** At the 店员工作台's counter, the member found by their digits. */
export async function openVisit(clerk: Page, digits: string): Promise<void> {
  await openWorkbench(clerk);
  const input = clerk.locator('.tk-digits-input input').filter({ visible: true });
  await expect(input).toBeVisible();
  await input.fill(digits);
  await clerk.locator('.tk-open-visit').click();
  await expect(clerk.locator('.tk-member-panel')).toBeVisible();
}

export async function fillBill(clerk: Page, bill: { amount: string; receiptNo: string; redeem?: string }): Promise<void> {
  await clerk.locator('.tk-amount-input input').fill(bill.amount);
  await clerk.locator('.tk-receipt-input input').fill(bill.receiptNo);
  if (bill.redeem !== undefined) await clerk.locator('.tk-redeem-input input').fill(bill.redeem);
}

let receiptSeq = 0;
/** A receipt number no earlier run has used (each run also starts from a fresh seed). */
export const freshReceipt = (prefix: string) => `${prefix}-${Date.now().toString(36).toUpperCase()}-${++receiptSeq}`;

/** A coupon by its name in a list of coupons: 领券中心 (`.tk-claim-item`), 我的优惠券 (`.tk-my-coupon`),
 * the counter's panel (`.tk-visit-coupon`) or 券模板管理 (`.tk-template`). */
export function couponItem(page: Page, selector: string, name: string): Locator {
  return page.locator(selector).filter({ hasText: name });
}

// ---- booking -------------------------------------------------------------------------------------

/** The one visible instance of a page (Taro keeps earlier pages of the stack, hidden, in the H5 DOM). */
export function visiblePage(page: Page, pageClass: string): Locator {
  return page.locator(`.${pageClass}`).filter({ visible: true });
}

/** A session token for a demo account, through the same route the app uses (`dev-<openid>` codes). */
export async function apiToken(request: APIRequestContext, openid: string): Promise<string> {
  return (await apiSignIn(request, openid)).token;
}

/** Signs in through the API as the app does, agreeing to the privacy notice when it asks (the app lets nobody further without). */
export async function apiSignIn(request: APIRequestContext, openid: string): Promise<{ token: string; expiresAt: string }> {
  const answer = await apiCall(request, routes.authWechat, { body: { code: `dev-${openid}` } });
  if (answer.privacy.agreedVersion !== answer.privacy.noticeVersion) {
    await apiCall(request, routes.meConsent, { token: answer.token, body: { version: answer.privacy.noticeVersion } });
  }
  return { token: answer.token, expiresAt: answer.expiresAt };
}

/** As HQ: the store takes bookings around the clock, every day, with the given notice. */
export async function openAllDay(request: APIRequestContext, hqToken: string, storeId: string, minNoticeMinutes: number): Promise<void> {
  const openingHours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '23:59' }));
  await apiCall(request, routes.adminSchedule, {
    token: hqToken,
    params: { storeId },
    body: { openingHours, closedDates: [], slotMinutes: 30, minNoticeMinutes, horizonDays: 14 },
  });
}

export interface FirstSlot {
  serviceId: string;
  date: string;
  time: string;
  start: string;
}

/** The first start with a seat left for a service at a store, searching day by day from today (Shanghai). */
export async function firstSlot(request: APIRequestContext, storeId: string, serviceName: string): Promise<FirstSlot> {
  const services = await apiCall(request, routes.servicesList, { query: { storeId } });
  const service = services.items.find((s) => s.name === serviceName);
  if (!service) throw new Error(`${storeId} does not offer ${serviceName}`);
  const today = shanghaiDate();
  for (let day = 0; day < 14; day++) {
    const date = addDays(today, day);
    const { items } = await apiCall(request, routes.storeSlots, { params: { storeId }, query: { serviceId: service.id, date } });
    const slot = items.find((s) => s.remaining > 0);
    if (slot) return { serviceId: service.id, date, time: slot.time, start: slot.start };
  }
  throw new Error(`no ${serviceName} slot at ${storeId} within 14 days`);
}

/**
 * Slots start on the half hour: when the next one is only moments away, wait until it has passed,
 * so that the first slot the app shows cannot turn into the past (or too soon) while a test books it.
 */
export async function awayFromSlotBoundary(marginMs = 150_000): Promise<void> {
  const untilBoundary = 1_800_000 - (Date.now() % 1_800_000);
  if (untilBoundary < marginMs) await new Promise((resolve) => setTimeout(resolve, untilBoundary + 2_000));
}

/** Waits for Taro's page transition to finish (the page slides in from the right), e.g. before a screenshot. */
export async function settled(page: Locator): Promise<void> {
  await expect.poll(async () => Math.round((await page.boundingBox())?.x ?? -1)).toBe(0);
}

// ---- pushes --------------------------------------------------------------------------------------

const ROOT = join(__dirname, '..', '..');

/** `npm run jobs:run -- <job>` against the e2e stack, as HQ's operator would run it; its printed counts. */
export async function runJob(job: 'birthday' | 'reactivation' | 'reminders'): Promise<Record<string, Record<string, number>>> {
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'infra/local/run-job.ts', job], {
    cwd: ROOT,
    env: { ...process.env, DYNAMODB_PORT: String(e2ePorts.dynamodb), WECHAT_PORT: String(e2ePorts.wechat) },
    timeout: 120_000,
  });
  return JSON.parse(stdout.slice(0, stdout.lastIndexOf('}') + 1)) as Record<string, Record<string, number>>;
}

export interface WechatSend {
  at: string;
  body: { touser: string; template_id: string; page: string; data: Record<string, { value: string }>; miniprogram_state: string; lang: string };
}

/** What the fake WeChat server received on `subscribe/send`, for one openid. */
export async function wechatSends(request: APIRequestContext, openid: string): Promise<WechatSend[]> {
  const res = await request.get(`http://127.0.0.1:${e2ePorts.wechat}/__fake/sent`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: WechatSend[] }).items.filter((s) => s.body.touser === openid);
}

/** Taro's H5 stand-in for WeChat's subscribe prompt (a modal): 允许 or 取消. */
export async function answerSubscribePrompt(page: Page, allow: boolean): Promise<void> {
  // The modal's root has no box of its own (its children are fixed): look at its content.
  const modal = page.locator('.taro-modal__content').filter({ visible: true });
  await expect(modal).toContainText('订阅消息');
  await modal.locator('.taro-model__btn', { hasText: allow ? '允许' : '取消' }).click();
}

/**
 * The first request to `url` reaches the server and is applied, but the phone never hears back
 * (the connection drops); later ones go through. Returns the Idempotency-Key of each attempt.
 */
export async function loseFirstAnswer(page: Page, url: string): Promise<string[]> {
  const keys: string[] = [];
  await page.route(url, async (route) => {
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (keys.length === 1) {
      const applied = await route.fetch();
      expect(applied.status()).toBe(200);
      await route.abort('connectionreset');
      return;
    }
    await route.continue();
  });
  return keys;
}

/**
 * A brand-new member signing in through the app: the 演示登录 list (GET /v1/dev/accounts) gets one
 * more account, a WeChat user nobody has seen yet (the fake WeChat server accepts any `dev-<openid>`).
 */
export async function signInNewcomer(page: Page, openid: string): Promise<void> {
  await page.route('**/v1/dev/accounts', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { items: unknown[] };
    body.items.unshift({ role: 'member', name: '新顾客', openid, code: `dev-${openid}`, storeId: null, storeName: null });
    await route.fulfill({ response, json: body });
  });
  await page.goto('/');
  await page.locator(`.tk-account-${openid}`).click();
}

/** The session the app saved (Taro's H5 storage keeps each value as {"data": …}). */
export async function savedSession(page: Page): Promise<{ token: string; expiresAt: string }> {
  const raw = await page.evaluate(() => localStorage.getItem('tongka.session'));
  return (JSON.parse(raw!) as { data: { token: string; expiresAt: string } }).data;
}

/**
 * At least 44 × 44 CSS px: a thumb's tap target. Sizes come from rem (Taro's pxtransform), so a 44 px
 * box can measure 43.999998: a hundredth of a pixel is layout rounding, not a smaller target.
 */
export async function expectTappable(target: Locator): Promise<void> {
  await expect(target).toBeVisible();
  const box = (await target.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(44 - 0.01);
  expect(box.height).toBeGreaterThanOrEqual(44 - 0.01);
}

// ---- 数据看板 ----------------------------------------------------------------------------------

/** The chart's canvas: laid out with a size, and with lines painted on it (pixels that are not blank). */
export async function expectChartDrawn(dashboard: Locator): Promise<void> {
  await expect(dashboard.locator('.tk-trend')).toHaveAttribute('data-drawn', 'yes', { timeout: 30_000 });
  const canvas = dashboard.locator('canvas.tk-trend-canvas');
  const box = (await canvas.boundingBox())!;
  expect(box.width).toBeGreaterThan(200);
  expect(box.height).toBeGreaterThan(100);
  const painted = () =>
    canvas.evaluate((el: HTMLCanvasElement) => {
      const data = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
  await expect.poll(painted, { timeout: 10_000 }).toBeGreaterThan(500);
}
