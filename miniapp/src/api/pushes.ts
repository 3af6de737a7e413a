/**
 * Profile, consent and campaigns (README § API): the member's own data and privacy switches, what
 * they accepted of WeChat's subscribe prompt, and HQ's campaign screen. Types come from
 * shared/schemas/pushes.ts.
 */
import {
  Campaign,
  CampaignsResponse,
  MessageTemplates,
  Profile,
  type ProfileUpdate,
} from '../../../shared/api';
import { call } from './client';

export type SubscribeResult = 'accept' | 'reject' | 'ban' | 'filter';
export type CampaignId = Campaign['id'];

/** GET /v1/me/profile — birthday, full phone, the two switches, subscription credits per purpose. */
export const getProfile = () => call(Profile, '/v1/me/profile');

/** PUT /v1/me/profile {nickname?, birthday?} — birthday 'MM-DD' or 'YYYY-MM-DD', or null to remove it. */
export const updateProfile = (update: ProfileUpdate) => call(Profile, '/v1/me/profile', { method: 'PUT', body: update });

/** PUT /v1/me/preferences — one tap each (PIPL art. 24). */
export const setPreferences = (preferences: { marketingOptOut?: boolean; targetingOptOut?: boolean }) =>
  call(Profile, '/v1/me/preferences', { method: 'PUT', body: preferences });

/** GET /v1/subscriptions/templates — the template ids to ask wx.requestSubscribeMessage for. */
export const getMessageTemplates = () => call(MessageTemplates, '/v1/subscriptions/templates', { auth: false });

/** POST /v1/me/subscriptions {results}: each 'accept' is one credit (one later send of that template). */
export const recordSubscriptions = (results: Record<string, SubscribeResult>) =>
  call(Profile, '/v1/me/subscriptions', { method: 'POST', body: { results } });

/** GET /v1/admin/campaigns (HQ) — settings and the recent runs' numbers. */
export const getCampaigns = () => call(CampaignsResponse, '/v1/admin/campaigns');

/** PUT /v1/admin/campaigns/{id} {enabled?, couponTemplateId?} (HQ). */
export const updateCampaign = (campaignId: CampaignId, update: { enabled?: boolean; couponTemplateId?: string | null }) =>
  call(Campaign, `/v1/admin/campaigns/${encodeURIComponent(campaignId)}`, { method: 'PUT', body: update });
