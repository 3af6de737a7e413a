/**
 * 注销会员 (PIPL art. 47; README § Deletion). The member first sees what is lost (points, unused
 * coupons, future bookings), asks, and has 7 days to change their mind (撤销注销). Then the daily job
 * erases the member, a state machine on the profile (the writes and their conditions are in
 * store/deletion.ts):
 *   start    one transaction conditioned on the version: `deletionState: erasing`, the claims of the
 *            member number, WeChat account and phone deleted, the points forfeited by one ledger
 *            entry. From here requireMember / requireSignedInMember refuse the member (404 for staff,
 *            401 for its sessions), so a checkout racing the job lands wholly before the start (its
 *            entries are then erased or kept like the rest) or is refused after it;
 *   follow-ups  the follow-ups the member's low ratings opened or joined (found through their RATING#
 *            items and OPENFOLLOWUP claim), a transaction each: pseudonymized, an open one withdrawn —
 *            before any chunk deletes the items that name them;
 *   chunks   the member's own items, a transaction each: bookings (future ones free their seats),
 *            coupons, visits, markers, counts — everything but the ledger and the audit entries;
 *   finish   the profile keeps only its id, number, zero balance and the deletion record.
 * Each step is conditioned on the one before, so a run cut off anywhere is finished by the next run
 * (the member stays in the due index until the finish), and a second run changes nothing.
 */
import { shanghaiDate } from '../../shared/dates';
import { DELETION_COOLING_OFF_DAYS, type DeletionInfo } from '../../shared/schemas/deletion';
import { hashId, logger } from '../lib/log';
import { keys } from '../store/keys';
import {
  deletionFinishExtras,
  deletionFinishItem,
  deletionRequestItem,
  deletionStartItems,
  dropDeletionEntry,
  casesOf,
  dueDeletionIds,
  followUpEraseItems,
  followUpIdsOf,
  followUpsToErase,
  nextEraseChunk,
  partitionToErase,
  pendingDeletionOf,
  withdrawDeletion,
  type DeletableMember,
} from '../store/deletion';
import { getMember } from '../store/members';
import { partitionItems } from '../store/query';
import type { BookingRecord, MemberCouponRecord, MemberRecord } from '../store/records';
import { runTransaction } from '../store/transactions';
import { applyOnce } from './idempotent-change';
import { finishMerge } from './merge';
import { requireSignedInMember } from './members';

const DAY_MS = 86_400_000;

// ---- the member's side ---------------------------------------------------------------------------

/** What deleting forfeits now, and the pending request: two queries of the member's own partition. */
async function infoOf(member: MemberRecord, now: number): Promise<DeletionInfo> {
  const [coupons, bookings] = await Promise.all([
    partitionItems<MemberCouponRecord>(keys.memberPartition(member.memberId), keys.couponPrefix),
    partitionItems<BookingRecord>(keys.memberPartition(member.memberId), keys.bookingPrefix),
  ]);
  const today = shanghaiDate(now);
  return {
    pending: pendingDeletionOf(member),
    points: member.points,
    // 'expired' is never stored: an available coupon past its last day is not counted as lost.
    coupons: coupons.filter((c) => c.status === 'available' && c.validTo >= today).length,
    bookings: bookings.filter((b) => b.status === 'booked' && Date.parse(b.startAt) > now).length,
  };
}

export async function deletionInfo(memberId: string, now = Date.now): Promise<DeletionInfo> {
  return infoOf(await requireSignedInMember(memberId), now());
}

/**
 * Asks for the deletion, due 7 days from now. Once per Idempotency-Key (the key's record commits
 * with the request); asking again while one is pending answers it unchanged (the due date does not move).
 */
export async function requestDeletion(memberId: string, idempotencyKey: string, now = Date.now): Promise<DeletionInfo> {
  return applyOnce<DeletionInfo>({
    scope: `deletion:${memberId}`,
    key: idempotencyKey,
    request: { confirm: true },
    plan: async () => {
      const member = await requireSignedInMember(memberId);
      const at = now();
      if (pendingDeletionOf(member)) return { response: await infoOf(member, at), items: [], onConditionFailed: () => undefined };
      const requestedAt = new Date(at).toISOString();
      const dueAt = new Date(at + DELETION_COOLING_OFF_DAYS * DAY_MS).toISOString();
      const info = await infoOf({ ...member, deletionRequestedAt: requestedAt, deletionDueAt: dueAt } as DeletableMember, at);
      // The member's condition failing (a request or a merge meanwhile) plans again.
      return { response: info, items: [deletionRequestItem(memberId, requestedAt, dueAt)], onConditionFailed: () => undefined };
    },
  });
}

/** 撤销注销 during the cooling-off. Nothing pending (or withdrawn twice): answers the same. */
export async function cancelDeletion(memberId: string, now = Date.now): Promise<DeletionInfo> {
  const member = await requireSignedInMember(memberId);
  if (pendingDeletionOf(member)) await withdrawDeletion(memberId);
  // Read again: the job may have started meanwhile, which refuses the session from now on.
  return infoOf(await requireSignedInMember(memberId), now());
}

// ---- the job -------------------------------------------------------------------------------------

export type ErasureOutcome = 'erased' | 'already_erased' | 'not_due' | 'merged' | 'gone' | 'stopped';

export interface ErasureCounts {
  pointsForfeited: number;
  bookingsCancelled: number;
  couponsVoided: number;
  itemsErased: number;
  followUpsErased: number;
}

export interface ErasureOptions {
  now?: () => number;
  /** Tests only: stop after this many committed steps (start, chunk, …), as a crash would. */
  stopAfterSteps?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const backoff = (attempt: number) => sleep(Math.random() * Math.min(300, 10 * 2 ** attempt));

/**
 * Erases one member whose deletion is due, continuing from wherever an earlier run stopped. Every
 * transaction is conditioned on the state it was planned on; a failed one (a checkout moved the
 * version, another runner erased the chunk) plans again from a fresh read.
 */
export async function eraseMember(memberId: string, options: ErasureOptions = {}): Promise<{ outcome: ErasureOutcome; counts: ErasureCounts }> {
  const now = options.now ?? Date.now;
  const counts: ErasureCounts = { pointsForfeited: 0, bookingsCancelled: 0, couponsVoided: 0, itemsErased: 0, followUpsErased: 0 };
  let steps = 0;
  const stepDone = () => ++steps === options.stopAfterSteps;
  for (let attempt = 0; attempt < 200; attempt++) {
    const member = (await getMember(memberId)) as DeletableMember | undefined;
    if (!member) return { outcome: 'gone', counts };
    if (member.deletionState === 'deleted') return { outcome: steps > 0 ? 'erased' : 'already_erased', counts };
    if (!member.deletionState) {
      if (member.mergedInto) {
        await dropDeletionEntry(memberId);
        return { outcome: 'merged', counts };
      }
      // Withdrawn meanwhile (the index is read eventually consistent; the profile is the truth), or not due yet.
      if (!member.deletionDueAt || !member.deletionRequestedAt || Date.parse(member.deletionDueAt) > now()) return { outcome: 'not_due', counts };
      // A merge still moving into this member is finished first, so what is erased is whole.
      if (member.mergeLock) {
        await finishMerge(member.mergeLock, memberId);
        continue;
      }
      const startedAt = new Date(now()).toISOString();
      const record = { requestedAt: member.deletionRequestedAt, dueAt: member.deletionDueAt, startedAt, pointsForfeited: member.points };
      const outcome = await runTransaction(deletionStartItems(member, record));
      if (!outcome.ok) {
        await backoff(Math.min(attempt, 5));
        continue;
      }
      counts.pointsForfeited = member.points;
      if (stepDone()) return { outcome: 'stopped', counts };
      continue;
    }
    // Erasing: the member's own items chunk by chunk, then — read again, and found empty — the finish.
    // One read serves every chunk (each commit takes its items off the list), so the run reads the
    // partition twice, not once per chunk: its cost follows the member's items.
    const { items, mergedNumbers } = await partitionToErase(memberId);
    // The follow-ups first, while the items naming them are still there (a re-run skips those done).
    const followUps = await followUpsToErase(followUpIdsOf(items));
    let followUpsSettled = true;
    for (const followUp of followUps) {
      const at = now();
      const outcome = await runTransaction(followUpEraseItems(memberId, followUp, new Date(at).toISOString(), shanghaiDate(at)));
      if (!outcome.ok) {
        // A manager closed it meanwhile: plan again from a fresh read.
        followUpsSettled = false;
        break;
      }
      counts.followUpsErased++;
      if (stepDone()) return { outcome: 'stopped', counts };
    }
    if (!followUpsSettled) {
      await backoff(Math.min(attempt, 5));
      continue;
    }
    // An open follow-up's withdrawal released the member's claim on it: not to be erased again.
    const withdrawn = new Set(followUps.filter((f) => f.status === 'open').map((f) => f.followUpId));
    const claimSk = keys.openFollowUp(memberId).sk;
    const toErase = items.filter((item) => !(item.sk === claimSk && withdrawn.has(String(item.followUpId))));
    if (toErase.length === 0) {
      const cases = await casesOf(memberId);
      const outcome = await runTransaction([deletionFinishItem(member, new Date(now()).toISOString()), ...deletionFinishExtras(member, mergedNumbers, cases)]);
      if (!outcome.ok) await backoff(Math.min(attempt, 5));
      else if (stepDone()) return { outcome: 'stopped', counts };
      continue;
    }
    let left = toErase;
    while (left.length > 0) {
      const chunk = nextEraseChunk(memberId, left, now());
      const outcome = await runTransaction(chunk.items);
      if (!outcome.ok) {
        // Another runner erased some of these, or a booking changed: plan again from a fresh read.
        await backoff(Math.min(attempt, 5));
        break;
      }
      counts.bookingsCancelled += chunk.bookingsCancelled;
      counts.couponsVoided += chunk.couponsVoided;
      counts.itemsErased += chunk.erased.size;
      left = left.filter((item) => !chunk.erased.has(item.sk));
      if (stepDone()) return { outcome: 'stopped', counts };
    }
  }
  throw new Error(`deletion of ${memberId} did not settle`);
}

export interface DeletionJobSummary {
  due: number;
  erased: number;
  alreadyErased: number;
  skipped: number;
  failed: number;
  pointsForfeited: number;
  bookingsCancelled: number;
  couponsVoided: number;
  itemsErased: number;
  followUpsErased: number;
}

/**
 * The daily job: every member whose cooling-off is over (one query of the sparse DELETIONS index, so
 * its cost is what it matches, never a Scan), erased one by one. A member that fails is counted and
 * the others still run; the run then fails, so the scheduler retries and the next run finishes it.
 */
export async function runDeletionJob(options: ErasureOptions = {}): Promise<DeletionJobSummary> {
  const now = options.now ?? Date.now;
  const ids = await dueDeletionIds(new Date(now()).toISOString());
  const summary: DeletionJobSummary = {
    due: ids.length,
    erased: 0,
    alreadyErased: 0,
    skipped: 0,
    failed: 0,
    pointsForfeited: 0,
    bookingsCancelled: 0,
    couponsVoided: 0,
    itemsErased: 0,
    followUpsErased: 0,
  };
  const errors: unknown[] = [];
  for (const id of ids) {
    try {
      const { outcome, counts } = await eraseMember(id, options);
      if (outcome === 'erased') summary.erased++;
      else if (outcome === 'already_erased') summary.alreadyErased++;
      else summary.skipped++;
      summary.pointsForfeited += counts.pointsForfeited;
      summary.bookingsCancelled += counts.bookingsCancelled;
      summary.couponsVoided += counts.couponsVoided;
      summary.itemsErased += counts.itemsErased;
      summary.followUpsErased += counts.followUpsErased;
    } catch (error) {
      summary.failed++;
      errors.push(error);
      logger.error('deletion: erasing a member failed', { job: 'deletion', memberId: hashId(id), error: error instanceof Error ? error.message : String(error) });
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, `deletion: ${errors.length} of ${ids.length} members not erased; the next run continues them`);
  return summary;
}
