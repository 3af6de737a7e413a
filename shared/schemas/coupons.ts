import * as z from 'zod';
import { COUPON_KINDS } from '../coupons';
import { BusinessDate, Iso, StoreId } from './common';

/** ¥1,000,000: far above any counter bill or coupon value; more is a typing mistake. */
export const MAX_FEN = 100_000_000;

const Fen = z.number().int().min(0).max(MAX_FEN);
export const TemplateId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'a template id');
export const CouponId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'a coupon id');

export const CouponKind = z.enum(COUPON_KINDS);
export const ObtainedBy = z.enum(['claim', 'exchange', 'rule']);
export type ObtainedBy = z.infer<typeof ObtainedBy>;
export const TemplateStatus = z.enum(['active', 'paused', 'ended']);
export type TemplateStatus = z.infer<typeof TemplateStatus>;
/** Where an issued coupon came from. Birthday and reactivation are issued by the daily jobs. */
export const CouponSource = z.enum(['claim', 'exchange', 'welcome', 'cross_store', 'birthday', 'reactivation_at_risk', 'reactivation_dormant', 'goodwill']);
export type CouponSource = z.infer<typeof CouponSource>;

export const Validity = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fixed'), from: BusinessDate, to: BusinessDate }),
  z.object({ type: z.literal('relative'), days: z.number().int().min(1).max(3650) }),
]);

export const CouponTemplateInput = z
  .object({
    name: z.string().trim().min(1).max(30),
    kind: CouponKind,
    /** amount_off: fen off; free_item: the item's value. */
    valueFen: Fen.default(0),
    /** percent_off: percent of the bill that is paid (85 = 8.5折). */
    payPercent: z.number().int().min(1).max(99).nullable().default(null),
    capFen: Fen.nullable().default(null),
    itemName: z.string().trim().min(1).max(30).nullable().default(null),
    minSpendFen: Fen.default(0),
    validity: Validity,
    /** null: usable at every store. */
    storeIds: z.array(StoreId).min(1).max(100).nullable().default(null),
    /** null: unlimited. */
    stock: z.number().int().min(1).max(10_000_000).nullable().default(null),
    /** Split the stock over this many shards for a flash claim (SCALE.md); null: automatic (sharded above a stock of 10,000). */
    stockShards: z.number().int().min(2).max(96).nullable().default(null),
    perMemberLimit: z.number().int().min(1).max(100).default(1),
    obtainedBy: ObtainedBy,
    pointsCost: z.number().int().min(1).max(MAX_FEN).nullable().default(null),
    stackable: z.boolean().default(false),
    /** HQ only: a manager may give it as a goodwill coupon when closing a follow-up (关怀券). */
    goodwill: z.boolean().default(false),
  })
  .superRefine((t, ctx) => {
    const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (t.kind === 'amount_off' && t.valueFen < 1) need('valueFen', 'an amount-off coupon needs a value above 0');
    if (t.stockShards !== null && (t.stock === null || t.stock < t.stockShards)) need('stockShards', 'sharded stock needs a stock of at least one per shard');
    if (t.kind === 'percent_off' && t.payPercent === null) need('payPercent', 'a discount coupon needs payPercent (85 = 8.5折)');
    if (t.kind === 'free_item' && t.itemName === null) need('itemName', 'a free-item coupon needs the item name');
    if (t.kind === 'free_item' && t.valueFen < 1) need('valueFen', "a free-item coupon needs the item's value");
    if (t.obtainedBy === 'exchange' && t.pointsCost === null) need('pointsCost', 'an exchange coupon needs its price in points');
    if (t.obtainedBy !== 'exchange' && t.pointsCost !== null) need('pointsCost', 'only exchange coupons have a price in points');
    if (t.validity.type === 'fixed' && t.validity.from > t.validity.to) need('validity', 'validity.from must not be after validity.to');
    if (t.storeIds && new Set(t.storeIds).size !== t.storeIds.length) need('storeIds', 'a store is listed twice');
  });
export type CouponTemplateInput = z.input<typeof CouponTemplateInput>;

/** What any coupon says about itself: its terms and where it can be used. */
const CouponTermsView = z.object({
  name: z.string(),
  description: z.string(),
  kind: CouponKind,
  valueFen: z.number().int(),
  payPercent: z.number().int().nullable(),
  capFen: z.number().int().nullable(),
  itemName: z.string().nullable(),
  minSpendFen: z.number().int(),
  storeIds: z.array(z.string()).nullable(),
  /** The stores' names, or null for every store. */
  storeNames: z.array(z.string()).nullable(),
  stackable: z.boolean(),
});

export const CouponTemplate = CouponTermsView.extend({
  id: TemplateId,
  validity: Validity,
  stock: z.number().int().nullable(),
  remaining: z.number().int().nullable(),
  perMemberLimit: z.number().int(),
  obtainedBy: ObtainedBy,
  pointsCost: z.number().int().nullable(),
  status: TemplateStatus,
  /** null: a chain-wide template made by HQ. */
  ownerStoreId: z.string().nullable(),
  issuedCount: z.number().int(),
  redeemedCount: z.number().int(),
  createdAt: Iso,
});
export type CouponTemplate = z.infer<typeof CouponTemplate>;

export const CouponTemplatesResponse = z.object({ items: z.array(CouponTemplate) });
export type CouponTemplatesResponse = z.infer<typeof CouponTemplatesResponse>;

/** A template as the 领券中心 shows it to one member. */
export const ClaimableTemplate = CouponTemplate.extend({
  held: z.number().int(),
  /** Why the member cannot take it now, or null. */
  blockedBy: z.enum(['sold_out', 'limit_reached', 'insufficient_points']).nullable(),
});
export const ClaimableResponse = z.object({ items: z.array(ClaimableTemplate) });
export type ClaimableResponse = z.infer<typeof ClaimableResponse>;

export const TemplateStatusRequest = z.object({ status: TemplateStatus });
export const TemplatePath = z.object({ templateId: TemplateId });
/** POST /v1/admin/issue-rules/{ruleId}/status {active}: HQ stops or restarts a rule. */
export const IssueRuleStatusRequest = z.object({ active: z.boolean() });
export const IssueRulePath = z.object({ ruleId: z.string().min(1).max(64) });

export const MemberCouponStatus = z.enum(['available', 'used', 'expired']);
export type MemberCouponStatus = z.infer<typeof MemberCouponStatus>;

export const MemberCoupon = CouponTermsView.extend({
  id: CouponId,
  templateId: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  status: MemberCouponStatus,
  source: CouponSource,
  issuedAt: Iso,
  usedAt: Iso.nullable(),
  usedStoreName: z.string().nullable(),
});
export type MemberCoupon = z.infer<typeof MemberCoupon>;

export const MyCouponsQuery = z.object({ status: MemberCouponStatus.default('available') });
export const MyCouponsResponse = z.object({ items: z.array(MemberCoupon) });
export type MyCouponsResponse = z.infer<typeof MyCouponsResponse>;
/** Points for a coupon: the coupon and the points balance after paying for it. */
export const ExchangeResponse = z.object({ coupon: MemberCoupon, balance: z.number().int() });
export type ExchangeResponse = z.infer<typeof ExchangeResponse>;

export const IssueRuleInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('welcome'), templateId: TemplateId }),
  z.object({
    kind: z.literal('cross_store'),
    templateId: TemplateId,
    /** A bill at this store… */
    fromStoreId: StoreId,
    /** …of at least this much paid… */
    minSpendFen: Fen,
    /** …issues a coupon usable at these stores (null: every other store). */
    toStoreIds: z.array(StoreId).min(1).max(100).nullable().default(null),
  }),
]);
export type IssueRuleInput = z.input<typeof IssueRuleInput>;

export const IssueRule = z.object({
  id: z.string(),
  kind: z.enum(['welcome', 'cross_store']),
  templateId: z.string(),
  templateName: z.string(),
  fromStoreId: z.string().nullable(),
  minSpendFen: z.number().int().nullable(),
  toStoreIds: z.array(z.string()).nullable(),
  active: z.boolean(),
  createdAt: Iso,
});
export type IssueRule = z.infer<typeof IssueRule>;
export const IssueRulesResponse = z.object({ items: z.array(IssueRule) });
export type IssueRulesResponse = z.infer<typeof IssueRulesResponse>;
