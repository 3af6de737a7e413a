import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { keys } from './keys';
import type { MemberRecord } from './records';
import { runTransaction, type LabeledItem } from './transactions';

/** Strongly consistent: a write at store A is visible at store B on the very next read. */
export async function getMember(memberId: string): Promise<MemberRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: table(), Key: keys.member(memberId), ConsistentRead: true }));
  return Item as MemberRecord | undefined;
}

async function lookup(key: { pk: string; sk: string }): Promise<string | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }));
  return Item?.memberId as string | undefined;
}

export const memberIdByOpenid = (openid: string) => lookup(keys.wechatIdentity(openid));
export const memberIdByMemberNo = (memberNo: string) => lookup(keys.memberNo(memberNo));
export const memberIdByPhone = (phone: string) => lookup(keys.phone(phone));

/** Member numbers are 8 digits from 10000001 up, handed out by an atomic counter. */
export async function nextMemberNo(): Promise<string> {
  const { Attributes } = await db().send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.memberNoCounter(),
      UpdateExpression: 'ADD #value :one',
      ExpressionAttributeNames: { '#value': 'value' },
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return String(10_000_000 + Number(Attributes?.value));
}

function claim(label: string, key: { pk: string; sk: string }, memberId: string): LabeledItem {
  return {
    label,
    item: {
      Put: {
        TableName: table(),
        Item: { ...key, memberId },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

/**
 * Creates the member with its unique claims (openid, member number, phone) in one transaction.
 * Returns the labels of claims already taken (e.g. a concurrent first login took the openid).
 */
export async function createMember(member: MemberRecord): Promise<{ created: boolean; taken: string[] }> {
  const items: LabeledItem[] = [
    {
      label: 'member',
      item: {
        Put: {
          TableName: table(),
          Item: { ...keys.member(member.memberId), ...member },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    claim('memberNo', keys.memberNo(member.memberNo), member.memberId),
  ];
  if (member.openid) items.push(claim('openid', keys.wechatIdentity(member.openid), member.memberId));
  if (member.phone) items.push(claim('phone', keys.phone(member.phone), member.memberId));
  const outcome = await runTransaction(items);
  if (outcome.ok) return { created: true, taken: [] };
  if (outcome.conflict && outcome.failed.length === 0) return { created: false, taken: ['conflict'] };
  return { created: false, taken: outcome.failed };
}

/** The update of a member's balance and history, conditioned on the version that was read. */
export function memberUpdateItem(
  before: Pick<MemberRecord, 'memberId' | 'version'>,
  after: Pick<MemberRecord, 'points' | 'spendDays' | 'visitCount' | 'firstVisitAt' | 'lastVisitAt'>,
  /** More attributes to set in the same write (a visit's segment, RFM, tags, lapse index keys). */
  extra: Record<string, unknown> = {},
): LabeledItem {
  const fields: Record<string, unknown> = {
    points: after.points,
    version: before.version + 1,
    spendDays: after.spendDays,
    visitCount: after.visitCount,
    ...(after.firstVisitAt ? { firstVisitAt: after.firstVisitAt } : {}),
    ...(after.lastVisitAt ? { lastVisitAt: after.lastVisitAt } : {}),
    ...extra,
  };
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':expected': before.version };
  const sets = Object.entries(fields).map(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    return `#f${i} = :f${i}`;
  });
  return {
    label: 'member',
    item: {
      Update: {
        TableName: table(),
        Key: keys.member(before.memberId),
        // The new balance was computed from exactly this version; any concurrent change fails it.
        ConditionExpression: 'version = :expected',
        UpdateExpression: `SET ${sets.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
  };
}

/** Records that the welcome rules ran; touches nothing else, so no version is needed. */
export async function markWelcomeDone(memberId: string, at: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.member(memberId),
      UpdateExpression: 'SET welcomeDoneAt = if_not_exists(welcomeDoneAt, :at)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at },
    }),
  );
}

/** Sets and removes plain profile fields (nothing a balance depends on, so no version). */
export async function updateMemberFields(memberId: string, set: Record<string, unknown>, remove: string[]): Promise<MemberRecord> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(set).map(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const removes = remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  const expression = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' ');
  const { Attributes } = await db().send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.member(memberId),
      UpdateExpression: expression,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: names,
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
      ReturnValues: 'ALL_NEW',
    }),
  );
  return Attributes as MemberRecord;
}
