/**
 * Profile, consent and campaigns (README § Pushes), each a call of its declared route: the
 * member's own data and privacy switches, what they accepted of WeChat's subscribe prompt, and
 * HQ's campaign screen.
 */
import type { Campaign, ProfileUpdate } from '../../../shared/api';
import { routes } from '../../../shared/contract/routes';
import { callRoute } from './client';

export type SubscribeResult = 'accept' | 'reject' | 'ban' | 'filter';
export type CampaignId = Campaign['id'];

/** Birthday, full phone, the two switches, subscription credits per purpose. */
export const getProfile = () => callRoute(routes.meProfile);

/** Birthday 'MM-DD' or 'YYYY-MM-DD', or null to remove it. */
export const updateProfile = (update: ProfileUpdate) => callRoute(routes.meProfileUpdate, { body: update });

/** One tap each (PIPL art. 24). */
export const setPreferences = (preferences: { marketingOptOut?: boolean; targetingOptOut?: boolean }) => callRoute(routes.mePreferences, { body: preferences });

/** The template ids to ask wx.requestSubscribeMessage for. */
export const getMessageTemplates = () => callRoute(routes.messageTemplates);

/** Each 'accept' is one credit (one later send of that template). */
export const recordSubscriptions = (results: Record<string, SubscribeResult>) => callRoute(routes.meSubscriptions, { body: { results } });

/** HQ: settings and the recent runs' numbers. */
export const getCampaigns = () => callRoute(routes.adminCampaignsList);

/** HQ: on/off, or another coupon. */
export const updateCampaign = (campaignId: CampaignId, update: { enabled?: boolean; couponTemplateId?: string | null }) =>
  callRoute(routes.adminCampaignUpdate, { params: { campaignId }, body: update });
