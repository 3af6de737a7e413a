import { CampaignPath, CampaignUpdate } from '../../shared/schemas/pushes';
import { updateCampaign } from '../domain/campaigns/admin';
import { api, ok } from '../lib/http';
import { staffCaller } from './caller';

/** PUT /v1/admin/campaigns/{campaignId} {enabled?, couponTemplateId?} — HQ switches a campaign. */
export const handler = api(async (req) => {
  const { campaignId } = req.path(CampaignPath);
  const update = req.body(CampaignUpdate);
  const staff = await staffCaller(req);
  return ok(await updateCampaign(staff, campaignId, update));
});
