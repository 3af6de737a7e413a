/** One identity per person: binding a phone in the mini-program (which may merge a walk-in) and HQ's 重复会员 cases. */
import * as z from 'zod/mini';
import { Iso } from './common';

/** The code of WeChat's getPhoneNumber button (valid 5 minutes, once). */
export const BindPhoneRequest = z.object({ code: z.string().check(z.trim(), z.minLength(1, 'the getPhoneNumber code'), z.maxLength(128)) });
export type BindPhoneRequest = z.infer<typeof BindPhoneRequest>;

export const BindPhoneResponse = z.object({
  /** bound: the phone is the member's now; merged: a walk-in member with this phone became part of this card. */
  outcome: z.enum(['bound', 'merged']),
  maskedPhone: z.string(),
  memberNo: z.string(),
  /** What the merge brought in (null when nothing was merged). */
  merged: z.nullable(z.object({ absorbedMemberNo: z.string(), pointsMoved: z.int() })),
});
export type BindPhoneResponse = z.infer<typeof BindPhoneResponse>;

/** 申请人工处理: the member asks HQ to look at their phone conflict. */
export const PhoneHelpRequest = z.object({ note: z.optional(z.string().check(z.trim(), z.maxLength(200))) });
export type PhoneHelpRequest = z.infer<typeof PhoneHelpRequest>;

export const DuplicateCaseStatus = z.enum(['open', 'merged', 'rejected']);
export type DuplicateCaseStatus = z.infer<typeof DuplicateCaseStatus>;

export const PhoneHelpResponse = z.object({ caseId: z.string(), status: DuplicateCaseStatus, requestedAt: Iso });
export type PhoneHelpResponse = z.infer<typeof PhoneHelpResponse>;

/** One side of a case as HQ sees it: enough to judge, never the full phone. */
export const DuplicateMember = z.object({
  memberNo: z.string(),
  nickname: z.string(),
  maskedPhone: z.nullable(z.string()),
  points: z.int(),
  visitCount: z.int(),
  hasWechat: z.boolean(),
  createdAt: Iso,
  lastVisitAt: z.nullable(Iso),
});
export type DuplicateMember = z.infer<typeof DuplicateMember>;

export const DuplicateCase = z.object({
  id: z.string(),
  kind: z.literal('phone_conflict'),
  status: DuplicateCaseStatus,
  maskedPhone: z.string(),
  createdAt: Iso,
  /** When the member asked for help (申请人工处理), and what they wrote. */
  requestedAt: z.nullable(Iso),
  note: z.nullable(z.string()),
  /** Who tried to bind the phone; merged into the holder if HQ merges. */
  requester: DuplicateMember,
  /** Who holds the phone; the survivor of a merge. */
  holder: DuplicateMember,
  decidedAt: z.nullable(Iso),
  decisionNote: z.nullable(z.string()),
});
export type DuplicateCase = z.infer<typeof DuplicateCase>;

export const DuplicatesResponse = z.object({ items: z.array(DuplicateCase) });
export type DuplicatesResponse = z.infer<typeof DuplicatesResponse>;

export const DuplicateCasePath = z.object({ caseId: z.string().check(z.regex(/^dup_[a-f0-9]{20}$/, 'a case id')) });
export const DuplicateDecisionRequest = z.object({
  decision: z.enum(['merge', 'reject']),
  note: z.optional(z.string().check(z.trim(), z.maxLength(200))),
});
export type DuplicateDecisionRequest = z.infer<typeof DuplicateDecisionRequest>;
