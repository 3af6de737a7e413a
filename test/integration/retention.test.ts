/**
 * Retention, enforced (README § Privacy: notice and consent, PRIVACY.md): the items that expire
 * carry the `ttl` the docs promise, read from the raw items — bills with their receipt claim and
 * reversal three years from the sale, the member's visit history and audit entries (theirs and HQ's) three years,
 * idempotency records 24 hours, counter visits a day after they close, rate counters their window.
 */
import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { routes } from '../../shared/contract/routes';
import { shanghaiDate } from '../../shared/dates';
import { db, table } from '../../functions/store/client';
import { getCheckout } from '../../functions/store/checkouts';
import { keys } from '../../functions/store/keys';
import { memberIdByMemberNo } from '../../functions/store/members';
import { getItem, partitionItems } from '../../functions/store/query';
import { checkout, login, receipt, scan, useStack } from './fixtures';

const { client, staff } = useStack('clerkA', 'managerA', 'hq');

const DAY = 24 * 3600;
const THREE_YEARS = { min: 3 * 365 * DAY, max: 3 * 366 * DAY };
const toSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** The item's `ttl` minus `from` (epoch seconds), in seconds. */
function keptFor(item: Record<string, unknown> | undefined, fromSeconds: number): number {
  expect(item).toBeDefined();
  expect(typeof item!.ttl).toBe('number');
  return Number(item!.ttl) - fromSeconds;
}

/** Items whose partition key contains `text` (a test may scan its own table; the code never does). */
async function itemsWithKeyContaining(text: string): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new ScanCommand({ TableName: table(), FilterExpression: 'contains(pk, :text)', ExpressionAttributeValues: { ':text': text }, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

describe('retention, enforced by TTL', () => {
  it('a bill, its receipt claim and its reversal are kept three years from the sale; the visit history and audit entries three years; the ledger has none; idempotency records a day', async () => {
    const signedIn = await login(client, `retention-${randomUUID().slice(0, 8)}`);
    const memberId = (await memberIdByMemberNo(signedIn.member.memberNo))!;
    const visit = await scan(client, signedIn.token, staff.clerkA);
    const checkoutKey = randomUUID();
    const bill = await checkout(client, staff.clerkA, visit.visitId, { receiptNo: receipt('TTL'), amountFen: 8_800 }, checkoutKey);
    expect(bill.status).toBe(200);
    const reverseKey = randomUUID();
    const reversed = await client.call(routes.staffReverse, { token: staff.managerA, params: { checkoutId: bill.body.checkoutId }, idempotencyKey: reverseKey });
    expect(reversed.status).toBe(200);

    const stored = (await getCheckout(bill.body.checkoutId))!;
    const sale = toSeconds(stored.at);
    // Bills are transaction records (《电子商务法》第三十一条): three years from the sale, with their claim and reversal.
    const billKept = keptFor(await getItem(keys.checkout(stored.checkoutId)), sale);
    expect(billKept).toBeGreaterThanOrEqual(THREE_YEARS.min);
    expect(billKept).toBeLessThanOrEqual(THREE_YEARS.max);
    expect(keptFor(await getItem(keys.receipt(stored.storeId, stored.receiptNo)), sale)).toBe(billKept);
    expect(keptFor(await getItem(keys.checkoutReversal(stored.checkoutId)), sale)).toBe(billKept);

    // The member's visit history (the purchase) and every audit entry in their partition: three years from when.
    const own = await partitionItems<Record<string, unknown>>(keys.memberPartition(memberId));
    const history = own.filter((i) => String(i.sk).startsWith(keys.visitPrefix));
    const audits = own.filter((i) => String(i.sk).startsWith(keys.auditPrefix));
    expect(history.length).toBeGreaterThanOrEqual(1);
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['open_visit', 'checkout', 'reverse_checkout']));
    for (const item of [...history, ...audits]) {
      const kept = keptFor(item, toSeconds(String(item.at)));
      expect(kept).toBeGreaterThanOrEqual(THREE_YEARS.min);
      expect(kept).toBeLessThanOrEqual(THREE_YEARS.max);
    }
    // HQ's own audit log (a coupon template made): three years too.
    const template = await client.call(routes.adminTemplatesCreate, {
      token: staff.hq,
      body: { name: `留存${randomUUID().slice(0, 4)}`, kind: 'amount_off', valueFen: 100, validity: { type: 'relative', days: 7 }, obtainedBy: 'claim' },
      idempotencyKey: randomUUID(),
    });
    expect(template.status).toBe(201);
    const hqLog = await partitionItems<Record<string, unknown>>(keys.auditLog(null, shanghaiDate(Date.now()), '', '').pk);
    expect(hqLog.length).toBeGreaterThanOrEqual(1);
    for (const item of hqLog) {
      const kept = keptFor(item, toSeconds(String(item.at)));
      expect(kept).toBeGreaterThanOrEqual(THREE_YEARS.min);
      expect(kept).toBeLessThanOrEqual(THREE_YEARS.max);
    }
    // The ledger is not on a TTL: kept while the membership lasts (the balance is its sum).
    const ledger = own.filter((i) => String(i.sk).startsWith(keys.ledgerPrefix));
    expect(ledger.length).toBeGreaterThanOrEqual(1);
    for (const entry of ledger) expect(entry).not.toHaveProperty('ttl');

    // The idempotency records of the checkout and the refund: 24 hours from the request.
    for (const key of [checkoutKey, reverseKey]) {
      const records = await itemsWithKeyContaining(key);
      expect(records).toHaveLength(1);
      const kept = keptFor(records[0], Math.floor(Date.now() / 1000));
      expect(kept).toBeGreaterThan(DAY - 120);
      expect(kept).toBeLessThanOrEqual(DAY);
    }
  });

  it('a counter visit is kept a day after it closes; a staff member’s phone-lookup counter an hour after its window', async () => {
    const signedIn = await login(client, `retention-visit-${randomUUID().slice(0, 8)}`);
    const opened = Math.floor(Date.now() / 1000);
    const visit = await scan(client, signedIn.token, staff.clerkA);
    const raw = (await getItem<Record<string, unknown>>(keys.visit(visit.visitId)))!;
    const closes = toSeconds(String(raw.expiresAt));
    expect(closes - opened).toBeLessThanOrEqual(15 * 60 + 5); // a 15-minute visit
    expect(keptFor(raw, closes)).toBe(DAY);

    // A phone lookup counts against the clerk's hour (RATE#…): gone an hour after the window ends.
    const rateCounters = async () => (await itemsWithKeyContaining('RATE#')).filter((i) => String(i.pk).startsWith('RATE#'));
    const before = new Map((await rateCounters()).map((i) => [String(i.pk), Number(i.count)]));
    const lookup = await client.call(routes.staffPhoneVisit, { token: staff.clerkA, body: { phone: `199${String(Date.now()).slice(-8)}` } });
    expect(lookup.status).toBeLessThan(300);
    const counted = (await rateCounters()).filter((i) => Number(i.count) !== before.get(String(i.pk)));
    expect(counted.length).toBeGreaterThanOrEqual(1);
    const now = Math.floor(Date.now() / 1000);
    for (const counter of counted) {
      const left = keptFor(counter, now);
      expect(left).toBeGreaterThan(3600); // the window's end, then an hour
      expect(left).toBeLessThanOrEqual(2 * 3600);
    }
  });
});
