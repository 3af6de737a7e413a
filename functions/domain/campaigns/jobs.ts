/**
 * The daily jobs (09:00 Asia/Shanghai) and the booking reminders (every 15 minutes). Each reads only
 * what matches that day from a sparse index (no Scan), page by page, saving where it got to, so a
 * crash or timeout resumes; and each member is delivered once per period (deliver.ts), so re-runs
 * and concurrent runs double nothing.
 */
import { addDays, shanghaiDate } from '../../../shared/dates';
import { birthdaysCelebratedOn } from '../../../shared/segments';
import { bookingReplaceItem, getBooking } from '../../store/bookings';
import {
  countRun,
  finishRun,
  getCampaign,
  saveCursor,
  setCampaign,
  startRun,
  ZERO_COUNTERS,
  type CampaignId,
  type CampaignRecord,
  type RunCounters,
} from '../../store/campaigns';
import { birthdayPartitions, bookingRefsPage, lapsePartitions, memberIdsPage, reminderPartitions, type IndexPartition } from '../../store/job-indexes';
import { getMember } from '../../store/members';
import type { MemberRecord } from '../../store/records';
import { runTransaction } from '../../store/transactions';
import { config } from '../../lib/config';
import { sendSubscribeMessage } from '../../wechat/subscribe';
import { NO_LAPSE, nextLapse } from '../segments';
import { storeNames } from '../stores';
import { deliver, type RunContext } from './deliver';
import { birthdayMessage, bookingReminderData, reactivationMessage } from './messages';

export interface JobOptions {
  now?: number;
  /** Tests: stop (as if killed) after this many members. */
  stopAfter?: number;
  pageSize?: number;
}

export type JobSummary = Partial<Record<CampaignId, RunCounters>>;

class Stopped extends Error {}

function add(total: RunCounters, counted: Partial<RunCounters>): void {
  for (const [key, n] of Object.entries(counted)) total[key as keyof RunCounters] += n ?? 0;
}

function budget(options: JobOptions): () => void {
  let left = options.stopAfter ?? Infinity;
  return () => {
    if (left-- <= 0) throw new Stopped('stopped');
  };
}

/**
 * Walks every shard of a member index's partitions from the run's saved cursors, reading each
 * member found (consistently: the index lags an edit, so `visit` checks the member still matches).
 * Returns false when stopped early (tests: as if killed), true once every partition is done.
 */
async function walkMembers(
  run: { campaignId: CampaignId; runKey: string; cursors: Record<string, string | null> },
  partitions: IndexPartition[],
  options: JobOptions,
  visit: (member: MemberRecord) => Promise<void>,
): Promise<boolean> {
  const tick = budget(options);
  try {
    for (const partition of partitions) {
      let cursor = run.cursors[partition.pk] ?? null;
      if (cursor === 'END') continue;
      do {
        const page = await memberIdsPage(partition, cursor, options.pageSize ?? 100);
        for (const memberId of page.items) {
          tick();
          const member = await getMember(memberId);
          if (member) await visit(member);
        }
        cursor = page.next;
        await saveCursor(run.campaignId, run.runKey, partition.pk, cursor ?? 'END');
      } while (cursor);
    }
    return true;
  } catch (error) {
    if (error instanceof Stopped) return false;
    throw error;
  }
}

async function requireCampaign(id: CampaignId): Promise<CampaignRecord | null> {
  return (await getCampaign(id)) ?? null;
}

/** Birthday: members whose month-day is today (Feb 29 on Feb 28 in other years), once per year. */
export async function runBirthdayJob(options: JobOptions = {}): Promise<JobSummary> {
  const now = options.now ?? Date.now();
  const date = shanghaiDate(now);
  const campaign = await requireCampaign('birthday');
  if (!campaign) return {};
  const run = await startRun('birthday', date, new Date(now).toISOString());
  const total = { ...ZERO_COUNTERS };
  const context: RunContext = { rateLimited: false };
  const monthDays = birthdaysCelebratedOn(date);
  const finished = await walkMembers(run, birthdayPartitions(monthDays), options, async (member) => {
    if (!member.birthday || !monthDays.includes(member.birthday)) return;
    const counted = await deliver(member.memberId, { campaign, period: date.slice(0, 4), message: birthdayMessage(), segmentBased: false }, now, context, member);
    add(total, counted);
    await countRun('birthday', date, counted);
  });
  if (finished) await finishRun('birthday', date, new Date().toISOString());
  return { birthday: total };
}

/**
 * Reactivation: members who became at risk (90 days without a visit) or dormant (180) on any day
 * since the last run get that stage's coupon and message, once per dormant spell (the spell is
 * named by the last visit's date: a new visit starts another). The stage moves on in the same
 * transaction: at risk → waits for dormant; dormant → leaves the index.
 */
export async function runReactivationJob(options: JobOptions = {}): Promise<JobSummary> {
  const now = options.now ?? Date.now();
  const today = shanghaiDate(now);
  const atRisk = await requireCampaign('reactivation_at_risk');
  const dormant = await requireCampaign('reactivation_dormant');
  if (!atRisk || !dormant) return {};
  // Catch up on days missed (a failed run), at most a month back.
  const from = atRisk.lastRunDate && atRisk.lastRunDate < today ? addDays(atRisk.lastRunDate, 1) : today;
  const days: string[] = [];
  for (let d = from < addDays(today, -30) ? addDays(today, -30) : from; d <= today; d = addDays(d, 1)) days.push(d);

  const totals = { reactivation_at_risk: { ...ZERO_COUNTERS }, reactivation_dormant: { ...ZERO_COUNTERS } };
  const context: RunContext = { rateLimited: false };
  const run = await startRun('reactivation_at_risk', today, new Date(now).toISOString());
  await startRun('reactivation_dormant', today, new Date(now).toISOString());
  const finished = await walkMembers(run, lapsePartitions(days), options, async (member) => {
    if (!member.lapseDate || !member.lapseStage || !days.includes(member.lapseDate)) return;
    const stage = member.lapseStage;
    const spell = member.lastVisitAt ? shanghaiDate(Date.parse(member.lastVisitAt)) : 'never';
    const campaign = stage === 'at_risk' ? atRisk : dormant;
    const memberChange =
      stage === 'at_risk' && member.lastVisitAt
        ? { expectLapseDate: member.lapseDate, set: { segment: 'at_risk', ...nextLapse(spell, 'dormant') } }
        : { expectLapseDate: member.lapseDate, set: { segment: 'dormant' }, remove: NO_LAPSE };
    const counted = await deliver(member.memberId, { campaign, period: spell, message: reactivationMessage(stage), segmentBased: true, memberChange }, now, context, member);
    add(totals[campaign.campaignId as 'reactivation_at_risk' | 'reactivation_dormant'], counted);
    await countRun(campaign.campaignId, today, counted);
  });
  if (!finished) return totals;
  const finishedAt = new Date().toISOString();
  await finishRun('reactivation_at_risk', today, finishedAt);
  await finishRun('reactivation_dormant', today, finishedAt);
  await setCampaign('reactivation_at_risk', { lastRunDate: today });
  await setCampaign('reactivation_dormant', { lastRunDate: today });
  return totals;
}

const WINDOW_MS = 15 * 60_000;

/**
 * Booking reminders, every 15 minutes: bookings whose reminder time has come (the last two hours of
 * windows, so a late run catches up) and whose member accepted the reminder when booking. The
 * booking is marked reminded (conditioned on still being booked and not yet reminded) before the
 * send: once. Service messages are not marketing: no frequency cap, no marketing opt-out.
 */
export async function runReminderJob(options: JobOptions = {}): Promise<JobSummary> {
  const now = options.now ?? Date.now();
  const date = shanghaiDate(now);
  const campaign = await requireCampaign('booking_reminder');
  if (!campaign?.enabled) return {};
  await startRun('booking_reminder', date, new Date(now).toISOString());
  const total = { ...ZERO_COUNTERS };
  const names = await storeNames();
  const partitions = Array.from({ length: 8 }, (_, i) => reminderPartitions(now - i * WINDOW_MS)).flat();
  // Once WeChat says the quota is used up, leave the rest unclaimed for the next run.
  let rateLimited = false;
  for (const partition of partitions) {
    let cursor: string | null = null;
    do {
      const page = await bookingRefsPage(partition, cursor);
      for (const { memberId, bookingId } of page.items) {
        const booking = await getBooking(memberId, bookingId);
        if (!booking || booking.status !== 'booked' || !booking.reminderAccepted || booking.reminderSentAt) continue;
        if (Date.parse(booking.remindAt) > now || Date.parse(booking.startAt) <= now || rateLimited) continue;
        const reminded = { ...booking, reminderSentAt: new Date(now).toISOString(), version: booking.version + 1 };
        if (!(await runTransaction([bookingReplaceItem(reminded, booking.version)])).ok) continue;
        const member = await getMember(booking.memberId);
        const start = new Date(Date.parse(booking.startAt) + 8 * 3600_000).toISOString();
        const sent = await sendSubscribeMessage({
          touser: member?.openid ?? '',
          templateId: config.messageTemplates.bookingReminder,
          page: 'pages/card/index',
          data: bookingReminderData({
            serviceName: booking.serviceName,
            storeName: names.get(booking.storeId) ?? booking.storeId,
            startText: `${start.slice(0, 10)} ${start.slice(11, 16)}`,
          }),
        });
        if (sent.status === 'rate_limited') rateLimited = true;
        const counted: Partial<RunCounters> =
          sent.status === 'sent' ? { matched: 1, messagesSent: 1 } : sent.status === 'refused' ? { matched: 1, skippedNoCredit: 1 } : { matched: 1, failed: 1 };
        add(total, counted);
        await countRun('booking_reminder', date, counted);
      }
      cursor = page.next;
    } while (cursor);
  }
  // The day's record is shared by every 15-minute run: it shows the last one's finish.
  await finishRun('booking_reminder', date, new Date().toISOString());
  return { booking_reminder: total };
}
