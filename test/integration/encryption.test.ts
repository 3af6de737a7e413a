/**
 * Personal fields sealed at rest (README § Encryption): nothing stores the clear phone or birth
 * year, lookups go by the keyed hash, values written under a rotated-out master key still open, and
 * clear data from before is sealed by an idempotent job.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { routes } from '../../shared/contract/routes';
import { sealPersonalData } from '../../functions/domain/seal-personal-data';
import { forgetDataKeys, masterKeyOf } from '../../functions/lib/field-crypto';
import { db, table } from '../../functions/store/client';
import { keys } from '../../functions/store/keys';
import { getMember, memberIdByMemberNo, memberIdByPhone } from '../../functions/store/members';
import { getItem, putItem } from '../../functions/store/query';
import { login, tokenOf, useStack } from './fixtures';

const { client, staff } = useStack('clerkA');

const newPhone = () => `155${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
const bind = (token: string, phone: string) =>
  client.ok(routes.mePhoneBind, { token, body: { code: `phone-${phone}-${randomUUID().slice(0, 8)}` }, idempotencyKey: randomUUID() });
const DEV_KEY = () => (JSON.parse(process.env.TONGKA_FIELD_KEYS ?? 'null') as Record<string, string> | null) ?? {};

function useMasterKeys(keysById: Record<string, Buffer>, current: string): void {
  process.env.TONGKA_FIELD_KEYS = JSON.stringify(Object.fromEntries(Object.entries(keysById).map(([id, key]) => [id, key.toString('base64')])));
  process.env.TONGKA_FIELD_KEY_CURRENT = current;
  forgetDataKeys();
}

afterEach(() => {
  delete process.env.TONGKA_FIELD_KEYS;
  delete process.env.TONGKA_FIELD_KEY_CURRENT;
  forgetDataKeys();
});

describe('sealed at rest', () => {
  it('keeps no clear phone or birth year in the member’s items or the phone claim, yet the member reads them and staff find the phone', async () => {
    const token = await tokenOf(client, `enc-${randomUUID()}`);
    const phone = newPhone();
    const bound = await bind(token, phone);
    await client.ok(routes.meProfileUpdate, { token, body: { birthday: '1990-06-15' } });

    const memberId = (await memberIdByMemberNo(bound.memberNo))!;
    const raw = JSON.stringify(await getItem(keys.member(memberId)));
    expect(raw).not.toContain(phone);
    expect(raw).not.toContain('1990');
    expect(await getItem(keys.phone(phone))).toBeUndefined(); // no claim keyed by the number
    expect(await memberIdByPhone(phone)).toBe(memberId);

    expect(await client.ok(routes.meProfile, { token })).toMatchObject({ phone, birthday: '06-15', birthYear: 1990 });
    const atCounter = await client.ok(routes.staffPhoneVisit, { token: staff.clerkA, body: { phone } });
    expect(atCounter.member).toMatchObject({ memberNo: bound.memberNo, maskedPhone: `${phone.slice(0, 3)}****${phone.slice(-4)}` });
  });
});

/** Every item whose partition key starts so (a test may scan its own table; the code never does). */
async function itemsStartingWith(prefix: string): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new ScanCommand({ TableName: table(), FilterExpression: 'begins_with(pk, :prefix)', ExpressionAttributeValues: { ':prefix': prefix }, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

describe('the export’s idempotency record', () => {
  it('keeps no clear phone or birth year for the 24 hours it is remembered, yet a retry with the key answers the same document', async () => {
    const token = await tokenOf(client, `enc-export-${randomUUID()}`);
    const phone = newPhone();
    const bound = await bind(token, phone);
    await client.ok(routes.meProfileUpdate, { token, body: { birthday: '1987-06-15' } });
    const memberId = (await memberIdByMemberNo(bound.memberNo))!;

    const key = randomUUID();
    const first = await client.ok(routes.meExport, { token, idempotencyKey: key });
    expect(first.profile).toMatchObject({ phone, birthYear: 1987 });
    expect(await client.ok(routes.meExport, { token, idempotencyKey: key })).toEqual(first);
    await client.ok(routes.meExport, { token, idempotencyKey: randomUUID() });

    const records = await itemsStartingWith(`IDEMPOTENCY#data_export:${memberId}#`);
    expect(records).toHaveLength(2);
    for (const record of records) {
      const raw = JSON.stringify(record);
      expect(raw).not.toContain(phone);
      expect(raw).not.toContain('1987');
      expect(Number(record.ttl)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 24 * 3600);
    }
  });
});

describe('master key rotation', () => {
  it('opens values written under the old key after a rotation, re-seals them under the new one, and then needs the old key no more', async () => {
    const oldKeys = { dev1: Buffer.from(Object.values(DEV_KEY())[0] ?? '', 'base64') };
    const dev1 = oldKeys.dev1.length === 32 ? oldKeys.dev1 : (await import('node:crypto')).createHash('sha256').update('tongka-local-field-key-dev1').digest();
    const k2 = randomBytes(32);

    const before = await login(client, `rot-a-${randomUUID()}`);
    const phoneA = newPhone();
    await bind(before.token, phoneA);
    const idA = (await memberIdByMemberNo(before.member.memberNo))!;
    expect(masterKeyOf((await getMember(idA))!.phoneSealed!)).toBe('dev1');

    useMasterKeys({ dev1, k2 }, 'k2');
    const after = await login(client, `rot-b-${randomUUID()}`);
    const phoneB = newPhone();
    await bind(after.token, phoneB);
    const idB = (await memberIdByMemberNo(after.member.memberNo))!;
    expect(masterKeyOf((await getMember(idB))!.phoneSealed!)).toBe('k2');
    expect((await client.ok(routes.meProfile, { token: before.token })).phone).toBe(phoneA);
    expect((await client.ok(routes.meProfile, { token: after.token })).phone).toBe(phoneB);

    const run = await sealPersonalData();
    expect(run.resealed).toBeGreaterThanOrEqual(1);
    expect(masterKeyOf((await getMember(idA))!.phoneSealed!)).toBe('k2');

    useMasterKeys({ k2 }, 'k2'); // the old key retired
    expect((await client.ok(routes.meProfile, { token: before.token })).phone).toBe(phoneA);
    expect(await memberIdByPhone(phoneA)).toBe(idA);
    expect((await sealPersonalData()).resealed).toBe(0);
  });
});

describe('migrating clear data', () => {
  it('seals a clear phone and birth year written before encryption, moves the phone claim to the keyed hash, and does nothing on a second run', async () => {
    const { member } = await login(client, `legacy-${randomUUID()}`);
    const memberId = (await memberIdByMemberNo(member.memberNo))!;
    const phone = newPhone();
    // As the table held them before this change: clear fields, and the claim keyed by the number.
    const profile = (await getItem<Record<string, unknown>>(keys.member(memberId)))!;
    await putItem(keys.member(memberId), { ...profile, phone, birthYear: 1985, birthday: '03-08' });
    await putItem(keys.phone(phone), { memberId });
    expect(await memberIdByPhone(phone)).toBeUndefined();

    const first = await sealPersonalData();
    expect(first.phonesSealed).toBeGreaterThanOrEqual(1);
    expect(first.birthYearsSealed).toBeGreaterThanOrEqual(1);
    const raw = JSON.stringify(await getItem(keys.member(memberId)));
    expect(raw).not.toContain(phone);
    expect(raw).not.toContain('1985');
    expect(await getItem(keys.phone(phone))).toBeUndefined();
    expect(await memberIdByPhone(phone)).toBe(memberId);
    const token = await tokenOf(client, (await getMember(memberId))!.openid!);
    expect(await client.ok(routes.meProfile, { token })).toMatchObject({ phone, birthYear: 1985 });

    const second = await sealPersonalData();
    expect(second).toMatchObject({ phonesSealed: 0, birthYearsSealed: 0, resealed: 0, skipped: 0 });
  });
});
