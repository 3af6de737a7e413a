import { adminRoutes } from '../../shared/contract/routes/admin';
import { campaignsFor } from '../domain/campaigns/admin';
import { handle } from './route';

/** HQ: campaigns, their coupons, on/off, and each day's run. (adminRoutes.adminCampaignsList) */
export const handler = handle(adminRoutes.adminCampaignsList, async ({ caller }) => ({ items: await campaignsFor(caller) }));
