/**
 * 重复会员 cases (README § One identity per person: conflicts): one per member and phone they tried
 * to bind while another WeChat member held it. Open cases are in the sparse gsi1 partition HQ lists.
 */
import { keys } from './keys';
import { getItem, indexItems } from './query';
import { putItemTx, updateItemTx, type LabeledItem } from './transactions';

export interface DuplicateCaseRecord {
  caseId: string;
  kind: 'phone_conflict';
  /** The phone both want (the holder's): its keyed hash and masked form, never the number. */
  phoneIndex: string;
  phoneMasked: string;
  requesterId: string;
  requesterMemberNo: string;
  holderId: string;
  holderMemberNo: string;
  status: 'open' | 'merged' | 'rejected';
  createdAt: string;
  requestedAt?: string;
  note?: string;
  decidedBy?: string;
  decidedAt?: string;
  decisionNote?: string;
}

export const getDuplicateCase = (caseId: string) => getItem<DuplicateCaseRecord>(keys.duplicateCase(caseId));

/** HQ's list of open cases, oldest first (an index read: a list, nothing is computed from it). */
export const listOpenDuplicateCases = () => indexItems<DuplicateCaseRecord>(keys.openDuplicatesIndex.name, keys.openDuplicatesIndex.pk);

/** Opens the case once (a second refusal of the same bind finds it), and notes it on the requester for their help request. */
export function duplicateCaseOpenItems(record: DuplicateCaseRecord): LabeledItem[] {
  const index = keys.openDuplicatesIndex;
  const byMember = keys.memberDuplicatesIndex;
  const sort = byMember.sort(record.createdAt, record.caseId);
  return [
    putItemTx(
      'case',
      {
        ...keys.duplicateCase(record.caseId),
        ...keys.indexEntry(index.name, index.pk, index.sort(record.createdAt, record.caseId)),
        // Under both members too (they stay after the decision): a deleted member's cases are found by member.
        ...keys.indexEntry(byMember.holder, byMember.pk(record.holderId), sort),
        ...keys.indexEntry(byMember.requester, byMember.pk(record.requesterId), sort),
        ...record,
      },
      'new',
    ),
    updateItemTx('member', {
      Key: keys.member(record.requesterId),
      UpdateExpression: 'SET duplicateCaseId = :caseId',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':caseId': record.caseId },
    }),
  ];
}

/** The member's help request (申请人工处理), while the case is open. */
export function duplicateCaseHelpItem(caseId: string, at: string, note: string | undefined): LabeledItem {
  return updateItemTx('case', {
    Key: keys.duplicateCase(caseId),
    UpdateExpression: note ? 'SET requestedAt = :at, note = :note' : 'SET requestedAt = :at',
    ConditionExpression: '#status = :open',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':at': at, ':open': 'open', ...(note ? { ':note': note } : {}) },
  });
}

/** HQ's decision, only while the case is open; it leaves HQ's list with it. */
export function duplicateCaseDecisionItem(caseId: string, decision: { status: 'merged' | 'rejected'; by: string; at: string; note?: string }): LabeledItem {
  return updateItemTx('case', {
    Key: keys.duplicateCase(caseId),
    // A decided case is kept a year for review, then removed by TTL (shared/privacy/fields.ts: duplicate_cases).
    UpdateExpression: `SET #status = :status, decidedBy = :by, decidedAt = :at, #ttl = :ttl${decision.note ? ', decisionNote = :note' : ''} REMOVE ${keys.indexAttributes(keys.openDuplicatesIndex.name).join(', ')}`,
    ConditionExpression: '#status = :open',
    ExpressionAttributeNames: { '#status': 'status', '#ttl': 'ttl' },
    ExpressionAttributeValues: {
      ':status': decision.status,
      ':by': decision.by,
      ':at': decision.at,
      ':open': 'open',
      ':ttl': Math.floor(Date.parse(decision.at) / 1000) + 366 * 24 * 3600,
      ...(decision.note ? { ':note': decision.note } : {}),
    },
  });
}
