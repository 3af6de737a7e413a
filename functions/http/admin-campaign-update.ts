import { adminRoutes } from '../../shared/contract/routes/admin';
import { updateCampaign } from '../domain/campaigns/admin';
import { handle } from './route';

/** HQ switches a campaign on or off, or changes its coupon. (adminRoutes.adminCampaignUpdate) */
export const handler = handle(adminRoutes.adminCampaignUpdate, ({ caller, params, body }) => updateCampaign(caller, params.campaignId, body));
