/**
 * 数据看板's campaign rows (README § Dashboards): a birthday coupon counts as redeemed for its
 * campaign, on its issue day, when it is used within 30 days of being issued; used later (a coupon
 * HQ made valid for longer) it is a redemption of its template, not of the campaign. The coupons are
 * issued by the birthday job itself, run with its clock set back, and used at the counter today.
 */
import { randomUUID } from 'node:crypto';
import { routes } from '../../shared/contract/routes';
import { shanghaiDate } from '../../shared/dates';
import type { DashboardResponse } from '../../shared/schemas/dashboard';
import { runBirthdayJob } from '../../functions/domain/campaigns/jobs';
import { checkout, receipt, scan, settleCounters, tokenOf, useStack } from './fixtures';

const { client, staff } = useStack('hq', 'clerkA', 'managerA');

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

async function birthdayRow(date: string): Promise<DashboardResponse['campaigns'][number]> {
  await settleCounters(); // the bills' recorded counter adds, as the applier adds them a moment after a checkout
  const view = await client.ok(routes.adminDashboard, { token: staff.hq, query: { period: 'day', date } });
  return view.campaigns.find((c) => c.campaignId === 'birthday')!;
}

describe('campaign redemption', () => {
  it('counts a birthday coupon used within 30 days of its issue as redeemed on its issue day, one used after 30 days not; a refund takes the redemption back', async () => {
    // HQ gives the birthday campaign a coupon valid for 90 days, so one can still be used after the 30 days the dashboard follows.
    const template = await client.call(routes.adminTemplatesCreate, {
      token: staff.hq,
      body: { name: '生日礼·90天', kind: 'amount_off', valueFen: 1_000, validity: { type: 'relative', days: 90 }, obtainedBy: 'rule' },
      idempotencyKey: randomUUID(),
    });
    expect(template.status).toBe(201);
    const templateId: string = template.body.id;
    await client.ok(routes.adminCampaignUpdate, { token: staff.hq, params: { campaignId: 'birthday' }, body: { couponTemplateId: templateId } });

    // Two members, each with a birthday the job met a little over, and a little under, 30 days ago.
    const now = Date.now();
    const late = { at: now - 30 * DAY_MS - HOUR_MS, token: await tokenOf(client, `dash-camp-late-${randomUUID().slice(0, 8)}`) };
    const within = { at: now - 30 * DAY_MS + HOUR_MS, token: await tokenOf(client, `dash-camp-within-${randomUUID().slice(0, 8)}`) };
    const days = [late, within].map((m) => shanghaiDate(m.at));
    const before = await Promise.all(days.map((d) => birthdayRow(d)));
    const issued: number[] = [];
    for (const m of [late, within]) {
      await client.ok(routes.meProfileUpdate, { token: m.token, body: { birthday: `1990-${shanghaiDate(m.at).slice(5)}` } });
      // The job reaches everyone with that birthday (a demo member may share it): its own count says how many coupons it issued.
      issued.push((await runBirthdayJob({ now: m.at })).birthday!.couponsIssued);
    }
    expect(issued.every((n) => n >= 1)).toBe(true);
    // The same day twice (the two clocks an hour apart around a Shanghai midnight may share a day): counted per day.
    const sameDay = days[0] === days[1];
    const issuedOn = sameDay ? [issued[0]! + issued[1]!, issued[0]! + issued[1]!] : issued;
    const afterIssue = await Promise.all(days.map((d) => birthdayRow(d)));
    afterIssue.forEach((row, i) => {
      expect(row.issued - before[i]!.issued).toBe(issuedOn[i]);
      expect(row.redeemedWithin30Days).toBe(before[i]!.redeemedWithin30Days);
    });

    // Both used at the counter today.
    const bills = [];
    for (const m of [late, within]) {
      const coupons = await client.ok(routes.meCoupons, { token: m.token, query: { status: 'available' } });
      const coupon = coupons.items.find((c) => c.templateId === templateId && c.source === 'birthday')!;
      expect(coupon).toBeDefined();
      const visit = await scan(client, m.token, staff.clerkA);
      const bill = await checkout(client, staff.clerkA, visit.visitId, { receiptNo: receipt('CAMP'), amountFen: 5_000, couponIds: [coupon.id] });
      expect(bill.status).toBe(200);
      expect(bill.body.couponsUsed.map((c) => c.couponId)).toEqual([coupon.id]);
      bills.push(bill.body.checkoutId);
    }
    const redeemed = await Promise.all(days.map((d) => birthdayRow(d)));
    // 30 days and an hour after its issue: not the campaign's. 30 days less an hour: the campaign's, on its issue day.
    const gained = sameDay ? [1, 1] : [0, 1];
    redeemed.forEach((row, i) => {
      expect(row.issued).toBe(afterIssue[i]!.issued);
      expect(row.redeemedWithin30Days - before[i]!.redeemedWithin30Days).toBe(gained[i]);
      expect(row.redemptionRate).toBe(row.issued > 0 ? row.redeemedWithin30Days / row.issued : null);
    });
    // Both bills show on today's template row: the template counts every redemption, whenever issued.
    await settleCounters();
    const today = await client.ok(routes.adminDashboard, { token: staff.hq, query: { period: 'day' } });
    expect(today.templates.find((t) => t.templateId === templateId)?.redeemed).toBe(2);

    // The refund of the bill that used the coupon within 30 days gives the coupon back and takes its redemption off the campaign.
    const reversed = await client.call(routes.staffReverse, { token: staff.managerA, params: { checkoutId: bills[1]! }, idempotencyKey: randomUUID() });
    expect(reversed.status).toBe(200);
    expect(reversed.body.couponsRestored).toHaveLength(1);
    const refunded = await Promise.all(days.map((d) => birthdayRow(d)));
    refunded.forEach((row, i) => expect(row).toEqual(afterIssue[i]));
  });
});
