/** Steps on the H5 build that the specs share. Selectors are the app's stable `tk-*` class hooks. */
import { expect, type Browser, type Locator, type Page } from '@playwright/test';

/** A fresh browser context (its own storage, so its own session) signed in as a demo account. */
export async function signIn(browser: Browser, openid: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  // No session yet: the app sends us to the 演示登录 list.
  await page.locator(`.tk-account-${openid}`).click();
  // The first call of each function is a cold start under serverless-offline: allow for it.
  await expect(page.locator('.tk-points')).toBeVisible({ timeout: 60_000 });
  return page;
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

/** From the card page into the counter, and the member found by their digits. */
export async function openVisit(clerk: Page, digits: string): Promise<void> {
  await clerk.locator('.tk-staff-entry').click();
  const input = clerk.locator('.tk-digits-input input');
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
