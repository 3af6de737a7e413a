/** The privacy notice and the member's consent, as the API speaks them (README § Privacy: notice and consent). */
import * as z from 'zod/mini';

/** Which notice is in force, and which one the member agreed to (null: none yet). Part of the login answer. */
export const PrivacyStatus = z.object({
  noticeVersion: z.string(),
  agreedVersion: z.nullable(z.string()),
});
export type PrivacyStatus = z.infer<typeof PrivacyStatus>;

export const NoticeSection = z.object({ title: z.string(), body: z.string() });

/** One entry of the registry of personal data (shared/privacy/fields.ts), in words. */
export const NoticeField = z.object({
  id: z.string(),
  group: z.string(),
  name: z.string(),
  purpose: z.string(),
  seenBy: z.array(z.string()),
  retention: z.string(),
  legalBasis: z.string(),
});

export const PrivacyNoticeResponse = z.object({
  version: z.string(),
  sections: z.array(NoticeSection),
  fields: z.array(NoticeField),
});
export type PrivacyNoticeResponse = z.infer<typeof PrivacyNoticeResponse>;

export const ConsentRequest = z.object({
  /** The notice version the member read (GET /v1/privacy/notice): only the current one is accepted. */
  version: z.string().check(z.minLength(1), z.maxLength(32)),
});
export type ConsentRequest = z.infer<typeof ConsentRequest>;

export const ConsentResponse = z.object({
  agreedVersion: z.string(),
  /** ISO 8601, +08:00. */
  agreedAt: z.string(),
});
export type ConsentResponse = z.infer<typeof ConsentResponse>;

export const DeclineResponse = z.object({
  /** True: the first login's member was deleted now; false: it was gone already. Either way no account is kept. */
  deleted: z.boolean(),
});
export type DeclineResponse = z.infer<typeof DeclineResponse>;
