import { routes } from '../../shared/contract/routes';
import { campaignsFor } from '../domain/campaigns/admin';
import { handle } from './route';

/** HQ: campaigns, their coupons, on/off, and each day's run. (routes.adminCampaignsList) */
export const handler = handle(routes.adminCampaignsList, async ({ caller }) => ({ items: await campaignsFor(caller) }));
