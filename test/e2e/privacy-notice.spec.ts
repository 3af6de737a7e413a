import { routes } from '../../shared/contract/routes';
import { PRIVACY_NOTICE_VERSION } from '../../shared/privacy/notice';
import { apiCall, expect, test } from './contract';
import { signInNewcomer } from './app';

const newOpenid = (tag: string) => `e2e-privacy-${tag}-${Date.now().toString(36)}`;

test('a new member sees the privacy notice at first login, agrees, lands on the card, and can read it again in 我的资料与隐私', async ({ page, request }) => {
  const openid = newOpenid('agree');
  await signInNewcomer(page, openid);

  const notice = page.locator('.tk-privacy-notice').filter({ visible: true });
  await expect(notice).toBeVisible({ timeout: 60_000 });
  await expect(notice.locator('.tk-privacy-title')).toHaveText('个人信息保护政策');
  await expect(notice.locator('.tk-privacy-version')).toContainText(PRIVACY_NOTICE_VERSION);
  await expect(notice).toContainText('我们收集的个人信息：账号与身份');
  await expect(notice).toContainText('手机号');
  await expect(notice).toContainText('我们保存多久');
  // Nothing is usable before the answer: no session is kept while the notice is shown.
  expect(await page.evaluate(() => localStorage.getItem('tongka.session'))).toBeNull();

  await page.locator('.tk-privacy-agree').filter({ visible: true }).click();
  await expect(page.locator('.tk-points').filter({ visible: true })).toBeVisible({ timeout: 60_000 });

  const again = await apiCall(request, routes.authWechat, { body: { code: `dev-${openid}` } });
  expect(again.privacy).toEqual({ noticeVersion: PRIVACY_NOTICE_VERSION, agreedVersion: PRIVACY_NOTICE_VERSION });

  // 我的资料与隐私 › 个人信息保护政策: the same notice, to read again.
  await page.goto(`/?at=${Date.now()}#/me/settings/index`);
  await page.locator('.tk-privacy-entry').filter({ visible: true }).click();
  const reread = page.locator('.tk-privacy-page .tk-privacy-notice').filter({ visible: true });
  await expect(reread).toBeVisible({ timeout: 60_000 });
  await expect(reread).toContainText('您的权利');
});

test('不同意 leaves the member on the login page without a session, and the next login asks again', async ({ page, request }) => {
  const openid = newOpenid('decline');
  await signInNewcomer(page, openid);
  await page.locator('.tk-privacy-decline').filter({ visible: true }).click({ timeout: 60_000 });

  await expect(page.locator('.tk-privacy-declined')).toContainText('您未同意《个人信息保护政策》');
  await expect(page.locator(`.tk-account-${openid}`)).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('tongka.session'))).toBeNull();

  const again = await apiCall(request, routes.authWechat, { body: { code: `dev-${openid}` } });
  expect(again.privacy.agreedVersion).toBeNull();
  await page.locator(`.tk-account-${openid}`).click();
  await expect(page.locator('.tk-privacy-agree').filter({ visible: true })).toBeVisible({ timeout: 60_000 });
});
