import { routes } from '../../shared/contract/routes';
import { updateCampaign } from '../domain/campaigns/admin';
import { handle } from './route';

/** HQ switches a campaign on or off, or changes its coupon. (routes.adminCampaignUpdate) */
export const handler = handle(routes.adminCampaignUpdate, ({ caller, params, body }) => updateCampaign(caller, params.campaignId, body));
