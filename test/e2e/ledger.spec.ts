import { expect, test } from './contract';
import { signIn, tab } from './app';

/**
 * No demo member has more than one page of history, so the API's answers are stood in for here
 * (in the shape of shared/schemas/member.ts) to check how the page pages, labels and ends.
 */
const REASONS = ['earn', 'spend', 'reverse_earn', 'reverse_spend', 'opening_balance'] as const;

function entry(n: number) {
  const reason = REASONS[n % REASONS.length]!;
  const delta = reason === 'spend' || reason === 'reverse_earn' ? -10 : 10;
  return {
    id: `e${n}`,
    delta,
    balanceAfter: 1000 - n,
    reason,
    storeId: 'jingan',
    storeName: '沪上茶点·静安寺店',
    receiptNo: `R-${n}`,
    at: new Date(Date.UTC(2025, 0, 31) - n * 3600_000).toISOString(),
  };
}

test('积分明细 shows the newest 20 entries with Chinese reasons, and 加载更多 fetches the next page by cursor', async ({ browser }) => {
  const member = await signIn(browser, 'demo-member-wang');
  const cursors: Array<string | null> = [];
  await member.route('**/v1/me/ledger?**', async (route) => {
    const url = new URL(route.request().url());
    const cursor = url.searchParams.get('cursor');
    cursors.push(cursor);
    expect(url.searchParams.get('limit')).toBe('20');
    const body = cursor === 'page-2' ? { items: [20, 21, 22].map(entry), nextCursor: null } : { items: Array.from({ length: 20 }, (_, n) => entry(n)), nextCursor: 'page-2' };
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  });

  await tab(member, '积分明细').click();
  const items = member.locator('.tk-ledger-item');
  await expect(items).toHaveCount(20);
  await expect(items.nth(0)).toContainText('消费得积分');
  await expect(items.nth(1)).toContainText('积分抵扣');
  await expect(items.nth(2)).toContainText('退款扣回');
  await expect(items.nth(3)).toContainText('退款返还');
  await expect(items.nth(4)).toContainText('期初积分');
  await expect(items.nth(1).locator('.tk-ledger-delta')).toHaveText('-10');
  await expect(items.nth(0).locator('.tk-ledger-delta')).toHaveText('+10');
  // 2025-01-31T00:00Z is 08:00 in Shanghai.
  await expect(items.nth(0).locator('.tk-ledger-time')).toHaveText('2025-01-31 08:00');

  // 加载更多 — or reaching the end of the list, which the scroll to the button already does.
  await member
    .locator('.tk-load-more')
    .click({ timeout: 10_000 })
    .catch(() => undefined);
  await expect(items).toHaveCount(23);
  await expect(member.locator('.tk-ledger-end')).toHaveText('没有更多了');
  await expect(member.locator('.tk-load-more')).toHaveCount(0);
  expect(cursors).toEqual([null, 'page-2']);
});
