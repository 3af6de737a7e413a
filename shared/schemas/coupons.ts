import * as z from 'zod/mini';
import { COUPON_KINDS } from '../coupons';
import { BusinessDate, Iso, StoreId } from './common';

/** ¥1,000,000: far above any counter bill or coupon value; more is a typing mistake. */
export const MAX_FEN = 100_000_000;

const Fen = z.int().check(z.minimum(0), z.maximum(MAX_FEN));
export const TemplateId = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'a template id'));
export const CouponId = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'a coupon id'));

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
  z.object({ type: z.literal('relative'), days: z.int().check(z.minimum(1), z.maximum(3650)) }),
]);

export const CouponTemplateInput = z
  .object({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(30)),
    kind: CouponKind,
    /** amount_off: fen off; free_item: the item's value. */
    valueFen: z._default(Fen, 0),
    /** percent_off: percent of the bill that is paid (85 = 8.5折). */
    payPercent: z._default(z.nullable(z.int().check(z.minimum(1), z.maximum(99))), null),
    capFen: z._default(z.nullable(Fen), null),
    itemName: z._default(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(30))), null),
    minSpendFen: z._default(Fen, 0),
    validity: Validity,
    /** null: usable at every store. */
    storeIds: z._default(z.nullable(z.array(StoreId).check(z.minLength(1), z.maxLength(100))), null),
    /** null: unlimited. */
    stock: z._default(z.nullable(z.int().check(z.minimum(1), z.maximum(10_000_000))), null),
    /** Split the stock over this many shards for a flash claim (SCALE.md); null: automatic (sharded above a stock of 10,000). */
    stockShards: z._default(z.nullable(z.int().check(z.minimum(2), z.maximum(96))), null),
    perMemberLimit: z._default(z.int().check(z.minimum(1), z.maximum(100)), 1),
    obtainedBy: ObtainedBy,
    pointsCost: z._default(z.nullable(z.int().check(z.minimum(1), z.maximum(MAX_FEN))), null),
    stackable: z._default(z.boolean(), false),
    /** HQ only: a manager may give it as a goodwill coupon when closing a follow-up (关怀券). */
    goodwill: z._default(z.boolean(), false),
  })
  .check(
    z.superRefine((t, ctx) => {
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
    }),
  );
export type CouponTemplateInput = z.input<typeof CouponTemplateInput>;

/** What any coupon says about itself: its terms and where it can be used. */
const CouponTermsView = z.object({
  name: z.string(),
  description: z.string(),
  kind: CouponKind,
  valueFen: z.int(),
  payPercent: z.nullable(z.int()),
  capFen: z.nullable(z.int()),
  itemName: z.nullable(z.string()),
  minSpendFen: z.int(),
  storeIds: z.nullable(z.array(z.string())),
  /** The stores' names, or null for every store. */
  storeNames: z.nullable(z.array(z.string())),
  stackable: z.boolean(),
});

export const CouponTemplate = z.extend(CouponTermsView, {
  id: TemplateId,
  validity: Validity,
  stock: z.nullable(z.int()),
  remaining: z.nullable(z.int()),
  perMemberLimit: z.int(),
  obtainedBy: ObtainedBy,
  pointsCost: z.nullable(z.int()),
  status: TemplateStatus,
  /** null: a chain-wide template made by HQ. */
  ownerStoreId: z.nullable(z.string()),
  issuedCount: z.int(),
  redeemedCount: z.int(),
  createdAt: Iso,
});
export type CouponTemplate = z.infer<typeof CouponTemplate>;

export const CouponTemplatesResponse = z.object({ items: z.array(CouponTemplate) });
export type CouponTemplatesResponse = z.infer<typeof CouponTemplatesResponse>;

/** A template as the 领券中心 shows it to one member. */
export const ClaimableTemplate = z.extend(CouponTemplate, {
  held: z.int(),
  /** Why the member cannot take it now, or null. */
  blockedBy: z.nullable(z.enum(['sold_out', 'limit_reached', 'insufficient_points'])),
});
export const ClaimableResponse = z.object({ items: z.array(ClaimableTemplate) });
export type ClaimableResponse = z.infer<typeof ClaimableResponse>;

export const TemplateStatusRequest = z.object({ status: TemplateStatus });
export const TemplatePath = z.object({ templateId: TemplateId });
/** POST /v1/admin/issue-rules/{ruleId}/status {active}: HQ stops or restarts a rule. */
export const IssueRuleStatusRequest = z.object({ active: z.boolean() });
export const IssueRulePath = z.object({ ruleId: z.string().check(z.minLength(1), z.maxLength(64)) });

export const MemberCouponStatus = z.enum(['available', 'used', 'expired']);
export type MemberCouponStatus = z.infer<typeof MemberCouponStatus>;

export const MemberCoupon = z.extend(CouponTermsView, {
  id: CouponId,
  templateId: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  status: MemberCouponStatus,
  source: CouponSource,
  issuedAt: Iso,
  usedAt: z.nullable(Iso),
  usedStoreName: z.nullable(z.string()),
});
export type MemberCoupon = z.infer<typeof MemberCoupon>;

export const MyCouponsQuery = z.object({ status: z._default(MemberCouponStatus, 'available') });
export const MyCouponsResponse = z.object({ items: z.array(MemberCoupon) });
export type MyCouponsResponse = z.infer<typeof MyCouponsResponse>;
/** Points for a coupon: the coupon and the points balance after paying for it. */
export const ExchangeResponse = z.object({ coupon: MemberCoupon, balance: z.int() });
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
    toStoreIds: z._default(z.nullable(z.array(StoreId).check(z.minLength(1), z.maxLength(100))), null),
  }),
]);
export type IssueRuleInput = z.input<typeof IssueRuleInput>;

export const IssueRule = z.object({
  id: z.string(),
  kind: z.enum(['welcome', 'cross_store']),
  templateId: z.string(),
  templateName: z.string(),
  fromStoreId: z.nullable(z.string()),
  minSpendFen: z.nullable(z.int()),
  toStoreIds: z.nullable(z.array(z.string())),
  active: z.boolean(),
  createdAt: Iso,
});
export type IssueRule = z.infer<typeof IssueRule>;
export const IssueRulesResponse = z.object({ items: z.array(IssueRule) });
export type IssueRulesResponse = z.infer<typeof IssueRulesResponse>;
