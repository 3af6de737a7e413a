import { keys } from './keys';
import { batchGetItems, getItem, indexItems, partitionItems, queryPage } from './query';
import type { CouponTemplateRecord, IssueRuleRecord, MemberCouponRecord } from './records';
import { deleteItemTx, putItemTx, updateItemTx, type LabeledItem } from './transactions';

// ---- templates -------------------------------------------------------------------------------

/** A template, with a sharded template's live stock summed from its shards (strongly consistent). */
export async function getTemplate(templateId: string): Promise<CouponTemplateRecord | undefined> {
  const template = await getItem<CouponTemplateRecord>(keys.couponTemplate(templateId));
  return template && stockShardsOf(template) > 0 ? (await withLiveStock([template], true))[0] : template;
}

/** These templates, as `getTemplate` reads each (consistent, sharded stock summed): one BatchGet, one more if any is sharded. */
export async function getTemplates(templateIds: string[]): Promise<Map<string, CouponTemplateRecord | undefined>> {
  const found = new Map<string, CouponTemplateRecord | undefined>(templateIds.map((id) => [id, undefined]));
  if (templateIds.length === 0) return found;
  const read = (await batchGetItems(
    templateIds.map((id) => keys.couponTemplate(id)),
    true,
  )) as unknown as CouponTemplateRecord[];
  for (const template of await withLiveStock(read, true)) found.set(template.templateId, template);
  return found;
}

/** Every template, newest first (the index is eventually consistent: fine for lists, never for stock). */
export async function listTemplates(): Promise<CouponTemplateRecord[]> {
  return withLiveStock(await indexItems<CouponTemplateRecord>(keys.templatesIndex.name, keys.templatesIndex.pk, true), false);
}

// ---- scale: sharded stock and redeemed counters (SCALE.md) ------------------------------------

/** Above this stock a template's stock is sharded by itself (1 shard per 1,000, at most MAX_STOCK_SHARDS). */
export const AUTO_SHARD_STOCK = 10_000;
/** Shards + the template + its audit entry fit one transaction (pausing sets status on each). */
export const MAX_STOCK_SHARDS = 96;
/** Redemptions of a template are counted on one of these, picked at random. */
export const REDEEMED_SHARDS = 16;

/** A template whose stock is split over shards (`stockShards` on the item); `openShards`: those with stock at the last read. */
export type StockSharded = CouponTemplateRecord & { stockShards?: number; openShards?: number[] };
export const stockShardsOf = (template: Pick<CouponTemplateRecord, 'stock'>): number =>
  template.stock === null ? 0 : Number((template as Partial<StockSharded>).stockShards ?? 0);

/** How many shards a new template gets: asked for, or automatic for a large stock, or none. */
export function stockShardsFor(stock: number | null, asked: number | null | undefined): number {
  if (stock === null) return 0;
  const n = asked ?? (stock > AUTO_SHARD_STOCK ? Math.ceil(stock / 1_000) : 0);
  return Math.max(0, Math.min(n, MAX_STOCK_SHARDS, stock));
}

/** The shards of a new sharded template, the stock split as evenly as it goes (written with the template). */
export function stockShardPutItems(template: CouponTemplateRecord): LabeledItem[] {
  const n = stockShardsOf(template);
  const stock = template.stock ?? 0;
  return Array.from({ length: n }, (_, shard) =>
    putItemTx(
      `stock:${template.templateId}:${shard}`,
      {
        ...keys.templateStockShard(template.templateId, shard),
        templateId: template.templateId,
        shard,
        status: template.status,
        remaining: Math.floor(stock / n) + (shard < stock % n ? 1 : 0),
        issuedCount: 0,
        redeemedCount: 0,
      },
      'new',
    ),
  );
}

/** Pausing, resuming or ending a sharded template: every shard's status too (its claims check it). */
export function stockShardStatusItems(template: CouponTemplateRecord, status: CouponTemplateRecord['status']): LabeledItem[] {
  return Array.from({ length: stockShardsOf(template) }, (_, shard) =>
    updateItemTx(`stock:${template.templateId}:${shard}`, {
      Key: keys.templateStockShard(template.templateId, shard),
      UpdateExpression: 'SET #status = :status',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status },
    }),
  );
}

/**
 * Sharded templates with their live figures, computed on read (one BatchGet of their shards):
 * `remaining` = Σ shards, `issuedCount` and `redeemedCount` = the template's own + Σ shards, and
 * `openShards` the shards with stock left. Unsharded templates come back as they are.
 */
export async function withLiveStock(templates: CouponTemplateRecord[], consistent: boolean): Promise<CouponTemplateRecord[]> {
  const sharded = templates.filter((t) => stockShardsOf(t) > 0);
  if (sharded.length === 0) return templates;
  const shards = await batchGetItems(
    sharded.flatMap((t) => Array.from({ length: stockShardsOf(t) }, (_, n) => keys.templateStockShard(t.templateId, n))),
    consistent,
  );
  return templates.map((t) => {
    if (stockShardsOf(t) === 0) return t;
    const own = shards.filter((s) => s.templateId === t.templateId);
    const sum = (field: string) => own.reduce((total, s) => total + Number(s[field] ?? 0), 0);
    const live: StockSharded = {
      ...t,
      remaining: sum('remaining'),
      issuedCount: (t.issuedCount ?? 0) + sum('issuedCount'),
      redeemedCount: (t.redeemedCount ?? 0) + sum('redeemedCount'),
      openShards: own.filter((s) => Number(s.remaining) >= 1).map((s) => Number(s.shard)),
    };
    return live;
  });
}

const redeemedCache = new Map<string, { at: number; count: number }>();

/**
 * Templates with their redemptions counted on the redeemed shards added to `redeemedCount` (one
 * BatchGet of REDEEMED_SHARDS keys per template). `maxAgeMs` > 0: a sum read that long ago in this
 * container will do (the member's list: a statistic there, not a guarantee); 0: read now.
 */
export async function withRedeemedCounts(templates: CouponTemplateRecord[], maxAgeMs = 0, now = Date.now()): Promise<CouponTemplateRecord[]> {
  const stale = templates.filter((t) => !(maxAgeMs > 0 && now - (redeemedCache.get(t.templateId)?.at ?? -Infinity) <= maxAgeMs));
  if (stale.length > 0) {
    const items = await batchGetItems(
      stale.flatMap((t) => Array.from({ length: REDEEMED_SHARDS }, (_, n) => keys.templateRedeemedShard(t.templateId, n))),
      true,
    );
    for (const t of stale) redeemedCache.set(t.templateId, { at: now, count: 0 });
    for (const item of items) redeemedCache.get(String(item.templateId))!.count += Number(item.redeemedCount ?? 0);
  }
  return templates.map((t) => ({ ...t, redeemedCount: (t.redeemedCount ?? 0) + (redeemedCache.get(t.templateId)?.count ?? 0) }));
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
  // Scale (SCALE.md): a redemption (or its restore) alone counts on a redeemed shard, never on the template item.
  if (change.issued === 0 && change.redeemed !== 0) return redeemedShardItem(template.templateId, change.redeemed);
  if (change.issued !== 0 && stockShardsOf(template) > 0) return stockShardItem(template as StockSharded, change);
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

/** One of the template's redeemed shards, at random: `ADD redeemedCount`. */
export function redeemedShardItem(templateId: string, n: number, random = Math.random): LabeledItem {
  return updateItemTx(`redeemed:${templateId}`, {
    Key: keys.templateRedeemedShard(templateId, Math.floor(random() * REDEEMED_SHARDS)),
    UpdateExpression: 'SET templateId = :templateId ADD redeemedCount :n',
    ExpressionAttributeValues: { ':templateId': templateId, ':n': n },
  });
}

/**
 * A sharded template's issue: one shard (a random one of `openShards`, those with stock at the read;
 * else any) gives the stock, only while it has it and is active — so the shards' sum never goes
 * below 0. A withdrawn coupon's unit goes back to a random shard. Labelled `stock:<templateId>:<shard>`.
 */
export function stockShardItem(template: StockSharded, change: { issued: number; redeemed: number }, random = Math.random): LabeledItem {
  const open = template.openShards?.length ? template.openShards : Array.from({ length: stockShardsOf(template) }, (_, n) => n);
  const shard = open[Math.floor(random() * open.length)] ?? 0;
  const taking = change.issued > 0;
  return updateItemTx(`stock:${template.templateId}:${shard}`, {
    Key: keys.templateStockShard(template.templateId, shard),
    UpdateExpression: 'SET remaining = remaining - :issued ADD issuedCount :issued, redeemedCount :redeemed',
    ConditionExpression: taking ? 'remaining >= :issued AND #status = :active' : 'attribute_exists(pk)',
    ...(taking ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
    ExpressionAttributeValues: { ':issued': change.issued, ':redeemed': change.redeemed, ...(taking ? { ':active': 'active' } : {}) },
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

/** The member's held counts of these templates, in one consistent BatchGet (0 where none is held). */
export async function heldCountsOf(memberId: string, templateIds: string[]): Promise<Map<string, number>> {
  const counts = new Map(templateIds.map((id) => [id, 0]));
  if (templateIds.length === 0) return counts;
  const found = await batchGetItems(
    templateIds.map((id) => keys.memberTemplateCount(memberId, id)),
    true,
  );
  for (const item of found) counts.set(String(item.sk).slice(keys.memberTemplateCountPrefix.length), Number(item.count ?? 0));
  return counts;
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
  return batchGetItems<MemberCouponRecord>(couponIds.map((id) => keys.memberCoupon(memberId, id)));
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

// ---- cross-store coupons issued after a checkout (SCALE.md) ------------------------------------

/**
 * What a committed checkout still owes: the cross-store rules past the ones its own transaction
 * issued. Written in the checkout's transaction (the outbox), so a crash between the commit and the
 * follow-up loses nothing. It lives beside its claims in the member's partition —
 * `RULEISSUE#xs#<checkoutId>#` (the claims: `…#<templateId>`) — so one query reads both, and in
 * the sparse gsi1 partition `XSPENDING#<shard>` (sorted by time) for the sweeper.
 */
export interface CrossStorePendingRecord {
  memberId: string;
  storeId: string;
  checkoutId: string;
  /** The bill's time (ms): the coupons' validity starts from it, as if issued with the bill. */
  at: number;
  rules: Array<{ ruleId: string; templateId: string; toStoreIds: string[] | null }>;
  /** Bumped by each follow-up transaction: a refund cancelling the rest conditions on it. */
  issued: number;
}

/** A deferred coupon's claim: once per bill and template (a bill earns one coupon per template). */
export interface CrossStoreClaimRecord {
  templateId: string;
  couponId: string;
  at: string;
}

const CROSS_STORE = 'xs';
const pendingKey = (memberId: string, checkoutId: string) => keys.ruleIssue(memberId, CROSS_STORE, checkoutId, '');
const pendingIndex = keys.crossStorePendingIndex;

export function crossStorePendingPutItem(pending: CrossStorePendingRecord): LabeledItem {
  const listed = keys.indexEntry(
    pendingIndex.name,
    pendingIndex.pk(keys.shardOf(pending.checkoutId)),
    pendingIndex.sort(new Date(pending.at).toISOString(), pending.checkoutId),
  );
  return putItemTx('xspending', { ...pendingKey(pending.memberId, pending.checkoutId), ...listed, kind: 'xs_pending', ...pending }, 'new');
}

/**
 * The pending record in a follow-up's transaction: only while it exists (a refund may have
 * cancelled it); the last transaction deletes it, the others bump `issued`.
 */
export function crossStorePendingStepItem(memberId: string, checkoutId: string, last: boolean): LabeledItem {
  if (last) return deleteItemTx('xspending', { Key: pendingKey(memberId, checkoutId), ConditionExpression: 'attribute_exists(pk)' });
  return updateItemTx('xspending', {
    Key: pendingKey(memberId, checkoutId),
    UpdateExpression: 'ADD issued :one',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':one': 1 },
  });
}

/** A refund cancels what is still pending, only if no follow-up wrote since it read (else it plans again). */
export function crossStorePendingCancelItem(pending: CrossStorePendingRecord): LabeledItem {
  return deleteItemTx('xspending', {
    Key: pendingKey(pending.memberId, pending.checkoutId),
    ConditionExpression: 'issued = :seen',
    ExpressionAttributeValues: { ':seen': pending.issued },
  });
}

export function crossStoreClaimItem(memberId: string, checkoutId: string, claim: CrossStoreClaimRecord): LabeledItem {
  return putItemTx(`xsclaim:${claim.templateId}`, { ...keys.ruleIssue(memberId, CROSS_STORE, checkoutId, claim.templateId), ...claim }, 'new');
}

/** One strongly consistent query: what the bill still owes (if anything) and the deferred coupons it was given. */
export async function crossStoreDeferredState(memberId: string, checkoutId: string): Promise<{ pending?: CrossStorePendingRecord; claims: CrossStoreClaimRecord[] }> {
  const prefix = pendingKey(memberId, checkoutId).sk;
  const items = await partitionItems<Record<string, unknown>>(keys.memberPartition(memberId), prefix);
  const pendingItem = items.find((i) => i.sk === prefix);
  const pending = pendingItem
    ? {
        memberId: String(pendingItem.memberId),
        storeId: String(pendingItem.storeId),
        checkoutId: String(pendingItem.checkoutId),
        at: Number(pendingItem.at),
        rules: pendingItem.rules as CrossStorePendingRecord['rules'],
        issued: Number(pendingItem.issued ?? 0),
      }
    : undefined;
  const claims = items.filter((i) => i.sk !== prefix).map((i) => ({ templateId: String(i.templateId), couponId: String(i.couponId), at: String(i.at) }));
  return { ...(pending ? { pending } : {}), claims };
}

/** Pending follow-ups written before `before` (ms), oldest first, across the index shards (eventually consistent). */
export async function pendingCrossStore(before: number): Promise<Array<{ memberId: string; checkoutId: string }>> {
  const cutoff = new Date(before).toISOString();
  const shards = await Promise.all(
    Array.from({ length: keys.jobShards }, async (_, shard) => {
      const page = await queryPage<Record<string, unknown>>(
        {
          IndexName: pendingIndex.name,
          KeyConditionExpression: `${pendingIndex.name}pk = :pk AND ${pendingIndex.name}sk < :cutoff`,
          ExpressionAttributeValues: { ':pk': pendingIndex.pk(shard), ':cutoff': cutoff },
        },
        { limit: 100, keyOf: (i) => ({ pk: i.pk, sk: i.sk, gsi1pk: i.gsi1pk, gsi1sk: i.gsi1sk }) },
      );
      return page.items.map((i) => ({ memberId: String(i.memberId), checkoutId: String(i.checkoutId) }));
    }),
  );
  return shards.flat();
}
