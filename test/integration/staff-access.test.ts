import { randomUUID } from 'node:crypto';
import { putStaff } from '../../functions/store/staff';
import { demoStaff } from '../../infra/seed/demo-data';
import { card, checkout, receipt, scan, tokenOf, useStack } from './fixtures';

const { client } = useStack();

describe('staff rights are read on every request', () => {
  it('stops a disabled clerk at once, even with a valid session token and an open visit', async () => {
    const clerkRecord = demoStaff.find((s) => s.openid === 'demo-clerk-pudong')!;
    const clerk = await tokenOf(client, clerkRecord.openid);
    const member = await tokenOf(client, `it-${randomUUID()}`);
    const visit = await scan(client, member, clerk);

    await putStaff({ ...clerkRecord, disabled: true });
    try {
      const res = await checkout(client, clerk, visit.visitId, { receiptNo: receipt(), amountFen: 5_000 });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('not_staff');
      const code = (await client.get('/v1/me/code', { token: member })).body.digits;
      expect((await client.post('/v1/staff/visits', { token: clerk, body: { code } })).status).toBe(403);
      expect((await card(client, member)).points).toBe(0);
    } finally {
      await putStaff(clerkRecord);
    }
  });

  it('binds a visit to the staff member who opened it: not even the store’s manager checks out or checks in under a clerk’s visit', async () => {
    const clerk = await tokenOf(client, 'demo-clerk-jingan');
    const manager = await tokenOf(client, 'demo-manager-jingan');
    const member = await tokenOf(client, `it-${randomUUID()}`);
    const visit = await scan(client, member, clerk);
    const bill = await checkout(client, manager, visit.visitId, { receiptNo: receipt(), amountFen: 5_000 });
    expect([bill.status, bill.body.error.code]).toEqual([403, 'other_staff_visit']);
    const checkIn = await client.post(`/v1/staff/visits/${visit.visitId}/bookings/bkg_none/check-in`, { token: manager });
    expect([checkIn.status, checkIn.body.error?.code]).toEqual([403, 'other_staff_visit']);
    expect((await card(client, member)).points).toBe(0);
    // The clerk who opened it can.
    expect((await checkout(client, clerk, visit.visitId, { receiptNo: receipt(), amountFen: 5_000 })).status).toBe(200);
  });

  it('does not let HQ, who has no counter, open a visit', async () => {
    const hq = await tokenOf(client, 'demo-hq-admin');
    const member = await tokenOf(client, `it-${randomUUID()}`);
    const code = (await client.get('/v1/me/code', { token: member })).body.digits;
    const res = await client.post('/v1/staff/visits', { token: hq, body: { code } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('no_store');
  });

  it('shows staff only the masked phone of a member, never the full number', async () => {
    const clerk = await tokenOf(client, 'demo-clerk-xuhui');
    const wang = await tokenOf(client, 'demo-member-wang');
    const visit = await scan(client, wang, clerk);
    expect(visit.member.maskedPhone).toBe('138****5678');
    expect(JSON.stringify(visit)).not.toContain('13812345678');
  });
});
