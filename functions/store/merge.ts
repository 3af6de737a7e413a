/**
 * The writes of a merge (README § One identity per person: merging). A merge starts with one
 * transaction (the absorbed member points at its survivor, the survivor takes the merged history and
 * a lock, the phone, member number and openid claims lead to the survivor), then moves the absorbed
 * member's partition over in chunks, each one transaction that keeps both balances equal to their
 * ledgers, and ends with one transaction that empties the absorbed member and lifts the lock.
 */
import { keys, type Key } from './keys';
import { updateParts } from './expressions';
import { partitionItems } from './query';
import type { MemberRecord, MergeRecord } from './records';
import { deleteItemTx, putItemTx, updateItemTx, type LabeledItem } from './transactions';

/** Fields that leave the absorbed member when the merge starts: the survivor has them now. */
const HISTORY_FIELDS = ['spendDays', 'visitDays', 'storesVisited', 'bookingVisits', 'visitCount', 'firstVisitAt', 'lastVisitAt', 'noShowCount'];
/** The personal data a finished merge erases from the tombstone (it keeps its number, for the redirect). */
const PERSONAL_FIELDS = [
  'phoneSealed',
  'phoneIndex',
  'phoneMasked',
  'openid',
  'unionid',
  'birthday',
  'birthYearSealed',
  'tags',
  'segment',
  'rfm',
  'lapseStage',
  'lapseDate',
  'marketingOptOut',
  'targetingOptOut',
];
const INDEX_FIELDS = [...keys.indexAttributes(keys.birthdayIndex.name), ...keys.indexAttributes(keys.lapseIndex.name)];

const creditsOf = (member: MemberRecord) => Object.keys(member).filter((field) => field.startsWith('credit_'));

/**
 * The first transaction's two member updates: each conditioned on the version that was read, so a
 * checkout racing the start lands wholly before it (and its entries move) or retries after it.
 */
export function mergeStartItems(absorbed: MemberRecord, survivor: MemberRecord, merged: Record<string, unknown>, record: MergeRecord): LabeledItem[] {
  const absorbedUpdate = updateItemTx('absorbed', {
    Key: keys.member(absorbed.memberId),
    ConditionExpression: 'version = :expected AND attribute_not_exists(mergedInto) AND attribute_not_exists(mergeLock) AND attribute_not_exists(deletionState)',
    ...updateParts(
      {
        set: { mergedInto: survivor.memberId, mergeState: 'moving', merge: record, version: absorbed.version + 1 },
        remove: [...HISTORY_FIELDS, ...INDEX_FIELDS, 'lapseStage', 'lapseDate'],
      },
      {},
      { ':expected': absorbed.version },
    ),
  });
  const survivorUpdate = updateItemTx('survivor', {
    Key: keys.member(survivor.memberId),
    ConditionExpression: 'version = :expected AND attribute_not_exists(mergedInto) AND attribute_not_exists(mergeLock) AND attribute_not_exists(deletionState)',
    ...updateParts({ set: { ...merged, mergeLock: absorbed.memberId, version: survivor.version + 1 } }, {}, { ':expected': survivor.version }),
  });
  return [absorbedUpdate, survivorUpdate];
}

/**
 * A claim (phone, member number, openid) that led to the absorbed member now leads to the survivor.
 * `mergedFrom` says so: a member number resolves to its survivor, but a code signed for it is refused.
 */
export function claimRedirectItem(label: string, key: Key, absorbedId: string, survivorId: string): LabeledItem {
  return putItemTx(
    label,
    { ...key, memberId: survivorId, mergedFrom: absorbedId },
    {
      ConditionExpression: 'memberId = :absorbed',
      ExpressionAttributeValues: { ':absorbed': absorbedId },
    },
  );
}

/** The absorbed member's own items (everything in its partition but the profile), strongly consistent. */
export async function partitionToMove(memberId: string): Promise<Array<Record<string, unknown> & Key>> {
  const items = await partitionItems<Record<string, unknown> & Key>(keys.memberPartition(memberId));
  return items.filter((item) => item.sk !== keys.member(memberId).sk);
}

/** The survivor's sort keys under a prefix (rule-issue and push markers it already has). */
export async function sortKeysOf(memberId: string, prefix: string): Promise<Set<string>> {
  const items = await partitionItems<Key>(keys.memberPartition(memberId), prefix);
  return new Set(items.map((item) => item.sk));
}

/** An item leaves the absorbed member's partition (only while it is still there: one mover wins). */
export function moveOutItem(item: Key): LabeledItem {
  return deleteItemTx(`out:${item.sk}`, { Key: { pk: item.pk, sk: item.sk }, ConditionExpression: 'attribute_exists(pk)' });
}

/** The item as the survivor's, with the same sort key. */
export function moveInItem(survivorId: string, item: Record<string, unknown> & Key, fields: Record<string, unknown>): LabeledItem {
  return putItemTx(`in:${item.sk}`, { ...item, pk: keys.memberPartition(survivorId), ...fields }, 'new');
}

/** A booking's reference (found by id at the counter) leads to the survivor. */
export const bookingRefRedirectItem = (bookingId: string, absorbedId: string, survivorId: string) =>
  claimRedirectItem(`ref:${bookingId}`, keys.bookingRef(bookingId), absorbedId, survivorId);

/**
 * The survivor's count of a template's coupons becomes `count`, only if it is still `before` (a
 * claim racing the merge makes the chunk plan again).
 */
export function heldCountMergeItem(survivorId: string, templateId: string, before: number, count: number): LabeledItem {
  return updateItemTx(`count:${templateId}`, {
    Key: keys.memberTemplateCount(survivorId, templateId),
    UpdateExpression: 'SET #count = :count, templateId = :templateId',
    ConditionExpression: before === 0 ? 'attribute_not_exists(#count) OR #count = :zero' : '#count = :before',
    ExpressionAttributeNames: { '#count': 'count' },
    ExpressionAttributeValues: { ':count': count, ':templateId': templateId, ...(before === 0 ? { ':zero': 0 } : { ':before': before }) },
  });
}

/** A chunk's points go with its ledger entries: the absorbed member loses them, the survivor gains them. */
export function chunkBalanceItems(absorbedId: string, survivorId: string, points: number): LabeledItem[] {
  return [
    updateItemTx('absorbed', {
      Key: keys.member(absorbedId),
      UpdateExpression: 'ADD points :minus',
      ConditionExpression: 'mergedInto = :survivor AND mergeState = :moving',
      ExpressionAttributeValues: { ':minus': -points, ':survivor': survivorId, ':moving': 'moving' },
    }),
    updateItemTx('survivor', {
      Key: keys.member(survivorId),
      UpdateExpression: 'ADD points :plus',
      ConditionExpression: 'mergeLock = :absorbed',
      ExpressionAttributeValues: { ':plus': points, ':absorbed': absorbedId },
    }),
  ];
}

/**
 * The last transaction: the absorbed member, now empty and at zero points, keeps only its number and
 * the merge record; the survivor's lock is lifted (and its version moves, so plans made under the
 * lock start again).
 */
export function mergeFinishItems(absorbed: MemberRecord, survivorId: string, at: string, record: MergeRecord): LabeledItem[] {
  return [
    updateItemTx('absorbed', {
      Key: keys.member(absorbed.memberId),
      ConditionExpression: 'mergedInto = :survivor AND mergeState = :moving AND points = :zero',
      ...updateParts(
        {
          set: { mergeState: 'done', merge: { ...record, finishedAt: at }, nickname: `已合并至${record.survivorMemberNo}` },
          remove: [...PERSONAL_FIELDS, ...creditsOf(absorbed)],
        },
        {},
        { ':survivor': survivorId, ':moving': 'moving', ':zero': 0 },
      ),
    }),
    updateItemTx('survivor', {
      Key: keys.member(survivorId),
      UpdateExpression: 'REMOVE mergeLock SET version = version + :one',
      ConditionExpression: 'mergeLock = :absorbed',
      ExpressionAttributeValues: { ':absorbed': absorbed.memberId, ':one': 1 },
    }),
  ];
}
