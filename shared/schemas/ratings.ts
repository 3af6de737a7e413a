/**
 * Rating a visit (评价) and the follow-up a low rating opens (待跟进): one follow-up per member across
 * the chain (README § Ratings and follow-ups).
 */
import * as z from 'zod/mini';
import { Iso, StoreId } from './common';
import { TemplateId } from './coupons';

/** The tags a member may pick, in the order the app shows them. */
export const RATING_TAGS = ['服务', '口味', '环境', '等待', '价格'] as const;
export const RatingTag = z.enum(RATING_TAGS);
export type RatingTag = z.infer<typeof RatingTag>;

export const RATING_COMMENT_MAX = 200;
/** A visit is rateable this long after it (a checkout, or a booking checked in). */
export const RATING_WINDOW_HOURS = 72;
/** 3 stars or fewer opens (or joins) a follow-up. */
export const LOW_RATING_MAX_STARS = 3;
/** A follow-up is due this long after it opened. */
export const FOLLOW_UP_DUE_HOURS = 24;
export const FOLLOW_UP_NOTE_MAX = 200;

/** A visit's ref: the checkout id of a purchase, the booking id of a checked-in booking. */
export const VisitRef = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'a visit ref'));
export const RatingPath = z.object({ ref: VisitRef });

export const RatingRequest = z.object({
  stars: z.number().check(z.int('whole stars, 1 to 5'), z.minimum(1, 'at least 1 star'), z.maximum(5, 'at most 5 stars')),
  tags: z._default(
    z.array(RatingTag).check(
      z.maxLength(RATING_TAGS.length),
      z.refine((tags) => new Set(tags).size === tags.length, 'a tag is listed twice'),
    ),
    [],
  ),
  /** Counted in characters as the member sees them (an emoji is one). */
  comment: z._default(
    z.string().check(
      z.trim(),
      z.refine((text) => [...text].length <= RATING_COMMENT_MAX, `at most ${RATING_COMMENT_MAX} characters`),
    ),
    '',
  ),
});
export type RatingRequest = z.input<typeof RatingRequest>;

/**
 * What a store recorded: 已联系 is a step (the follow-up stays open, the member's one, and a later low
 * rating joins it); 已解决 and 无法联系 close it. The member sees that a store answered, when and how
 * (never the note).
 */
export const FollowUpOutcome = z.enum(['contacted', 'resolved', 'unreachable']);
export type FollowUpOutcome = z.infer<typeof FollowUpOutcome>;
/** The outcomes that close a follow-up. */
export const CLOSING_OUTCOMES: readonly FollowUpOutcome[] = ['resolved', 'unreachable'];

export const Rating = z.object({
  ref: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  /** When the visit was (+08:00). */
  visitAt: Iso,
  stars: z.int(),
  tags: z.array(RatingTag),
  comment: z.string(),
  ratedAt: Iso,
  /** 门店已回复: a store answered (any step) the follow-up this rating opened or joined. */
  storeReplied: z.boolean(),
  /** The latest answer's time and outcome. */
  repliedAt: z.nullable(Iso),
  replyOutcome: z.nullable(FollowUpOutcome),
});
export type Rating = z.infer<typeof Rating>;
export const RatingResponse = z.object({
  rating: Rating,
  /** Whether this rating opened or joined a follow-up (3 stars or fewer). */
  followUp: z.boolean(),
});
export type RatingResponse = z.infer<typeof RatingResponse>;
export const MyRatingsResponse = z.object({ items: z.array(Rating) });
export type MyRatingsResponse = z.infer<typeof MyRatingsResponse>;

/** A visit of the last 72 hours the member has not rated yet (待评价). */
export const PendingRating = z.object({
  ref: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  at: Iso,
  kind: z.enum(['purchase', 'booking']),
});
export type PendingRating = z.infer<typeof PendingRating>;
export const PendingRatingsResponse = z.object({ items: z.array(PendingRating) });
export type PendingRatingsResponse = z.infer<typeof PendingRatingsResponse>;

// ---- follow-ups (managers and HQ) ---------------------------------------------------------------

export const FollowUpId = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'a follow-up id'));
export const FollowUpPath = z.object({ id: FollowUpId });

export const FollowUpsQuery = z.object({
  /** HQ: only those past their due time. */
  overdue: z.pipe(
    z.optional(z.enum(['true', 'false'])),
    z.transform((v) => v === 'true'),
  ),
  /** HQ: one store's (open and recently closed), as its manager sees them. */
  storeId: z.optional(StoreId),
});

export const FollowUpRating = z.object({
  ref: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  stars: z.int(),
  tags: z.array(RatingTag),
  comment: z.string(),
  visitAt: Iso,
  ratedAt: Iso,
});

/** One thing a store did about the follow-up, in order (已联系 steps, then the close). */
export const FollowUpStep = z.object({
  at: Iso,
  outcome: FollowUpOutcome,
  note: z.string(),
  /** `<store> <role> <name>` (staff only). */
  byName: z.string(),
  byStoreName: z.nullable(z.string()),
  couponName: z.nullable(z.string()),
});
export type FollowUpStep = z.infer<typeof FollowUpStep>;

export const FollowUp = z.object({
  id: z.string(),
  status: z.enum(['open', 'closed']),
  member: z.object({ memberNo: z.string(), nickname: z.string(), phoneMasked: z.nullable(z.string()) }),
  /** The stores involved, the one whose rating opened it first: it is the one handling it. */
  stores: z.array(z.object({ storeId: z.string(), storeName: z.string() })),
  ratings: z.array(FollowUpRating),
  openedAt: Iso,
  dueAt: Iso,
  /** When a store first answered: an answered follow-up is never overdue. */
  respondedAt: z.nullable(Iso),
  /** Open, past its due time and not answered yet. */
  overdue: z.boolean(),
  steps: z.array(FollowUpStep),
  /** The goodwill coupon given (with any step; at most one per follow-up). */
  goodwillCouponName: z.nullable(z.string()),
  /** The close (已解决 or 无法联系): the last step, which role of which store took it (staff see the name, the member never). */
  closed: z.nullable(FollowUpStep),
});
export type FollowUp = z.infer<typeof FollowUp>;

/** A template HQ allows for goodwill, as the 记录跟进 form's picker shows it. */
export const GoodwillTemplate = z.object({ id: z.string(), name: z.string(), description: z.string() });
export type GoodwillTemplate = z.infer<typeof GoodwillTemplate>;

export const FollowUpsResponse = z.object({
  items: z.array(FollowUp),
  /** Goodwill coupons this caller may give with a step (active, made by HQ, usable at their store). */
  goodwillTemplates: z.array(GoodwillTemplate),
});
export type FollowUpsResponse = z.infer<typeof FollowUpsResponse>;

export const FollowUpOutcomeRequest = z.object({
  outcome: FollowUpOutcome,
  note: z.string().check(
    z.trim(),
    z.minLength(1, 'say what happened'),
    z.refine((text) => [...text].length <= FOLLOW_UP_NOTE_MAX, `at most ${FOLLOW_UP_NOTE_MAX} characters`),
  ),
  /** A goodwill coupon given in the same action (a template HQ marked `goodwill`); one per follow-up. */
  goodwillTemplateId: z.optional(TemplateId),
});
export type FollowUpOutcomeRequest = z.input<typeof FollowUpOutcomeRequest>;
export const FollowUpOutcomeResponse = z.object({ followUp: FollowUp });
export type FollowUpOutcomeResponse = z.infer<typeof FollowUpOutcomeResponse>;
