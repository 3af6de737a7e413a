import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { keys } from './keys';
import { getItem, indexItems, partitionItems } from './query';
import type { CouponTemplateRecord, IssueRuleRecord, MemberCouponRecord } from './records';
import { deleteItemTx, putItemTx, updateItemTx, type LabeledItem } from './transactions';

// ---- templates -------------------------------------------------------------------------------

export const getTemplate = (templateId: string) => getItem<CouponTemplateRecord>(keys.couponTemplate(templateId));

/** Every template, newest first (the index is eventually consistent: fine for lists, never for stock). */
export async function listTemplates(): Promise<CouponTemplateRecord[]> {
  return indexItems<CouponTemplateRecord>(keys.templatesIndex.name, keys.templatesIndex.pk, true);
}

export function templatePutItem(template: CouponTemplateRecord): LabeledItem {
  const listed = keys.indexEntry(keys.templatesIndex.name, keys.templatesIndex.pk, keys.templatesIndex.sort(template.createdAt, template.templateId));
  return putItemTx('template', { ...keys.couponTemplate(template.templateId), ...listed, ...template }, 'new');
}

/**
 * Pause, resume or end, for a transaction with its audit entry: fails when the template is missing
 * or has ended (ended is final: an ended template never issues again).
 */
export function templateStatusItem(templateId: string, status: CouponTemplateRecord['status']): LabeledItem {
  return updateItemTx('template', {
    Key: keys.couponTemplate(templateId),
    UpdateExpression: 'SET #status = :status',
    ConditionExpression: 'attribute_exists(pk) AND #status <> :ended',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':status': status, ':ended': 'ended' },
  });
}

/**
 * The one update a transaction makes to a template: issuing takes stock (never below zero) and only
 * from an active template; redeeming and restoring only count. One item per template per transaction.
 */
export function templateCountersItem(template: Pick<CouponTemplateRecord, 'templateId' | 'stock'>, change: { issued: number; redeemed: number }): LabeledItem {
  const names: Record<string, string> = { '#issued': 'issuedCount', '#redeemed': 'redeemedCount' };
  const values: Record<string, unknown> = { ':issued': change.issued, ':redeemed': change.redeemed };
  const sets = ['#issued = if_not_exists(#issued, :zero) + :issued', '#redeemed = if_not_exists(#redeemed, :zero) + :redeemed'];
  values[':zero'] = 0;
  const conditions = ['attribute_exists(pk)'];
  if (change.issued > 0) {
    names['#status'] = 'status';
    values[':active'] = 'active';
    conditions.push('#status = :active');
    if (template.stock !== null) {
      sets.push('remaining = remaining - :issued');
      conditions.push('remaining >= :issued');
    }
  } else if (change.issued < 0 && template.stock !== null) {
    // A withdrawn coupon goes back to the stock it came from.
    sets.push('remaining = remaining - :issued');
  }
  return updateItemTx(`template:${template.templateId}`, {
    Key: keys.couponTemplate(template.templateId),
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  });
}

// ---- the per-member limit ----------------------------------------------------------------------

export async function heldCounts(memberId: string): Promise<Map<string, number>> {
  const counts = await partitionItems<{ templateId: string; count: number }>(keys.memberPartition(memberId), keys.memberTemplateCountPrefix);
  return new Map(counts.map((c) => [String(c.templateId), Number(c.count)]));
}

export async function heldCount(memberId: string, templateId: string): Promise<number> {
  return Number((await getItem<{ count: number }>(keys.memberTemplateCount(memberId, templateId)))?.count ?? 0);
}

/** Counts `n` more coupons of the template for the member, only while that stays within the limit. */
export function heldCountItem(memberId: string, templateId: string, n: number, limit: number): LabeledItem {
  return updateItemTx(`limit:${templateId}`, {
    Key: keys.memberTemplateCount(memberId, templateId),
    UpdateExpression: 'SET #count = if_not_exists(#count, :zero) + :n, templateId = :templateId',
    ConditionExpression: 'attribute_not_exists(#count) OR #count <= :max',
    ExpressionAttributeNames: { '#count': 'count' },
    ExpressionAttributeValues: { ':zero': 0, ':n': n, ':max': limit - n, ':templateId': templateId },
  });
}

// ---- issued coupons ----------------------------------------------------------------------------

export function couponPutItem(coupon: MemberCouponRecord): LabeledItem {
  return putItemTx(`coupon:${coupon.couponId}`, { ...keys.memberCoupon(coupon.memberId, coupon.couponId), ...coupon }, 'new');
}

/** All of a member's coupons, strongly consistent (a claim shows up on the very next read). */
export async function listMemberCoupons(memberId: string): Promise<MemberCouponRecord[]> {
  return partitionItems<MemberCouponRecord>(keys.memberPartition(memberId), keys.couponPrefix);
}

/** The member's coupons with these ids (strongly consistent); ids that are not the member's are absent. */
export async function getMemberCoupons(memberId: string, couponIds: string[]): Promise<MemberCouponRecord[]> {
  if (couponIds.length === 0) return [];
  let wanted: Array<Record<string, unknown>> = couponIds.map((id) => keys.memberCoupon(memberId, id) as unknown as Record<string, unknown>);
  const found: MemberCouponRecord[] = [];
  // BatchGet may leave keys unprocessed under load: ask again for those (bounded: the bill has ≤ 5).
  for (let attempt = 0; wanted.length > 0 && attempt < 5; attempt++) {
    const { Responses, UnprocessedKeys } = await db().send(new BatchGetCommand({ RequestItems: { [table()]: { Keys: wanted, ConsistentRead: true } } }));
    found.push(...((Responses?.[table()] ?? []) as MemberCouponRecord[]));
    wanted = (UnprocessedKeys?.[table()]?.Keys ?? []) as Array<Record<string, unknown>>;
  }
  return found;
}

/** A coupon is redeemed at most once: the state change is conditioned on it still being available. */
export function couponRedeemItem(coupon: Pick<MemberCouponRecord, 'memberId' | 'couponId'>, use: { checkoutId: string; storeId: string; at: string }): LabeledItem {
  return updateItemTx(`coupon:${coupon.couponId}`, {
    Key: keys.memberCoupon(coupon.memberId, coupon.couponId),
    UpdateExpression: 'SET #status = :used, usedAt = :at, usedStoreId = :store, usedCheckoutId = :checkout',
    ConditionExpression: '#status = :available',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':used': 'used', ':available': 'available', ':at': use.at, ':store': use.storeId, ':checkout': use.checkoutId },
  });
}

/** A refund gives the coupon back, only if it is still the use by that bill. */
export function couponRestoreItem(memberId: string, couponId: string, checkoutId: string): LabeledItem {
  return updateItemTx(`coupon:${couponId}`, {
    Key: keys.memberCoupon(memberId, couponId),
    UpdateExpression: 'SET #status = :available, usedAt = :null, usedStoreId = :null, usedCheckoutId = :null',
    ConditionExpression: '#status = :used AND usedCheckoutId = :checkout',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':available': 'available', ':used': 'used', ':null': null, ':checkout': checkoutId },
  });
}

/**
 * A refund takes back an unused coupon the bill earned: deleted, only while still available (a
 * coupon used meanwhile makes the refund plan again and refuse).
 */
export function couponWithdrawItem(memberId: string, couponId: string): LabeledItem {
  return deleteItemTx(`withdraw:${couponId}`, {
    Key: keys.memberCoupon(memberId, couponId),
    ConditionExpression: '#status = :available',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':available': 'available' },
  });
}

/** A rule issues a template to a member once per period: this marker is the claim. */
export function ruleIssueItem(memberId: string, rule: string, period: string, templateId: string, couponId: string, at: string): LabeledItem {
  return putItemTx(`rule:${rule}:${templateId}`, { ...keys.ruleIssue(memberId, rule, period, templateId), couponId, at }, 'new');
}

// ---- issuing rules -----------------------------------------------------------------------------

export async function listIssueRules(): Promise<IssueRuleRecord[]> {
  return partitionItems<IssueRuleRecord>(keys.issueRulesPartition);
}

export function issueRulePutItem(rule: IssueRuleRecord): LabeledItem {
  return putItemTx('rule', { ...keys.issueRule(rule.ruleId), ...rule }, 'new');
}

/** Stops or restarts a rule, for a transaction with its audit entry: fails when there is no such rule. */
export function issueRuleActiveItem(ruleId: string, active: boolean): LabeledItem {
  return updateItemTx('rule', {
    Key: keys.issueRule(ruleId),
    UpdateExpression: 'SET active = :active',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':active': active },
  });
}

export const getIssueRule = (ruleId: string) => getItem<IssueRuleRecord>(keys.issueRule(ruleId));
