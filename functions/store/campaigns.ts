import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { updateParts } from './expressions';
import { withMemberIndexes } from './job-indexes';
import { keys } from './keys';
import { conditionFailed, getItem, partitionItems, putItem, updateItem } from './query';
import { putItemTx, updateItemTx, type LabeledItem } from './transactions';

export type CampaignId = 'birthday' | 'reactivation_at_risk' | 'reactivation_dormant' | 'booking_reminder';

export interface CampaignRecord {
  campaignId: CampaignId;
  name: string;
  enabled: boolean;
  /** The coupon it issues (null: message only). Booking reminders issue none. */
  couponTemplateId: string | null;
  /** The last day the daily job finished (reactivation catches up from here). */
  lastRunDate?: string;
}

export interface RunCounters {
  matched: number;
  couponsIssued: number;
  messagesSent: number;
  skippedNoCredit: number;
  skippedOptedOut: number;
  skippedCapped: number;
  skippedDone: number;
  failed: number;
}

export interface RunRecord extends RunCounters {
  campaignId: CampaignId;
  runKey: string;
  status: 'running' | 'done';
  /** Where each index partition was left: resumes after a crash or timeout. */
  cursors: Record<string, string | null>;
  startedAt: string;
  finishedAt?: string;
}

export const ZERO_COUNTERS: RunCounters = {
  matched: 0,
  couponsIssued: 0,
  messagesSent: 0,
  skippedNoCredit: 0,
  skippedOptedOut: 0,
  skippedCapped: 0,
  skippedDone: 0,
  failed: 0,
};

export async function listCampaigns(): Promise<CampaignRecord[]> {
  return partitionItems<CampaignRecord>(keys.campaignsPartition);
}

export const getCampaign = (campaignId: CampaignId) => getItem<CampaignRecord>(keys.campaign(campaignId));

export const putCampaign = (campaign: CampaignRecord) => putItem(keys.campaign(campaign.campaignId), campaign);

export async function setCampaign(campaignId: CampaignId, fields: Partial<Pick<CampaignRecord, 'enabled' | 'couponTemplateId' | 'lastRunDate'>>): Promise<void> {
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return;
  await updateItem({ Key: keys.campaign(campaignId), ConditionExpression: 'attribute_exists(pk)', ...updateParts({ set }) });
}

/** The settings change for a transaction with its audit entry (null: nothing to change); fails when the campaign is missing. */
export function campaignUpdateItem(campaignId: CampaignId, fields: Partial<Pick<CampaignRecord, 'enabled' | 'couponTemplateId'>>): LabeledItem | null {
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return null;
  return updateItemTx('campaign', { Key: keys.campaign(campaignId), ConditionExpression: 'attribute_exists(pk)', ...updateParts({ set }) });
}

// ---- runs --------------------------------------------------------------------------------------

const getRun = (campaignId: CampaignId, runKey: string) => getItem<RunRecord>(keys.campaignRun(campaignId, runKey));

/** Starts the day's run record, or continues it (after a crash) or starts a new pass over it (after it finished). */
export async function startRun(campaignId: CampaignId, runKey: string, at: string): Promise<RunRecord> {
  const fresh: RunRecord = { campaignId, runKey, status: 'running', cursors: {}, startedAt: at, ...ZERO_COUNTERS };
  try {
    await db().send(new PutCommand({ TableName: table(), Item: { ...keys.campaignRun(campaignId, runKey), ...fresh }, ConditionExpression: 'attribute_not_exists(pk)' }));
    return fresh;
  } catch (error) {
    if (!conditionFailed(error)) throw error;
  }
  const existing = (await getRun(campaignId, runKey))!;
  if (existing.status === 'running') return existing; // a crashed or concurrent run: carry on from its cursors
  // A finished day run again walks from the start: every member it meets is already marked, so
  // nothing is issued or sent twice, and members who qualified since (a birthday set today) are reached.
  await updateItem({
    Key: keys.campaignRun(campaignId, runKey),
    UpdateExpression: 'SET #status = :running, cursors = :empty',
    ConditionExpression: '#status = :done',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':running': 'running', ':done': 'done', ':empty': {} },
  }).catch((error: unknown) => {
    if (!conditionFailed(error)) throw error;
  });
  return { ...existing, status: 'running', cursors: {} };
}

/** Counts atomically (concurrent runs of the same day add up, never overwrite each other). */
export async function countRun(campaignId: CampaignId, runKey: string, counters: Partial<RunCounters>): Promise<void> {
  const add = Object.fromEntries(Object.entries(counters).filter(([, n]) => n)) as Record<string, number>;
  if (Object.keys(add).length === 0) return;
  await updateItem({ Key: keys.campaignRun(campaignId, runKey), ...updateParts({ add }) });
}

export async function saveCursor(campaignId: CampaignId, runKey: string, partition: string, cursor: string | null): Promise<void> {
  await updateItem({
    Key: keys.campaignRun(campaignId, runKey),
    UpdateExpression: 'SET cursors.#p = :cursor',
    ExpressionAttributeNames: { '#p': partition },
    ExpressionAttributeValues: { ':cursor': cursor },
  });
}

export async function finishRun(campaignId: CampaignId, runKey: string, at: string): Promise<void> {
  await updateItem({
    Key: keys.campaignRun(campaignId, runKey),
    UpdateExpression: 'SET #status = :done, finishedAt = :at',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':done': 'done', ':at': at },
  });
}

export async function recentRuns(campaignId: CampaignId, limit = 7): Promise<RunRecord[]> {
  const { Items } = await db().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.campaignRun(campaignId, '').pk },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (Items ?? []) as RunRecord[];
}

// ---- the push marker and the member's side of a campaign ---------------------------------------

export interface PushMarker {
  campaignId: CampaignId;
  period: string;
  state: 'claimed' | 'coupon_only' | 'sent' | 'refused' | 'failed';
  couponId: string | null;
  reason: string | null;
  at: string;
}

/** The claim that a campaign reached this member for this period: once, whatever re-runs. */
export function pushMarkerItem(memberId: string, marker: PushMarker): LabeledItem {
  return putItemTx('push', { ...keys.push(memberId, marker.campaignId, marker.period), ...marker }, 'new');
}

export async function settlePushMarker(memberId: string, campaignId: CampaignId, period: string, state: PushMarker['state'], reason: string | null): Promise<void> {
  await updateItem({
    Key: keys.push(memberId, campaignId, period),
    UpdateExpression: 'SET #state = :state, reason = :reason',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':state': state, ':reason': reason },
  });
}

/**
 * The member's side of a campaign, in one update (one item per transaction): use one subscribe
 * credit and the chain-wide marketing slot (conditioned: a credit left, no marketing push in the
 * last 7 days, not opted out), move the lapse stage (conditioned on it being unchanged), set fields.
 */
export function memberCampaignItem(
  memberId: string,
  change: {
    useCredit?: { templateId: string; capSince: string | null; at: string };
    expectLapseDate?: string;
    set?: Record<string, unknown>;
    remove?: string[];
  },
): LabeledItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const clauses: string[] = [];
  const conditions = ['attribute_exists(pk)'];
  if (change.useCredit) {
    names['#credit'] = creditAttribute(change.useCredit.templateId);
    values[':one'] = 1;
    values[':at'] = change.useCredit.at;
    values[':true'] = true;
    clauses.push('#credit = #credit - :one', 'lastMarketingPushAt = :at');
    conditions.push('#credit >= :one', '(attribute_not_exists(marketingOptOut) OR marketingOptOut <> :true)');
    if (change.useCredit.capSince) {
      values[':capSince'] = change.useCredit.capSince;
      conditions.push('(attribute_not_exists(lastMarketingPushAt) OR lastMarketingPushAt <= :capSince)');
    }
  }
  if (change.expectLapseDate) {
    values[':lapseDate'] = change.expectLapseDate;
    conditions.push('lapseDate = :lapseDate');
  }
  const parts = updateParts({ ...withMemberIndexes(memberId, change.set ?? {}, change.remove), clauses }, names, values);
  return updateItemTx('member', {
    Key: keys.member(memberId),
    ...parts,
    UpdateExpression: parts.UpdateExpression || 'SET memberId = memberId',
    ConditionExpression: conditions.join(' AND '),
  });
}

/** Subscribe credits are top-level counters per WeChat template id, so one ADD changes them atomically. */
const creditAttribute = (templateId: string) => `credit_${templateId}`;

export function creditsOf(member: object): Record<string, number> {
  return Object.fromEntries(
    Object.entries(member)
      .filter(([name]) => name.startsWith('credit_'))
      .map(([name, n]) => [name.slice('credit_'.length), Number(n)]),
  );
}

/** WeChat said 43101 (not subscribed, or refused): no credit is left for this template. */
export async function zeroCredit(memberId: string, templateId: string): Promise<void> {
  await updateItem({ Key: keys.member(memberId), ConditionExpression: 'attribute_exists(pk)', ...updateParts({ set: { [creditAttribute(templateId)]: 0 } }) });
}

/** Adds one-time acceptances: each allows one send of that template. */
export async function addCredits(memberId: string, templateIds: string[]): Promise<Record<string, number>> {
  if (templateIds.length === 0) return {};
  const attributes = await updateItem({
    Key: keys.member(memberId),
    ConditionExpression: 'attribute_exists(pk)',
    ...updateParts({ add: Object.fromEntries(templateIds.map((id) => [creditAttribute(id), 1])) }),
    ReturnValues: 'ALL_NEW',
  });
  return creditsOf(attributes ?? {});
}
