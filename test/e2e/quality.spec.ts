/**
 * What every main page owes a person at 375 and 320 px wide: no English error text (every error a
 * user sees is Chinese), and every tappable thing at least 44 × 44 px. Walks the pages of each role.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './contract';

const WIDTHS = [375, 320] as const;

/** Words that only show up when raw error text leaks into the UI. */
const LATIN_ERROR =
  /\b(error|errors|failed|fail|invalid|exception|undefined|null|NaN|not found|unauthori[sz]ed|forbidden|internal|timeout|request|HTTP \d{3}|expected|required)\b/i;

/** What a person can tap: buttons, links, switches, tab items and rows the app marks as tappable. */
const TAPPABLE = ['taro-button-core', 'button', 'a[href]', '[role="button"]', 'taro-switch-core', '.weui-tabbar__item', '.tk-tap'].join(', ');

const PAGES: Record<string, { openid: string; pages: string[] }> = {
  member: {
    openid: 'demo-member-zhang',
    pages: [
      'pages/card/index',
      'pages/ledger/index',
      'pages/stores/index',
      'coupons/center/index',
      'coupons/mine/index',
      'booking/mine/index',
      'booking/book/index',
      'me/settings/index',
      'me/access-log/index',
      'me/ratings/index',
    ],
  },
  clerk: { openid: 'demo-clerk-jingan', pages: ['staff/scan/index', 'staff/bookings/index'] },
  manager: {
    openid: 'demo-manager-jingan',
    pages: ['staff/checkouts/index', 'staff/schedule/index', 'admin/templates/index', 'admin/audit/index', 'admin/follow-ups/index', 'admin/dashboard/index'],
  },
  hq: {
    openid: 'demo-hq-admin',
    pages: [
      'admin/templates/index',
      'admin/campaigns/index',
      'staff/checkouts/index',
      'admin/audit/index',
      'admin/duplicates/index',
      'admin/follow-ups/index',
      'admin/dashboard/index',
    ],
  },
};

async function signedIn(browser: Browser, openid: string, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 740 } });
  const page = await context.newPage();
  await page.goto('/');
  await page.locator(`.tk-account-${openid}`).click();
  await expect(page.locator('.tk-account-' + openid)).toBeHidden({ timeout: 60_000 });
  return page;
}

/** The visible page's problems: English error text, and tap targets under 44 × 44 px. */
async function problemsOn(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ tappable, latin }) => {
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none' && !!(el as HTMLElement).offsetParent;
      };
      const problems: string[] = [];
      const text = document.body.innerText;
      const leak = text.match(new RegExp(latin, 'i'));
      if (leak) problems.push(`English text "${leak[0]}" in: ${text.slice(Math.max(0, (leak.index ?? 0) - 30), (leak.index ?? 0) + 40).replace(/\s+/g, ' ')}`);
      for (const el of Array.from(document.querySelectorAll(tappable))) {
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width < 43.5 || r.height < 43.5) {
          const label = ((el as HTMLElement).innerText || el.getAttribute('aria-label') || el.className.toString()).trim().replace(/\s+/g, ' ').slice(0, 30);
          problems.push(`tap target "${label}" is ${Math.round(r.width)}×${Math.round(r.height)} px`);
        }
      }
      return problems;
    },
    { tappable: TAPPABLE, latin: LATIN_ERROR.source },
  );
}

for (const width of WIDTHS) {
  for (const [role, { openid, pages }] of Object.entries(PAGES)) {
    test(`${role} pages at ${width} px: Chinese only, and every tap target at least 44 × 44 px`, async ({ browser }) => {
      const page = await signedIn(browser, openid, width);
      const found: string[] = [];
      for (const path of pages) {
        await page.goto(`/#/${path}`);
        await page.waitForLoadState('networkidle');
        // Data has arrived: no loading placeholder is left on the visible page.
        await expect(page.locator('.tk-loading').filter({ visible: true })).toHaveCount(0, { timeout: 30_000 });
        for (const problem of await problemsOn(page)) found.push(`${path}: ${problem}`);
      }
      expect(found).toEqual([]);
      await page.context().close();
    });
  }
}
