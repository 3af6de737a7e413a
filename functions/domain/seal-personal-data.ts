/**
 * Sealing personal data written before encryption, and re-sealing after a key rotation (README §
 * Encryption). Idempotent: each change is conditioned on the value it replaces, so a second run (or
 * a run cut off and started again from its cursor) changes only what is still to change.
 *   - a clear `phone` on a profile → the sealed phone, its keyed hash and masked form; the phone
 *     claim moves from the clear number's key to the keyed hash's, in the same transaction;
 *   - a clear `birthYear` → `birthYearSealed`;
 *   - a value sealed under a master key other than the current one → sealed again under it (so the
 *     old master key can be retired);
 *   - a 重复会员 case holding a clear phone → its keyed hash and masked form.
 */
import { currentMasterKeyId, isSealed, masterKeyOf, open, phoneIndexOf, seal } from '../lib/field-crypto';
import { hashKey, logger } from '../lib/log';
import { keys } from '../store/keys';
import { scanBySortKey } from '../store/migration';
import { deleteItemTx, putItemTx, runTransaction, updateItemTx, type LabeledItem } from '../store/transactions';
import { maskPhone, sealPhone } from './personal-data';

export interface SealRunSummary {
  scanned: number;
  phonesSealed: number;
  birthYearsSealed: number;
  resealed: number;
  casesSealed: number;
  /** Changes a concurrent write made moot this time (the next run looks again). */
  skipped: number;
  /** Values that could not be opened (a master key missing from the configuration): logged, left as they are. */
  failed: number;
  next: string | null;
}

type Item = Record<string, unknown> & { pk: string; sk: string };

/** The transaction that seals one profile's clear phone and moves its claim (the legacy claim was keyed by the clear number). */
async function sealPhoneItems(profile: Item, phone: string): Promise<LabeledItem[]> {
  const memberId = keys.memberIdOf(profile.pk);
  const sealed = await sealPhone(phone);
  const legacyClaim = keys.phone(phone);
  return [
    putItemTx(
      'claim',
      { ...keys.phone(sealed.phoneIndex), memberId },
      { ConditionExpression: 'attribute_not_exists(pk) OR memberId = :member', ExpressionAttributeValues: { ':member': memberId } },
    ),
    deleteItemTx('legacyClaim', {
      Key: legacyClaim,
      ConditionExpression: 'attribute_not_exists(pk) OR memberId = :member',
      ExpressionAttributeValues: { ':member': memberId },
    }),
    updateItemTx('profile', {
      Key: { pk: profile.pk, sk: profile.sk },
      UpdateExpression: 'SET phoneSealed = :sealed, phoneIndex = :index, phoneMasked = :masked REMOVE phone',
      ConditionExpression: 'phone = :clear',
      ExpressionAttributeValues: { ':sealed': sealed.phoneSealed, ':index': sealed.phoneIndex, ':masked': sealed.phoneMasked, ':clear': phone },
    }),
  ];
}

function replaceItem(item: Item, set: Record<string, unknown>, remove: string[], condition: { attribute: string; value: unknown }): LabeledItem {
  const names: Record<string, string> = { '#cond': condition.attribute };
  const values: Record<string, unknown> = { ':cond': condition.value };
  const sets = Object.entries(set).map(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const removes = remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  return updateItemTx('item', {
    Key: { pk: item.pk, sk: item.sk },
    UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' '),
    ConditionExpression: '#cond = :cond',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  });
}

/** One page of the run; call again with `next` until it is null (the job does). */
export async function sealPersonalDataPage(cursor: string | null, limit = 200): Promise<SealRunSummary> {
  const page = await scanBySortKey([keys.member('').sk, keys.duplicateCase('').sk], cursor, limit);
  const summary: SealRunSummary = { scanned: page.items.length, phonesSealed: 0, birthYearsSealed: 0, resealed: 0, casesSealed: 0, skipped: 0, failed: 0, next: page.next };
  const current = currentMasterKeyId();
  const apply = async (items: LabeledItem[], counter: keyof Omit<SealRunSummary, 'next' | 'scanned' | 'skipped' | 'failed'>) => {
    if ((await runTransaction(items)).ok) summary[counter] += 1;
    else summary.skipped += 1;
  };
  for (const raw of page.items) {
    const item = raw as Item;
    try {
      await sealItem(item);
    } catch (error) {
      summary.failed += 1;
      logger.error('seal-personal-data: item left as it is', { pk: hashKey(item.pk), error: String(error) });
    }
  }
  return summary;

  async function sealItem(item: Item): Promise<void> {
    if (item.sk === keys.duplicateCase('').sk) {
      if (typeof item.phone === 'string') {
        await apply(
          [replaceItem(item, { phoneIndex: phoneIndexOf(item.phone), phoneMasked: maskPhone(item.phone) }, ['phone'], { attribute: 'phone', value: item.phone })],
          'casesSealed',
        );
      }
      return;
    }
    if (!item.pk.startsWith(keys.memberPartition(''))) return;
    if (typeof item.phone === 'string') await apply(await sealPhoneItems(item, item.phone), 'phonesSealed');
    if (typeof item.birthYear === 'number') {
      await apply(
        [replaceItem(item, { birthYearSealed: await seal(String(item.birthYear), 'birthYear') }, ['birthYear'], { attribute: 'birthYear', value: item.birthYear })],
        'birthYearsSealed',
      );
    }
    for (const field of ['phoneSealed', 'birthYearSealed'] as const) {
      const value = item[field];
      if (isSealed(value) && masterKeyOf(value) !== current) {
        const kind = field === 'phoneSealed' ? 'phone' : 'birthYear';
        await apply([replaceItem(item, { [field]: await seal(await open(value, kind), kind) }, [], { attribute: field, value })], 'resealed');
      }
    }
  }
}

/** The whole table, page after page (the job). */
export async function sealPersonalData(limit = 200): Promise<Omit<SealRunSummary, 'next'>> {
  const total = { scanned: 0, phonesSealed: 0, birthYearsSealed: 0, resealed: 0, casesSealed: 0, skipped: 0, failed: 0 };
  let cursor: string | null = null;
  do {
    const page: SealRunSummary = await sealPersonalDataPage(cursor, limit);
    for (const key of Object.keys(total) as Array<keyof typeof total>) total[key] += page[key];
    cursor = page.next;
  } while (cursor);
  return total;
}
