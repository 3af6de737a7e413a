import type * as z from 'zod/mini';
import type { Campaign, CampaignUpdate } from '../../../shared/schemas/pushes';
import { shanghaiIso } from '../../../shared/dates';
import { config } from '../../lib/config';
import { BusinessRuleError, NotFoundError, RetryableError } from '../../lib/errors';
import { adminAuditItem } from '../admin-audit';
import { campaignUpdateItem, getCampaign, listCampaigns, recentRuns, type CampaignId, type CampaignRecord } from '../../store/campaigns';
import { getTemplate, listTemplates } from '../../store/coupons';
import type { StaffRecord } from '../../store/records';
import { runTransaction } from '../../store/transactions';
import { requireHq } from '../permissions';

const ORDER: CampaignId[] = ['birthday', 'reactivation_at_risk', 'reactivation_dormant', 'booking_reminder'];

function messageTemplateOf(id: CampaignId): string {
  const templates = config.messageTemplates;
  return id === 'birthday' ? templates.birthday : id === 'booking_reminder' ? templates.bookingReminder : templates.reactivation;
}

async function view(campaign: CampaignRecord, names: Map<string, string>): Promise<Campaign> {
  const runs = await recentRuns(campaign.campaignId);
  return {
    id: campaign.campaignId,
    name: campaign.name,
    enabled: campaign.enabled,
    couponTemplateId: campaign.couponTemplateId,
    couponTemplateName: campaign.couponTemplateId ? (names.get(campaign.couponTemplateId) ?? null) : null,
    messageTemplateId: messageTemplateOf(campaign.campaignId),
    runs: runs.map((r) => ({
      date: r.runKey,
      status: r.status,
      matched: r.matched ?? 0,
      couponsIssued: r.couponsIssued ?? 0,
      messagesSent: r.messagesSent ?? 0,
      skippedNoCredit: r.skippedNoCredit ?? 0,
      skippedOptedOut: r.skippedOptedOut ?? 0,
      skippedCapped: r.skippedCapped ?? 0,
      skippedDone: r.skippedDone ?? 0,
      failed: r.failed ?? 0,
      startedAt: shanghaiIso(Date.parse(r.startedAt)),
      finishedAt: r.finishedAt ? shanghaiIso(Date.parse(r.finishedAt)) : null,
    })),
  };
}

/** HQ's campaign screen: settings and, per day, matched / issued / sent / skipped / failed. */
export async function campaignsFor(staff: StaffRecord): Promise<Campaign[]> {
  requireHq(staff, 'Campaigns are run by HQ');
  const [campaigns, templates] = await Promise.all([listCampaigns(), listTemplates()]);
  const names = new Map(templates.map((t) => [t.templateId, t.name]));
  campaigns.sort((a, b) => ORDER.indexOf(a.campaignId) - ORDER.indexOf(b.campaignId));
  return Promise.all(campaigns.map((c) => view(c, names)));
}

export async function updateCampaign(staff: StaffRecord, campaignId: CampaignId, update: z.output<typeof CampaignUpdate>): Promise<Campaign> {
  requireHq(staff, 'Campaigns are run by HQ');
  if (!(await getCampaign(campaignId))) throw new NotFoundError('campaign_not_found', 'No such campaign');
  if (update.couponTemplateId) {
    const template = await getTemplate(update.couponTemplateId);
    if (!template || template.obtainedBy !== 'rule') {
      throw new BusinessRuleError('template_not_for_rules', 'A campaign issues a template obtained by rule', [
        { field: 'couponTemplateId', message: 'unknown template or not obtained by rule' },
      ]);
    }
  }
  // The settings and their audit entry commit together (nothing to change: nothing written).
  const change = campaignUpdateItem(campaignId, { enabled: update.enabled, couponTemplateId: update.couponTemplateId });
  if (change) {
    const now = Date.now();
    const details = { enabled: update.enabled === undefined ? null : String(update.enabled), couponTemplateId: update.couponTemplateId ?? null };
    const audit = adminAuditItem(staff, 'campaign_update', { storeId: null, ref: campaignId, details }, now);
    const outcome = await runTransaction([change, audit]);
    if (!outcome.ok && outcome.failed.includes('campaign')) throw new NotFoundError('campaign_not_found', 'No such campaign');
    if (!outcome.ok) throw new RetryableError('busy', 'The campaign is changing; retry');
  }
  const templates = await listTemplates();
  return view((await getCampaign(campaignId))!, new Map(templates.map((t) => [t.templateId, t.name])));
}
