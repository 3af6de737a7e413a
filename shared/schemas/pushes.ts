import * as z from 'zod/mini';
import { SEGMENTS, TAGS } from '../segments';
import { Iso } from './common';

/** 'MM-DD' or 'YYYY-MM-DD'; the year is optional and never shown to staff. */
export const Birthday = z.string().check(
  z.regex(/^(\d{4}-)?\d{2}-\d{2}$/, 'MM-DD or YYYY-MM-DD'),
  z.refine((value) => {
    const [month, day] = value.slice(-5).split('-').map(Number) as [number, number];
    const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    if (days === undefined || day < 1 || day > days) return false;
    // With a year, 29 February needs a leap year; without one it is a valid month-day.
    const year = value.length === 10 ? Number(value.slice(0, 4)) : null;
    return year === null || month !== 2 || day !== 29 || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  }, 'not a date'),
);

export const ProfileUpdate = z
  .object({
    nickname: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(20))),
    birthday: z.optional(z.nullable(Birthday)),
  })
  .check(z.refine((p) => Object.keys(p).length > 0, 'nothing to change'));
export type ProfileUpdate = z.input<typeof ProfileUpdate>;

export const Preferences = z
  .object({
    /** PIPL art. 24: no marketing pushes (birthday and comeback messages). */
    marketingOptOut: z.optional(z.boolean()),
    /** PIPL art. 24: no segment-based targeting (reactivation campaigns; segment hidden from staff). */
    targetingOptOut: z.optional(z.boolean()),
  })
  .check(z.refine((p) => Object.keys(p).length > 0, 'nothing to change'));

export const Profile = z.object({
  memberNo: z.string(),
  nickname: z.string(),
  /** The member's own full phone (staff only ever see it masked). */
  phone: z.nullable(z.string()),
  birthday: z.nullable(z.string()),
  birthYear: z.nullable(z.int()),
  marketingOptOut: z.boolean(),
  targetingOptOut: z.boolean(),
  /** One-time subscribe acceptances left per purpose. */
  subscriptions: z.object({ birthday: z.int(), reactivation: z.int(), bookingReminder: z.int() }),
});
export type Profile = z.infer<typeof Profile>;

/** What wx.requestSubscribeMessage answered, per template id. */
export const SubscriptionResults = z.object({
  results: z
    .record(z.string().check(z.minLength(1), z.maxLength(128)), z.enum(['accept', 'reject', 'ban', 'filter']))
    .check(z.refine((r) => Object.keys(r).length <= 3, 'at most 3 templates per request')),
});

export const MessageTemplates = z.object({ birthday: z.string(), reactivation: z.string(), bookingReminder: z.string() });
export type MessageTemplates = z.infer<typeof MessageTemplates>;

export const CampaignRun = z.object({
  date: z.string(),
  status: z.enum(['running', 'done']),
  matched: z.int(),
  couponsIssued: z.int(),
  messagesSent: z.int(),
  skippedNoCredit: z.int(),
  skippedOptedOut: z.int(),
  skippedCapped: z.int(),
  /** Members this period had already reached (a re-run): not counted in `matched` again. */
  skippedDone: z.int(),
  failed: z.int(),
  startedAt: Iso,
  finishedAt: z.nullable(Iso),
});

export const Campaign = z.object({
  id: z.enum(['birthday', 'reactivation_at_risk', 'reactivation_dormant', 'booking_reminder']),
  name: z.string(),
  enabled: z.boolean(),
  couponTemplateId: z.nullable(z.string()),
  couponTemplateName: z.nullable(z.string()),
  messageTemplateId: z.string(),
  runs: z.array(CampaignRun),
});
export type Campaign = z.infer<typeof Campaign>;
export const CampaignsResponse = z.object({ items: z.array(Campaign) });
export type CampaignsResponse = z.infer<typeof CampaignsResponse>;

export const CampaignUpdate = z
  .object({ enabled: z.optional(z.boolean()), couponTemplateId: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(64)))) })
  .check(z.refine((p) => Object.keys(p).length > 0, 'nothing to change'));
export const CampaignPath = z.object({ campaignId: Campaign.shape.id });

export const SegmentName = z.enum(SEGMENTS);
export const TagName = z.enum(TAGS);
