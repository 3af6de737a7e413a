import * as z from 'zod';
import { SEGMENTS, TAGS } from '../segments';
import { Iso } from './common';

/** 'MM-DD' or 'YYYY-MM-DD'; the year is optional and never shown to staff. */
export const Birthday = z
  .string()
  .regex(/^(\d{4}-)?\d{2}-\d{2}$/, 'MM-DD or YYYY-MM-DD')
  .refine((value) => {
    const [month, day] = value.slice(-5).split('-').map(Number) as [number, number];
    const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    if (days === undefined || day < 1 || day > days) return false;
    // With a year, 29 February needs a leap year; without one it is a valid month-day.
    const year = value.length === 10 ? Number(value.slice(0, 4)) : null;
    return year === null || month !== 2 || day !== 29 || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  }, 'not a date');

export const ProfileUpdate = z
  .object({
    nickname: z.string().trim().min(1).max(20).optional(),
    birthday: Birthday.nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type ProfileUpdate = z.input<typeof ProfileUpdate>;

export const Preferences = z
  .object({
    /** PIPL art. 24: no marketing pushes (birthday and comeback messages). */
    marketingOptOut: z.boolean().optional(),
    /** PIPL art. 24: no segment-based targeting (reactivation campaigns; segment hidden from staff). */
    targetingOptOut: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');

export const Profile = z.object({
  memberNo: z.string(),
  nickname: z.string(),
  /** The member's own full phone (staff only ever see it masked). */
  phone: z.string().nullable(),
  birthday: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  marketingOptOut: z.boolean(),
  targetingOptOut: z.boolean(),
  /** One-time subscribe acceptances left per purpose. */
  subscriptions: z.object({ birthday: z.number().int(), reactivation: z.number().int(), bookingReminder: z.number().int() }),
});
export type Profile = z.infer<typeof Profile>;

/** What wx.requestSubscribeMessage answered, per template id. */
export const SubscriptionResults = z.object({
  results: z.record(z.string().min(1).max(128), z.enum(['accept', 'reject', 'ban', 'filter'])).refine((r) => Object.keys(r).length <= 3, 'at most 3 templates per request'),
});

export const MessageTemplates = z.object({ birthday: z.string(), reactivation: z.string(), bookingReminder: z.string() });
export type MessageTemplates = z.infer<typeof MessageTemplates>;

export const CampaignRun = z.object({
  date: z.string(),
  status: z.enum(['running', 'done']),
  matched: z.number().int(),
  couponsIssued: z.number().int(),
  messagesSent: z.number().int(),
  skippedNoCredit: z.number().int(),
  skippedOptedOut: z.number().int(),
  skippedCapped: z.number().int(),
  /** Members this period had already reached (a re-run): not counted in `matched` again. */
  skippedDone: z.number().int(),
  failed: z.number().int(),
  startedAt: Iso,
  finishedAt: Iso.nullable(),
});

export const Campaign = z.object({
  id: z.enum(['birthday', 'reactivation_at_risk', 'reactivation_dormant', 'booking_reminder']),
  name: z.string(),
  enabled: z.boolean(),
  couponTemplateId: z.string().nullable(),
  couponTemplateName: z.string().nullable(),
  messageTemplateId: z.string(),
  runs: z.array(CampaignRun),
});
export type Campaign = z.infer<typeof Campaign>;
export const CampaignsResponse = z.object({ items: z.array(Campaign) });
export type CampaignsResponse = z.infer<typeof CampaignsResponse>;

export const CampaignUpdate = z
  .object({ enabled: z.boolean().optional(), couponTemplateId: z.string().min(1).max(64).nullable().optional() })
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export const CampaignPath = z.object({ campaignId: Campaign.shape.id });

export const SegmentName = z.enum(SEGMENTS);
export const TagName = z.enum(TAGS);
