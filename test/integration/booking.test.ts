import { randomUUID } from 'node:crypto';
import { addDays, shanghaiDate } from '../../shared/dates';
import { card, scan, tokenOf, useStack } from './fixtures';

// Also run under TZ=America/Los_Angeles (npm run test:tz): dates must not depend on the host zone.
const { client, staff } = useStack('hq', 'clerkA', 'clerkB');

const newMember = () => tokenOf(client, `bkg-${randomUUID()}`);
const today = () => shanghaiDate(Date.now());
const tomorrow = () => addDays(today(), 1);
const at = (date: string, time: string) => `${date}T${time}:00+08:00`;
const idem = () => ({ 'Idempotency-Key': randomUUID() });

async function service(capacityByStore: Record<string, number>, durationMinutes = 60): Promise<string> {
  const res = await client.post('/v1/admin/services', {
    token: staff.hq,
    body: { name: `测试服务${randomUUID().slice(0, 4)}`, durationMinutes, priceFen: 10_000, capacityByStore },
  });
  if (res.status !== 201) throw new Error(`service: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

const bookAt = (token: string, storeId: string, serviceId: string, start: string, key = randomUUID()) =>
  client.post('/v1/bookings', { token, headers: { 'Idempotency-Key': key }, body: { storeId, serviceId, start } });

async function booked(token: string, storeId: string, serviceId: string, start: string): Promise<string> {
  const res = await bookAt(token, storeId, serviceId, start);
  if (res.status !== 201) throw new Error(`book: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

async function remaining(storeId: string, serviceId: string, date: string, time: string): Promise<number> {
  const res = await client.get(`/v1/stores/${storeId}/slots?serviceId=${serviceId}&date=${date}`);
  const slot = res.body.items.find((s: { time: string }) => s.time === time);
  if (!slot) throw new Error(`no slot ${time} on ${date}: ${JSON.stringify(res.body)}`);
  return slot.remaining;
}

/** A store open all day with no notice, so check-in (an hour before the start) can be tested now. */
async function allDay(storeId: string): Promise<void> {
  const openingHours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '23:59' }));
  const res = await client.put(`/v1/admin/stores/${storeId}/schedule`, { token: staff.hq, body: { openingHours, minNoticeMinutes: 0 } });
  expect(res.status).toBe(200);
}

describe('capacity is never exceeded', () => {
  it('lets exactly 2 of 20 concurrent bookings of a slot with capacity 2 through', async () => {
    const svc = await service({ jingan: 2 });
    const members = await Promise.all(Array.from({ length: 20 }, () => newMember()));
    const responses = await Promise.all(members.map((m) => bookAt(m, 'jingan', svc, at(tomorrow(), '15:00'))));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(2);
    expect(responses.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.error.code === 'slot_full')).toBe(true);
    expect(await remaining('jingan', svc, tomorrow(), '15:00')).toBe(0);
    // A 60-minute service also holds 15:30; 14:30 overlaps 15:00.
    expect(await remaining('jingan', svc, tomorrow(), '14:30')).toBe(0);
    expect(await remaining('jingan', svc, tomorrow(), '16:00')).toBe(2);

    const winner = members[responses.findIndex((r) => r.status === 201)]!;
    const bookingId = responses.find((r) => r.status === 201)!.body.id;
    expect((await client.post(`/v1/bookings/${bookingId}/cancel`, { token: winner, headers: idem() })).status).toBe(200);
    expect(await remaining('jingan', svc, tomorrow(), '15:00')).toBe(1);
  });

  it('never lets one member hold two overlapping bookings, even sent at once to two stores', async () => {
    const svc = await service({ jingan: 5, xuhui: 5 });
    const member = await newMember();
    const responses = await Promise.all([
      ...Array.from({ length: 5 }, () => bookAt(member, 'jingan', svc, at(tomorrow(), '15:00'))),
      ...Array.from({ length: 5 }, () => bookAt(member, 'xuhui', svc, at(tomorrow(), '15:30'))),
    ]);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.error.code === 'overlapping_booking')).toBe(true);
    const upcoming = (await client.get('/v1/me/bookings', { token: member })).body.items;
    expect(upcoming).toHaveLength(1);
    // Back to back is fine.
    expect((await bookAt(member, upcoming[0].storeId, svc, at(tomorrow(), upcoming[0].storeId === 'jingan' ? '16:00' : '16:30'))).status).toBe(201);
  });
});

describe('cancel and move release the seat exactly once', () => {
  it('cancels once when the same cancel is retried 10 times at once', async () => {
    const svc = await service({ jingan: 1 });
    const member = await newMember();
    const id = await booked(member, 'jingan', svc, at(tomorrow(), '11:00'));
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 10 }, () => client.post(`/v1/bookings/${id}/cancel`, { token: member, headers: { 'Idempotency-Key': key } })));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([200]));
    expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await remaining('jingan', svc, tomorrow(), '11:00')).toBe(1);
    const again = await client.post(`/v1/bookings/${id}/cancel`, { token: member, headers: idem() });
    expect(again.status).toBe(409);
    expect(await remaining('jingan', svc, tomorrow(), '11:00')).toBe(1);
  });

  it('moves a booking from store A to store B: B’s seat taken, A’s released, seen by B’s staff', async () => {
    const svc = await service({ jingan: 1, xuhui: 1 });
    const member = await newMember();
    const id = await booked(member, 'jingan', svc, at(tomorrow(), '13:00'));
    const moved = await client.post(`/v1/bookings/${id}/move`, { token: member, headers: idem(), body: { storeId: 'xuhui', start: at(tomorrow(), '14:00') } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      id,
      storeId: 'xuhui',
      storeName: '沪上茶点·徐家汇店',
      start: `${tomorrow()}T14:00:00.000+08:00`,
      movedFrom: ['jingan'],
      status: 'booked',
    });
    expect(await remaining('jingan', svc, tomorrow(), '13:00')).toBe(1);
    expect(await remaining('xuhui', svc, tomorrow(), '14:00')).toBe(0);
    const atB = (await client.get(`/v1/staff/bookings?date=${tomorrow()}`, { token: staff.clerkB })).body.items;
    expect(atB.map((b: { id: string }) => b.id)).toContain(id);
    const atA = (await client.get(`/v1/staff/bookings?date=${tomorrow()}`, { token: staff.clerkA })).body.items;
    expect(atA.map((b: { id: string }) => b.id)).not.toContain(id);
  });

  it('refuses a move to a full slot and keeps the original seat', async () => {
    const svc = await service({ jingan: 1, xuhui: 1 });
    const [member, other] = await Promise.all([newMember(), newMember()]);
    await booked(other, 'xuhui', svc, at(tomorrow(), '17:00'));
    const id = await booked(member, 'jingan', svc, at(tomorrow(), '17:00'));
    const moved = await client.post(`/v1/bookings/${id}/move`, { token: member, headers: idem(), body: { storeId: 'xuhui', start: at(tomorrow(), '17:00') } });
    expect(moved.status).toBe(409);
    expect(moved.body.error.code).toBe('slot_full');
    expect(await remaining('jingan', svc, tomorrow(), '17:00')).toBe(0);
  });

  it('offers a member moving within the same day the times their own seat blocks, and the move there succeeds', async () => {
    const svc = await service({ jingan: 1 });
    const [member, other] = await Promise.all([newMember(), newMember()]);
    const id = await booked(member, 'jingan', svc, at(tomorrow(), '19:00'));
    const slotsFor = (token: string | undefined, query: string) => client.get(`/v1/stores/jingan/slots?serviceId=${svc}&date=${tomorrow()}${query}`, token ? { token } : {});
    const seatsAt = (res: { body: { items: Array<{ time: string; remaining: number }> } }, time: string) => res.body.items.find((s) => s.time === time)?.remaining;

    // The hour 19:00–20:00 holds the only seat: 19:30 looks full to everyone else…
    expect(seatsAt(await slotsFor(undefined, ''), '19:30')).toBe(0);
    // …but not to the member moving that booking.
    const moving = await slotsFor(member, `&moving=${id}`);
    expect(seatsAt(moving, '19:30')).toBe(1);
    expect(seatsAt(moving, '19:00')).toBe(1);
    const moved = await client.post(`/v1/bookings/${id}/move`, { token: member, headers: idem(), body: { storeId: 'jingan', start: at(tomorrow(), '19:30') } });
    expect(moved.status).toBe(200);

    // Someone else's booking, or no sign-in, does not free anything.
    expect((await slotsFor(other, `&moving=${id}`)).status).toBe(404);
    expect((await slotsFor(undefined, `&moving=${id}`)).status).toBe(401);
  });

  it('keeps seats equal to active bookings when cancels race moves', async () => {
    const svc = await service({ jingan: 3, xuhui: 3 });
    const member = await newMember();
    const id = await booked(member, 'jingan', svc, at(tomorrow(), '19:00'));
    await Promise.all([
      ...Array.from({ length: 5 }, () => client.post(`/v1/bookings/${id}/cancel`, { token: member, headers: idem() })),
      ...Array.from({ length: 5 }, () =>
        client.post(`/v1/bookings/${id}/move`, { token: member, headers: idem(), body: { storeId: 'xuhui', start: at(tomorrow(), '19:00') } }),
      ),
    ]);
    const mine = [...(await client.get('/v1/me/bookings', { token: member })).body.items];
    const seatsA = 3 - (await remaining('jingan', svc, tomorrow(), '19:00'));
    const seatsB = 3 - (await remaining('xuhui', svc, tomorrow(), '19:00'));
    expect(seatsA).toBe(mine.filter((b: { storeId: string }) => b.storeId === 'jingan').length);
    expect(seatsB).toBe(mine.filter((b: { storeId: string }) => b.storeId === 'xuhui').length);
    expect(seatsA + seatsB).toBeLessThanOrEqual(1);
  });
});

describe('only bookable slots can be booked', () => {
  let svc: string;
  beforeAll(async () => {
    svc = await service({ jingan: 3, xuhui: 3 });
  });

  it.each([
    ['before opening', () => at(tomorrow(), '09:00'), 'jingan', 'slot_outside_opening_hours'],
    ['crossing closing time', () => at(tomorrow(), '21:30'), 'jingan', 'slot_outside_opening_hours'],
    ['on a closed day', () => at(addDays(today(), 6), '15:00'), 'xuhui', 'slot_store_closed'],
    ['in the past', () => at(addDays(today(), -1), '15:00'), 'jingan', 'slot_in_the_past'],
    ['beyond the horizon', () => at(addDays(today(), 14), '15:00'), 'jingan', 'slot_beyond_horizon'],
    ['off the grid', () => at(tomorrow(), '15:10'), 'jingan', 'slot_off_grid'],
  ])('refuses a start %s (422)', async (_name, start, storeId, code) => {
    const res = await bookAt(await newMember(), storeId, svc, start());
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe(code);
  });

  it('refuses a start inside the minimum notice', async () => {
    // One grid step after the next full hour is always less than an hour away only near it; use a
    // domain clock instead: 14:40 Shanghai asking for 15:00.
    const { book } = await import('../../functions/domain/booking');
    const { verifyToken } = await import('../../functions/domain/sessions');
    const { memberId } = await verifyToken(await newMember());
    const now = Date.parse(`${tomorrow()}T14:40:00+08:00`);
    await expect(
      book(memberId, { storeId: 'jingan', serviceId: svc, start: at(tomorrow(), '15:00'), reminderAccepted: false }, randomUUID(), () => now),
    ).rejects.toMatchObject({ code: 'slot_too_soon' });
  });

  it('does not offer slots that cross closing, on closed days or beyond the horizon', async () => {
    const day = (await client.get(`/v1/stores/jingan/slots?serviceId=${svc}&date=${tomorrow()}`)).body;
    const times = day.items.map((s: { time: string }) => s.time);
    expect(times[0]).toBe('10:00');
    expect(times.at(-1)).toBe('21:00');
    expect(day.items[0].start).toBe(`${tomorrow()}T10:00:00.000+08:00`);
    expect((await client.get(`/v1/stores/xuhui/slots?serviceId=${svc}&date=${addDays(today(), 6)}`)).body.items).toEqual([]);
    expect((await client.get(`/v1/stores/jingan/slots?serviceId=${svc}&date=${addDays(today(), 14)}`)).body.items).toEqual([]);
  });

  it('refuses a service at a store that does not offer it', async () => {
    const res = await bookAt(await newMember(), 'pudong', svc, at(tomorrow(), '15:00'));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('service_not_offered');
  });
});

describe('check-in, no-shows and who may see what', () => {
  it('checks the member in by scan at the booking’s store only, and counts it as a visit', async () => {
    await allDay('jingan');
    await allDay('xuhui');
    const svc = await service({ jingan: 2 }, 30);
    const member = await newMember();
    const slots = (await client.get(`/v1/stores/jingan/slots?serviceId=${svc}&date=${today()}`)).body.items.filter((s: { remaining: number }) => s.remaining > 0);
    const first = slots[0] ?? (await client.get(`/v1/stores/jingan/slots?serviceId=${svc}&date=${tomorrow()}`)).body.items[0];
    const id = await booked(member, 'jingan', svc, first.start);
    expect(((await card(client, member)) as unknown as { nextBooking: { id: string } }).nextBooking.id).toBe(id);

    const atB = await scan(client, member, staff.clerkB);
    expect(atB.bookings.map((b) => b.id)).toContain(id); // any store's staff see the member's bookings
    const wrongStore = await client.post(`/v1/staff/visits/${atB.visitId}/bookings/${id}/check-in`, { token: staff.clerkB });
    expect(wrongStore.status).toBe(403);

    const atA = await scan(client, member, staff.clerkA);
    const checkedIn = await client.post(`/v1/staff/visits/${atA.visitId}/bookings/${id}/check-in`, { token: staff.clerkA });
    expect(checkedIn.status).toBe(200);
    expect(checkedIn.body.status).toBe('checked_in');
    expect((await client.post(`/v1/staff/visits/${atA.visitId}/bookings/${id}/check-in`, { token: staff.clerkA })).body.status).toBe('checked_in');

    const { getMember, memberIdByMemberNo } = await import('../../functions/store/members');
    const record = await getMember((await memberIdByMemberNo((await card(client, member)).memberNo))!);
    expect(record).toMatchObject({ visitCount: 1 });
    const past = (await client.get('/v1/me/bookings?scope=past', { token: member })).body.items;
    expect(past.find((b: { id: string }) => b.id === id)?.status).toBe('checked_in');
  });

  it('refuses a cancel inside the 2-hour cut-off, saying why', async () => {
    await allDay('xuhui');
    const svc = await service({ xuhui: 2 }, 30);
    const member = await newMember();
    const first =
      (await client.get(`/v1/stores/xuhui/slots?serviceId=${svc}&date=${today()}`)).body.items[0] ??
      (await client.get(`/v1/stores/xuhui/slots?serviceId=${svc}&date=${tomorrow()}`)).body.items[0];
    const id = await booked(member, 'xuhui', svc, first.start);
    const res = await client.post(`/v1/bookings/${id}/cancel`, { token: member, headers: idem() });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('cancel_cutoff_passed');
  });

  it('records a no-show only after the slot ends, and counts it on the member', async () => {
    const svc = await service({ pudong: 2 });
    const member = await newMember();
    const id = await booked(member, 'pudong', svc, at(tomorrow(), '10:00'));
    const clerkC = await tokenOf(client, 'demo-clerk-pudong');
    const early = await client.post(`/v1/staff/bookings/${id}/no-show`, { token: clerkC });
    expect(early.status).toBe(422);
    expect((await client.post(`/v1/staff/bookings/${id}/no-show`, { token: staff.clerkA })).status).toBe(403);

    const { markNoShow } = await import('../../functions/domain/booking-staff');
    const { getStaffByOpenid } = await import('../../functions/store/staff');
    const pudongClerk = (await getStaffByOpenid('demo-clerk-pudong'))!;
    const later = Date.parse(at(tomorrow(), '11:30'));
    expect((await markNoShow(pudongClerk, id, later)).status).toBe('no_show');
    const { getMember, memberIdByMemberNo } = await import('../../functions/store/members');
    expect(await getMember((await memberIdByMemberNo((await card(client, member)).memberNo))!)).toMatchObject({ noShowCount: 1 });
  });

  it("does not let a member see or change another member's booking", async () => {
    const svc = await service({ jingan: 2 });
    const [alice, bob] = await Promise.all([newMember(), newMember()]);
    const id = await booked(alice, 'jingan', svc, at(addDays(today(), 2), '12:00'));
    expect((await client.post(`/v1/bookings/${id}/cancel`, { token: bob, headers: idem() })).status).toBe(404);
    expect((await client.post(`/v1/bookings/${id}/move`, { token: bob, headers: idem(), body: { storeId: 'jingan', start: at(addDays(today(), 2), '13:00') } })).status).toBe(
      404,
    );
    expect((await client.get('/v1/me/bookings', { token: bob })).body.items).toEqual([]);
    expect((await client.get('/v1/staff/bookings?date=' + tomorrow(), { token: alice })).status).toBe(403);
  });
});

describe('bad input on the booking routes → 400 naming the field', () => {
  const bad = (res: { status: number; body: any }, field: string) => {
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  };

  it('refuses malformed bookings, moves, queries and schedules', async () => {
    const member = await newMember();
    bad(await client.post('/v1/bookings', { token: member, headers: idem(), body: { storeId: 'jingan', serviceId: 'svc_x', start: 'tomorrow 3pm' } }), 'start');
    bad(await client.post('/v1/bookings', { token: member, headers: idem(), body: { storeId: 'jingan', serviceId: 'svc_x', start: '2026-11-25T15:00:00' } }), 'start');
    bad(await client.post('/v1/bookings', { token: member, headers: idem(), body: { serviceId: 'svc_x', start: '2026-11-25T15:00:00+08:00' } }), 'storeId');
    bad(await client.post('/v1/bookings', { token: member, body: { storeId: 'jingan', serviceId: 'svc_x', start: '2026-11-25T15:00:00+08:00' } }), 'Idempotency-Key');
    bad(await client.post('/v1/bookings/bkg_x/move', { token: member, headers: idem(), body: { storeId: 'JINGAN!', start: '2026-11-25T15:00:00+08:00' } }), 'storeId');
    bad(await client.get('/v1/stores/jingan/slots?serviceId=svc_x&date=25-11-2026'), 'date');
    bad(await client.get('/v1/stores/jingan/slots?date=2026-11-25'), 'serviceId');
    bad(await client.get('/v1/me/bookings?scope=all', { token: member }), 'scope');
    bad(await client.get('/v1/staff/bookings?date=today', { token: staff.clerkA }), 'date');
    bad(
      await client.put('/v1/admin/stores/jingan/schedule', { token: staff.hq, body: { openingHours: [{ weekday: 8, open: '10:00', close: '22:00' }] } }),
      'openingHours.0.weekday',
    );
    bad(
      await client.put('/v1/admin/stores/jingan/schedule', { token: staff.hq, body: { openingHours: [{ weekday: 1, open: '22:00', close: '10:00' }] } }),
      'openingHours.0.close',
    );
    bad(
      await client.post('/v1/admin/services', { token: staff.hq, body: { name: 'x', durationMinutes: 50, priceFen: 1, capacityByStore: { jingan: 1 } } }),
      'durationMinutes',
    );
    bad(await client.post('/v1/admin/services', { token: staff.hq, body: { name: 'x', durationMinutes: 60, priceFen: -1, capacityByStore: { jingan: 1 } } }), 'priceFen');
    expect((await client.get('/v1/stores/nowhere/slots?serviceId=svc_x&date=2026-11-25')).status).toBe(404);
  });
});
