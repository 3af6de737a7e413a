/**
 * 重复会员 (README § One identity per person: conflicts): the member's help request, HQ's list of
 * open cases, and HQ's decision — merge (the phone's holder survives) or reject — each audited.
 */
import { shanghaiIso } from '../../shared/dates';
import type { DuplicateCase, DuplicateDecisionRequest, DuplicateMember, PhoneHelpResponse } from '../../shared/schemas/identity';
import { ConflictError, NotFoundError, RetryableError } from '../lib/errors';
import { memberAuditPutItem } from '../store/audit';
import { duplicateCaseDecisionItem, duplicateCaseHelpItem, getDuplicateCase, listOpenDuplicateCases, type DuplicateCaseRecord } from '../store/duplicates';
import { getMember } from '../store/members';
import type { MemberRecord, StaffRecord } from '../store/records';
import { runTransaction } from '../store/transactions';
import { newId } from './ids';
import { requireSignedInMember } from './members';
import { finishMerge, mergeMembers } from './merge';

const iso = (at: string | undefined) => (at ? shanghaiIso(Date.parse(at)) : null);

function sideOf(member: MemberRecord | undefined, memberNo: string): DuplicateMember {
  return {
    memberNo,
    nickname: member?.nickname ?? '',
    maskedPhone: member?.phoneMasked ?? null,
    points: member?.points ?? 0,
    visitCount: member?.visitCount ?? 0,
    hasWechat: Boolean(member?.openid),
    createdAt: iso(member?.createdAt) ?? '',
    lastVisitAt: iso(member?.lastVisitAt),
  };
}

async function caseView(record: DuplicateCaseRecord): Promise<DuplicateCase> {
  const [requester, holder] = await Promise.all([getMember(record.requesterId), getMember(record.holderId)]);
  return {
    id: record.caseId,
    kind: record.kind,
    status: record.status,
    maskedPhone: record.phoneMasked,
    createdAt: iso(record.createdAt)!,
    requestedAt: iso(record.requestedAt),
    note: record.note ?? null,
    requester: sideOf(requester, record.requesterMemberNo),
    holder: sideOf(holder, record.holderMemberNo),
    decidedAt: iso(record.decidedAt),
    decisionNote: record.decisionNote ?? null,
  };
}

async function requireCase(caseId: string): Promise<DuplicateCaseRecord> {
  const record = await getDuplicateCase(caseId);
  if (!record) throw new NotFoundError('duplicate_case_not_found', 'No such duplicate-member case');
  return record;
}

/** 申请人工处理: the member's open case gets their request (and note); HQ's list shows it first-hand. */
export async function requestPhoneHelp(memberId: string, note: string | undefined, now = Date.now()): Promise<PhoneHelpResponse> {
  const member = await requireSignedInMember(memberId);
  if (!member.duplicateCaseId) throw new NotFoundError('duplicate_case_not_found', 'There is no phone conflict to ask about; bind the phone first');
  const record = await requireCase(member.duplicateCaseId);
  if (record.status !== 'open') throw new ConflictError('case_decided', 'HQ has already decided this case');
  const at = new Date(now).toISOString();
  const outcome = await runTransaction([duplicateCaseHelpItem(record.caseId, at, note)]);
  if (!outcome.ok) throw new ConflictError('case_decided', 'HQ has already decided this case');
  return { caseId: record.caseId, status: 'open', requestedAt: shanghaiIso(now) };
}

/** HQ's open cases, oldest first, each with both members side by side. */
export async function openDuplicates(): Promise<{ items: DuplicateCase[] }> {
  const open = (await listOpenDuplicateCases()).filter((c) => c.status === 'open');
  return { items: await Promise.all(open.map(caseView)) };
}

/**
 * Merges or rejects a case, once: the decision is written in the merge's first transaction (or with
 * the rejection's audit entry), so deciding again the same way answers the same case — finishing a
 * merge cut off halfway — and deciding it the other way is refused.
 */
export async function decideDuplicate(staff: StaffRecord, caseId: string, decision: DuplicateDecisionRequest, now = Date.now): Promise<DuplicateCase> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const record = await requireCase(caseId);
    const status = decision.decision === 'merge' ? 'merged' : 'rejected';
    if (record.status !== 'open') {
      if (record.status !== status) throw new ConflictError('case_decided', `This case was already ${record.status}`);
      if (status === 'merged') await finishMerge(record.requesterId, record.holderId);
      return caseView(record);
    }
    const at = new Date(now()).toISOString();
    const decided = duplicateCaseDecisionItem(caseId, { status, by: staff.staffId, at, note: decision.note });
    if (status === 'merged') {
      await mergeMembers({
        absorbedId: record.requesterId,
        survivorId: record.holderId,
        reason: 'duplicate_case',
        actor: { kind: 'staff', staff },
        with: async () => [decided],
        onConditionFailed: async () => {
          const now = await requireCase(caseId);
          if (now.status === 'rejected') throw new ConflictError('case_decided', 'This case was already rejected');
        },
      });
      return caseView(await requireCase(caseId));
    }
    const requester = await getMember(record.requesterId);
    const outcome = await runTransaction([
      decided,
      memberAuditPutItem(
        staff,
        { memberId: record.requesterId, memberNo: requester?.memberNo ?? record.requesterMemberNo },
        {
          auditId: newId('aud', Date.parse(at)),
          storeId: null,
          action: 'duplicate_reject',
          ref: caseId,
          at,
        },
      ),
    ]);
    if (outcome.ok) return caseView(await requireCase(caseId));
  }
  throw new RetryableError('busy', 'The case changed meanwhile; retry', 1);
}
