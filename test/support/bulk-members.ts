/**
 * Members made in bulk for the scale tests, where the members are the setup and not the subject:
 * the records the first login would write (functions/domain/members.ts `newMemberRecord`, laid out
 * by functions/store/members.ts `memberCreateItems`: the profile and its member-number and openid
 * claims), already agreed to the notice in force as `recordConsent` would set it, written 25 to a
 * BatchWriteItem instead of one transaction and one update each. Member numbers come from one block
 * of the same counter. Only the dashboards' new-member counters are left out (nothing here reads
 * them). Their tokens are the API's own (`issueToken`, no database).
 */
import { BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ConsentFields } from '../../functions/domain/consent';

export interface BulkMember {
  memberId: string;
  openid: string;
  token: string;
}

/** `count` live members, each signed in and agreed to the privacy notice in force. */
export async function consentedMembers(count: number, openidPrefix: string, now = Date.now()): Promise<BulkMember[]> {
  const { newMemberRecord } = await import('../../functions/domain/members');
  const { currentNoticeVersion } = await import('../../functions/domain/consent');
  const { issueToken } = await import('../../functions/domain/sessions');
  const { db, table } = await import('../../functions/store/client');
  const { keys } = await import('../../functions/store/keys');
  const { memberCreateItems } = await import('../../functions/store/members');
  const { shanghaiIso } = await import('../../shared/dates');

  // One block of member numbers from the counter nextMemberNo hands them out from.
  const { Attributes } = await db().send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.memberNoCounter(),
      UpdateExpression: 'ADD #value :n',
      ExpressionAttributeNames: { '#value': 'value' },
      ExpressionAttributeValues: { ':n': count },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const first = Number(Attributes!.value) - count + 1;
  const consent: Required<ConsentFields> = { privacyVersion: currentNoticeVersion(), privacyAgreedAt: shanghaiIso(now) };
  const members = Array.from({ length: count }, (_, i) => ({
    ...newMemberRecord(String(10_000_000 + first + i), { openid: `${openidPrefix}-${i}` }, now),
    ...consent,
  }));

  const puts = members.flatMap((member) => memberCreateItems(member).flatMap(({ item }) => (item.Put ? [{ PutRequest: { Item: item.Put.Item! } }] : [])));
  const batches = Array.from({ length: Math.ceil(puts.length / 25) }, (_, i) => puts.slice(i * 25, i * 25 + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        let requests = batches[next++]!;
        for (let attempt = 0; requests.length > 0; attempt++) {
          if (attempt >= 10) throw new Error(`BatchWriteItem: ${requests.length} items still unprocessed`);
          const { UnprocessedItems } = await db().send(new BatchWriteCommand({ RequestItems: { [table()]: requests } }));
          requests = (UnprocessedItems?.[table()] ?? []) as typeof requests;
          if (requests.length > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
        }
      }
    }),
  );

  return Promise.all(
    members.map(async (member) => ({
      memberId: member.memberId,
      openid: member.openid!,
      token: (await issueToken({ memberId: member.memberId, openid: member.openid! }, now)).token,
    })),
  );
}
