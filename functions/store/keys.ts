/**
 * Every key pattern of the one table, in one place. Items that exist only to make something unique
 * (an openid, a member number, a receipt at a store, an idempotency key, a reversal) are written
 * with `attribute_not_exists(pk)` inside the same transaction as the change they guard.
 */
export interface Key {
  pk: string;
  sk: string;
}

/** The table's three global indexes; each keys on `<name>pk` and `<name>sk`. */
export type IndexName = 'gsi1' | 'gsi2' | 'gsi3';

/** A stable shard of `id` among `shards` (the same id always lands on the same shard). */
const hashShard = (id: string, shards: number) => [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % shards;

export const keys = {
  member: (memberId: string): Key => ({ pk: `MEMBER#${memberId}`, sk: 'PROFILE' }),
  memberPartition: (memberId: string) => `MEMBER#${memberId}`,
  /** The member id of any item in a member's partition (profile, booking, …). */
  memberIdOf: (pk: string) => pk.slice('MEMBER#'.length),
  /** Ledger entries sort by time inside the member's partition; newest-first is a reverse query. */
  ledgerEntry: (memberId: string, atUtc: string, entryId: string): Key => ({
    pk: `MEMBER#${memberId}`,
    sk: `LEDGER#${atUtc}#${entryId}`,
  }),
  ledgerPrefix: 'LEDGER#',
  /** A purchase (and later a checked-in booking) in the member's history. */
  memberVisit: (memberId: string, atUtc: string, ref: string): Key => ({
    pk: `MEMBER#${memberId}`,
    sk: `VISIT#${atUtc}#${ref}`,
  }),
  /**
   * Who read or changed the member's record, in the member's partition: their 访问记录 is a
   * strongly consistent newest-first query of it, as the ledger is (README § Audit trail).
   */
  audit: (memberId: string, atUtc: string, auditId: string): Key => ({
    pk: `MEMBER#${memberId}`,
    sk: `AUDIT#${atUtc}#${auditId}`,
  }),
  auditPrefix: 'AUDIT#',

  wechatIdentity: (openid: string): Key => ({ pk: `WECHAT#${openid}`, sk: 'IDENTITY' }),
  /** WeChat's stable access token, shared by every function and container (one item, read consistently). */
  wechatAccessToken: (): Key => ({ pk: 'WECHAT', sk: 'ACCESS_TOKEN' }),
  memberNo: (memberNo: string): Key => ({ pk: `MEMBERNO#${memberNo}`, sk: 'MEMBERNO' }),
  /** The phone claim, by the phone's keyed hash (functions/lib/field-crypto phoneIndexOf): never the clear number. */
  phone: (phoneIndex: string): Key => ({ pk: `PHONE#${phoneIndex}`, sk: 'PHONE' }),
  memberNoCounter: (): Key => ({ pk: 'COUNTER', sk: 'MEMBERNO' }),
  /**
   * How often one subject did one limited thing in one window (a staff member's phone lookups in a
   * UTC hour): one small item per window, counted with a conditional ADD, gone by TTL afterwards.
   */
  rateCounter: (action: string, subject: string, window: string): Key => ({ pk: `RATE#${action}#${subject}#${window}`, sk: 'RATE' }),

  storesPartition: 'CHAIN',
  store: (storeId: string): Key => ({ pk: 'CHAIN', sk: `STORE#${storeId}` }),
  storePrefix: 'STORE#',

  /** Staff rights, looked up by the WeChat openid on every staff request. */
  staffByOpenid: (openid: string): Key => ({ pk: `STAFF#${openid}`, sk: 'STAFF' }),
  /** Finds a staff member's openid from their staff id (员工管理 addresses staff by id). Claimed once. */
  staffRef: (staffId: string): Key => ({ pk: `STAFFID#${staffId}`, sk: 'REF' }),
  /** A store's staff (HQ admins under `HQ`) through gsi1: 员工管理's list (eventually consistent: lists only). */
  storeStaffIndex: {
    name: 'gsi1' as IndexName,
    pk: (storeId: string | null) => `STAFFLIST#${storeId ?? 'HQ'}`,
    sort: (name: string, staffId: string) => `${name}#${staffId}`,
  },
  /**
   * A one-time invite, keyed by its code (the redeem looks it up by what was typed). Open invites
   * are listed through the sparse gsi1 partition of their store (`HQ` for HQ invites): using or
   * revoking one removes it from the index, so the list costs only the open ones.
   */
  invite: (code: string): Key => ({ pk: `INVITE#${code}`, sk: 'INVITE' }),
  openInvitesIndex: {
    name: 'gsi1' as IndexName,
    pk: (storeId: string | null) => `INVITES#${storeId ?? 'HQ'}`,
    sort: (createdAt: string, code: string) => `${createdAt}#${code}`,
  },
  /**
   * The audit log (README § Audit trail): one item per staff read or change, written in the change's
   * own transaction. An entry about a member is `audit` above, in the member's partition; the others
   * (staff management, coupon templates, rules, campaigns) sit in `auditLog`, a partition per store
   * (`HQ`: chain-level) and Shanghai day. Every entry is also in gsi1 (projects ALL):
   *   AUDITDAY#<date>, sorted <storeId|HQ>#<at>#<auditId>
   * so a store's day is one query on a sort-key prefix, and the chain's day (HQ) the whole partition,
   * store by store, newest first within each. Filters (staff, member, action) are FilterExpressions
   * on that day: a day is bounded. A large chain would shard the day like the job indexes.
   */
  auditLog: (storeId: string | null, date: string, atUtc: string, auditId: string): Key => ({
    pk: `AUDITLOG#${storeId ?? 'HQ'}#${date}`,
    sk: `AUDIT#${atUtc}#${auditId}`,
  }),
  auditLogPrefix: 'AUDITLOG#',
  auditDayIndex: {
    name: 'gsi1' as IndexName,
    pk: (date: string) => `AUDITDAY#${date}`,
    store: (storeId: string | null) => `${storeId ?? 'HQ'}#`,
    sort: (storeId: string | null, atUtc: string, auditId: string) => `${storeId ?? 'HQ'}#${atUtc}#${auditId}`,
  },

  /**
   * 重复会员: a case of one person with two members (a phone already bound to another WeChat
   * member), keyed by its id. Open cases are listed through the sparse gsi1 partition `DUPLICATES`
   * (deciding one removes it from the index, so HQ's list costs only the open ones).
   */
  duplicateCase: (caseId: string): Key => ({ pk: `DUPCASE#${caseId}`, sk: 'CASE' }),
  openDuplicatesIndex: {
    name: 'gsi1' as IndexName,
    pk: 'DUPLICATES',
    sort: (createdAt: string, caseId: string) => `${createdAt}#${caseId}`,
  },
  /**
   * Every case (open or decided) is also under each member it names, `DUPCASES#<memberId>` sorted
   * `<createdAt>#<caseId>`: the holder's entry in gsi2, the requester's in gsi3. The deletion finds
   * a member's cases with two queries of their own entries, whatever the size of HQ's list.
   */
  memberDuplicatesIndex: {
    holder: 'gsi2' as IndexName,
    requester: 'gsi3' as IndexName,
    pk: (memberId: string) => `DUPCASES#${memberId}`,
    sort: (createdAt: string, caseId: string) => `${createdAt}#${caseId}`,
  },

  /** A short-lived counter session opened by scanning a member code. */
  visit: (visitId: string): Key => ({ pk: `VISIT#${visitId}`, sk: 'VISIT' }),

  checkout: (checkoutId: string): Key => ({ pk: `CHECKOUT#${checkoutId}`, sk: 'CHECKOUT' }),
  checkoutReversal: (checkoutId: string): Key => ({ pk: `CHECKOUT#${checkoutId}`, sk: 'REVERSAL' }),
  /**
   * A store's bills of a business day through gsi1: the bill and its reversal share the partition
   * and sort together (…#CHECKOUT, …#REVERSAL), so one query lists both.
   */
  storeCheckoutsIndex: {
    name: 'gsi1' as IndexName,
    pk: (storeId: string, date: string) => `CHECKOUTS#${storeId}#${date}`,
    sort: (checkoutAt: string, checkoutId: string, part: 'CHECKOUT' | 'REVERSAL') => `${checkoutAt}#${checkoutId}#${part}`,
  },
  receipt: (storeId: string, receiptNo: string): Key => ({ pk: `RECEIPT#${storeId}#${receiptNo}`, sk: 'RECEIPT' }),

  /**
   * Coupon templates: one partition each (a popular template's stock counter is the hot item, kept
   * away from the stores). Listed through the sparse index gsi1 (`TEMPLATES`, newest first).
   */
  couponTemplate: (templateId: string): Key => ({ pk: `TEMPLATE#${templateId}`, sk: 'TEMPLATE' }),
  templatesIndex: { name: 'gsi1' as IndexName, pk: 'TEMPLATES', sort: (createdAt: string, templateId: string) => `${createdAt}#${templateId}` },
  /** A member's coupons live in the member's partition: strongly consistent lists, one query. */
  memberCoupon: (memberId: string, couponId: string): Key => ({ pk: `MEMBER#${memberId}`, sk: `COUPON#${couponId}` }),
  couponPrefix: 'COUPON#',
  /** How many coupons of a template the member has ever held: the per-member limit's counter. */
  memberTemplateCount: (memberId: string, templateId: string): Key => ({ pk: `MEMBER#${memberId}`, sk: `TEMPLATECOUNT#${templateId}` }),
  memberTemplateCountPrefix: 'TEMPLATECOUNT#',
  /** A rule issues to a member at most once per period (welcome: ever; birthday: per year; …). */
  ruleIssue: (memberId: string, rule: string, period: string, templateId: string): Key => ({
    pk: `MEMBER#${memberId}`,
    sk: `RULEISSUE#${rule}#${period}#${templateId}`,
  }),
  /** Issuing rules (welcome, cross-store) are few: one partition, read whole. */
  issueRule: (ruleId: string): Key => ({ pk: 'RULES', sk: `RULE#${ruleId}` }),
  issueRulesPartition: 'RULES',

  /** The chain's services: few, one partition, read whole. */
  service: (serviceId: string): Key => ({ pk: 'SERVICES', sk: `SERVICE#${serviceId}` }),
  servicesPartition: 'SERVICES',
  /**
   * A grid cell of a service at a store on a day: `booked` seats, conditioned below capacity. One
   * partition per store, service and day, so availability reads exactly that day's cells.
   */
  slotDay: (storeId: string, serviceId: string, date: string) => `SLOT#${storeId}#${serviceId}#${date}`,
  slotCell: (storeId: string, serviceId: string, date: string, time: string): Key => ({ pk: `SLOT#${storeId}#${serviceId}#${date}`, sk: `T#${time}` }),
  /** The 'HH:MM' of a grid cell's sort key. */
  slotTimeOf: (sk: string) => sk.slice('T#'.length),
  /** Bookings live in the member's partition (consistent reads for the overlap check). */
  booking: (memberId: string, bookingId: string): Key => ({ pk: `MEMBER#${memberId}`, sk: `BOOKING#${bookingId}` }),
  bookingPrefix: 'BOOKING#',
  bookingIdOf: (sk: string) => sk.slice('BOOKING#'.length),
  /** Finds a booking's member from its id alone (staff marking a no-show from the day list). */
  bookingRef: (bookingId: string): Key => ({ pk: `BOOKING#${bookingId}`, sk: 'REF' }),
  /** A store's bookings of a day, through gsi1 (eventually consistent: lists only). */
  storeDayIndex: {
    name: 'gsi1' as IndexName,
    pk: (storeId: string, date: string) => `STOREDAY#${storeId}#${date}`,
    sort: (startIso: string, bookingId: string) => `${startIso}#${bookingId}`,
  },

  /**
   * Sparse indexes the daily jobs read, so they cost what they match, not the member base. Keys are
   * spread over a few shards so one day's members never make a hot partition.
   *   gsi2 BDAY#<MM-DD>#<shard>: members with that birthday (only members who gave one).
   *   gsi2 REMIND#<YYYY-MM-DDTHH:mm>#<shard>: bookings to remind in that 15-minute window (only if accepted).
   *   gsi3 LAPSE#<YYYY-MM-DD>#<shard>: members who reach their next lapse stage (at risk, dormant) that day.
   */
  jobShards: 4,
  shardOf: (id: string) => hashShard(id, keys.jobShards),
  birthdayIndex: { name: 'gsi2' as IndexName, pk: (monthDay: string, shard: number) => `BDAY#${monthDay}#${shard}` },
  reminderIndex: { name: 'gsi2' as IndexName, pk: (window: string, shard: number) => `REMIND#${window}#${shard}` },
  lapseIndex: { name: 'gsi3' as IndexName, pk: (date: string, shard: number) => `LAPSE#${date}#${shard}` },
  /** Cross-store coupons a checkout still owes (SCALE.md), for the sweeper job: by the bill's time. */
  crossStorePendingIndex: {
    name: 'gsi1' as IndexName,
    pk: (shard: number) => `XSPENDING#${shard}`,
    sort: (atIso: string, checkoutId: string) => `${atIso}#${checkoutId}`,
  },
  /** Campaign settings (birthday, reactivation stages) and each day's run record. */
  campaign: (campaignId: string): Key => ({ pk: 'CAMPAIGNS', sk: `CAMPAIGN#${campaignId}` }),
  campaignsPartition: 'CAMPAIGNS',
  campaignRun: (campaignId: string, runKey: string): Key => ({ pk: `RUN#${campaignId}`, sk: runKey }),
  /** A push to a member for a campaign and period: claimed once, in the coupon's transaction. */
  push: (memberId: string, campaignId: string, period: string): Key => ({ pk: `MEMBER#${memberId}`, sk: `PUSH#${campaignId}#${period}` }),

  /** An item's entry in an index (the attributes that put it there), and those attributes' names. */
  indexEntry: (index: IndexName, pk: string, sk: string): Record<string, string> => ({ [`${index}pk`]: pk, [`${index}sk`]: sk }),
  indexAttributes: (index: IndexName): string[] => [`${index}pk`, `${index}sk`],

  idempotency: (scope: string, key: string): Key => ({ pk: `IDEMPOTENCY#${scope}#${key}`, sk: 'IDEMPOTENCY' }),

  /** Demo accounts listed by GET /v1/dev/accounts on the local stage only. */
  demoPartition: 'DEMO',
  demoAccount: (order: number, openid: string): Key => ({ pk: 'DEMO', sk: `ACCOUNT#${String(order).padStart(3, '0')}#${openid}` }),

  /**
   * Ratings and follow-ups (README § Ratings and follow-ups).
   * A rating is claimed once per visit in the member's partition (`attribute_not_exists`); the
   * rating transaction also marks the visit item itself (`memberVisit`, `ratedAt`), so 待评价 is one
   * query of the member's last 72 hours of visits.
   */
  rating: (memberId: string, ref: string): Key => ({ pk: `MEMBER#${memberId}`, sk: `RATING#${ref}` }),
  ratingPrefix: 'RATING#',
  visitPrefix: 'VISIT#',
  /** Sorts after every `VISIT#<time>#…` key: the upper end of a visit-time range. */
  visitRangeEnd: 'VISIT$',
  /**
   * The member's one open follow-up across the chain: claimed `attribute_not_exists` by the low
   * rating that opens it, deleted by the close, both in their transactions. Pointing at the
   * follow-up id, it is what makes a second low rating (at any store) join instead of open another.
   */
  openFollowUp: (memberId: string): Key => ({ pk: `MEMBER#${memberId}`, sk: 'OPENFOLLOWUP' }),
  /**
   * A follow-up, keyed by its id. While open it is in gsi1 `FOLLOWUPS#OPEN` sorted `<dueAt>#<id>`:
   * HQ's chain-wide list is one query, overdue ones a sort-key range (`< now`); closing removes it.
   */
  followUp: (followUpId: string): Key => ({ pk: `FOLLOWUP#${followUpId}`, sk: 'FOLLOWUP' }),
  openFollowUpsIndex: {
    name: 'gsi1' as IndexName,
    pk: 'FOLLOWUPS#OPEN',
    sort: (dueAt: string, followUpId: string) => `${dueAt}#${followUpId}`,
  },
  /**
   * One small link per store a follow-up involves, in gsi1 `FOLLOWUPS#<storeId>`: `OPEN#<dueAt>#<id>`
   * while open, `CLOSED#<closedAt>#<id>` after (and then gone by TTL), so a manager's list is one
   * query of their store's partition plus a BatchGet of the follow-ups it names.
   */
  followUpStore: (followUpId: string, storeId: string): Key => ({ pk: `FOLLOWUP#${followUpId}`, sk: `STORE#${storeId}` }),
  storeFollowUpsIndex: {
    name: 'gsi1' as IndexName,
    pk: (storeId: string) => `FOLLOWUPS#${storeId}`,
    open: (dueAt: string, followUpId: string) => `OPEN#${dueAt}#${followUpId}`,
    /** The due time an open link's sort key carries (a store's dashboard counts overdue from its links). */
    dueOfOpen: (sk: string) => sk.split('#')[1] ?? '',
    closed: (closedAt: string, followUpId: string) => `CLOSED#${closedAt}#${followUpId}`,
  },
  /**
   * Ratings per store and Shanghai business day, kept in each rating's (and close's) transaction:
   * count, sum of stars, follow-ups opened and closed. Dashboards read days × stores of these.
   */
  ratingStats: (storeId: string, date: string): Key => ({ pk: `RATINGSTATS#${storeId}#${date}`, sk: 'STATS' }),

  /**
   * 数据看板 (README § Dashboards): pre-aggregated counters, one partition per scope (a store id, or
   * `CHAIN`), so a scope's days of a period are one Query on a sort-key range. Sort keys:
   *   D<date>#<shard>          a Shanghai day's figures (visits, points, coupons, bookings, …; the
   *                            week's and month's first visits of a member, counted on their day)
   *   TOTAL#<shard>            (CHAIN only) running totals: points outstanding, members by segment
   * Each is split into shards, one picked at random per write, so concurrent transactions at one
   * store rarely touch the same item (DynamoDB cancels those: TransactionConflict); reads sum them.
   */
  statsPartition: (scope: string) => `STATS#${scope}`,
  /**
   * A bill whose counter adds are recorded on it, not applied yet (README § Dashboards, Checkouts at
   * once): the bill is in gsi2 `STATSPENDING#<shard>` sorted `<at>#<checkoutId>` until the applier's
   * transaction adds them and removes the entry, so the sweep reads only what is still pending. The
   * shard is the checkout id's, over 8 partitions: a burst of bills at one store never writes or
   * reads one hot index partition. gsi2 is keys-only: the applier reads the bill itself.
   */
  statsPendingIndex: {
    name: 'gsi2' as IndexName,
    shards: 8,
    pk: (shard: number) => `STATSPENDING#${shard}`,
    shardOf: (checkoutId: string) => hashShard(checkoutId, keys.statsPendingIndex.shards),
    sort: (atIso: string, checkoutId: string) => `${atIso}#${checkoutId}`,
  },
  stats: (scope: string, period: string, shard: number): Key => ({ pk: `STATS#${scope}`, sk: `${period}#${shard}` }),

  /**
   * Scale (SCALE.md). A high-volume template's stock split over shards, each its own partition key
   * (`remaining`, `issuedCount`, `status`): a claim takes one unit from one shard, conditioned on
   * `remaining >= 1`, so the sum never goes below 0. Every template's redemptions are counted on
   * one of a few redeemed shards, never on the template item (a popular coupon is redeemed at every
   * store at once). Reads sum the shards (one BatchGet).
   */
  templateStockShard: (templateId: string, shard: number): Key => ({ pk: `TEMPLATESTOCK#${templateId}#${shard}`, sk: 'STOCK' }),
  templateRedeemedShard: (templateId: string, shard: number): Key => ({ pk: `TEMPLATEREDEEMED#${templateId}#${shard}`, sk: 'REDEEMED' }),
};
