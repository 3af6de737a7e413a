/**
 * One campaign reaching one member for one period (a birthday year, a dormant spell): the coupon,
 * the chain-wide marketing slot and the subscribe credit are claimed in ONE transaction with the
 * push marker, so a re-run, a concurrent run or a crash and retry never issue or send twice. The
 * message goes out after the commit (at most once: a crash between commit and send loses that one
 * message rather than risk a second).
 *
 * Frequency cap (README § Segments and pushes: one marketing push per member per 7 days, chain-wide): a capped member
 * still gets the coupon; the message is dropped, not queued — the credit stays for a later push.
 */
import { shanghaiDate } from '../../../shared/dates';
import { getTemplate } from '../../store/coupons';
import { creditsOf, memberCampaignItem, pushMarkerItem, settlePushMarker, zeroCredit, type CampaignRecord, type RunCounters } from '../../store/campaigns';
import type { CouponTemplateRecord, MemberRecord } from '../../store/records';
import { runTransaction, type LabeledItem } from '../../store/transactions';
import { segmentMove, StatsChanges } from '../../store/stats';
import { storedSegment } from '../dashboard';
import { sendSubscribeMessage } from '../../wechat/subscribe';
import { issueBlock, issueItems, newCoupon } from '../coupons';
import { requireMember } from '../members';

const CAP_MS = 7 * 24 * 3600_000;

export interface Message {
  templateId: string;
  page: string;
  data: (coupon: { name: string; validTo: string } | null) => Record<string, string>;
}

export interface Delivery {
  campaign: CampaignRecord;
  period: string;
  message: Message | null;
  /** Segment-based campaigns skip members who switched targeting off (PIPL art. 24). */
  segmentBased: boolean;
  /** The member's own change that goes with it (lapse stage, segment), and its guard. */
  memberChange?: { expectLapseDate?: string; set?: Record<string, unknown>; remove?: string[] };
}

/** Shared by one run: WeChat's daily quota, once hit, stops the run's sends (coupons still go). */
export interface RunContext {
  rateLimited: boolean;
  /** The campaign's template, read once per run (issuing is conditioned on its stock anyway). */
  templates?: Map<string, CouponTemplateRecord | undefined>;
}

async function runTemplate(templateId: string, context: RunContext): Promise<CouponTemplateRecord | undefined> {
  context.templates ??= new Map();
  if (!context.templates.has(templateId)) context.templates.set(templateId, await getTemplate(templateId));
  return context.templates.get(templateId);
}

type MessagePlan = 'send' | 'none' | 'no_credit' | 'opted_out' | 'capped' | 'rate_limited';

function messagePlan(member: MemberRecord, message: Message | null, now: number, context: RunContext): MessagePlan {
  if (!message) return 'none';
  if (member.marketingOptOut) return 'opted_out';
  if ((creditsOf(member)[message.templateId] ?? 0) < 1) return 'no_credit';
  if (member.lastMarketingPushAt && Date.parse(member.lastMarketingPushAt) > now - CAP_MS) return 'capped';
  if (context.rateLimited) return 'rate_limited';
  return 'send';
}

const SKIP_COUNTER: Partial<Record<MessagePlan, keyof RunCounters>> = {
  no_credit: 'skippedNoCredit',
  opted_out: 'skippedOptedOut',
  capped: 'skippedCapped',
  rate_limited: 'failed',
};

/** Members by segment (README § Dashboards): a lapse stage moves the member's stored segment, in the same write. */
function segmentStats(member: MemberRecord, delivery: Delivery): LabeledItem[] {
  const after = delivery.memberChange?.set?.segment;
  return typeof after === 'string' ? segmentMove(new StatsChanges(), storedSegment(member), after).items() : [];
}

/** Delivers the campaign to the member once per period; returns what to count for the run. */
export async function deliver(memberId: string, delivery: Delivery, now: number, context: RunContext, firstRead?: MemberRecord): Promise<Partial<RunCounters>> {
  const { campaign, period } = delivery;
  let withoutCoupon = false;
  for (let attempt = 0; attempt < 5; attempt++) {
    // The job has just read the member (consistently) to match it: use that on the first attempt.
    const member = attempt === 0 && firstRead ? firstRead : await requireMember(memberId);
    const atIso = new Date(now).toISOString();
    if (!campaign.enabled || (delivery.segmentBased && member.targetingOptOut)) {
      // Nothing is sent or issued, but the member's own stage still moves on.
      if (delivery.memberChange) await runTransaction([memberCampaignItem(memberId, delivery.memberChange), ...segmentStats(member, delivery)]);
      return campaign.enabled ? { matched: 1, skippedOptedOut: 1 } : {};
    }

    const template = campaign.couponTemplateId && !withoutCoupon ? await runTemplate(campaign.couponTemplateId, context) : undefined;
    // The per-member limit is not read here: the transaction's counter condition enforces it, and a
    // member at the limit makes the retry go without the coupon.
    const canIssue = template && !issueBlock(template, 0, shanghaiDate(now));
    const coupon = canIssue
      ? newCoupon(
          memberId,
          template,
          campaign.campaignId === 'birthday' ? 'birthday' : campaign.campaignId === 'reactivation_dormant' ? 'reactivation_dormant' : 'reactivation_at_risk',
          now,
          { issuedBy: `${campaign.campaignId}:${period}` },
        )
      : null;
    const plan = messagePlan(member, delivery.message, now, context);

    const items: LabeledItem[] = [
      pushMarkerItem(memberId, {
        campaignId: campaign.campaignId,
        period,
        state: plan === 'send' ? 'claimed' : 'coupon_only',
        couponId: coupon?.couponId ?? null,
        reason: plan === 'send' ? null : plan,
        at: atIso,
      }),
      ...(coupon && template ? issueItems(template, coupon) : []),
    ];
    const useCredit = plan === 'send' ? { templateId: delivery.message!.templateId, capSince: new Date(now - CAP_MS).toISOString(), at: atIso } : undefined;
    if (useCredit || delivery.memberChange) items.push(memberCampaignItem(memberId, { ...delivery.memberChange, useCredit }), ...segmentStats(member, delivery));

    const outcome = await runTransaction(items);
    if (!outcome.ok) {
      // Reached earlier this period (a re-run, or a concurrent one): counted once, under its first run.
      if (outcome.failed.includes('push')) return { skippedDone: 1 };
      if (outcome.failed.some((l) => l.startsWith('template:') || l.startsWith('limit:'))) withoutCoupon = true;
      // The member changed meanwhile (a visit ended the spell, a credit or the cap was taken): look again.
      if (outcome.failed.includes('member') && delivery.memberChange?.expectLapseDate) {
        const fresh = await requireMember(memberId);
        if (fresh.lapseDate !== delivery.memberChange.expectLapseDate) return {};
      }
      continue;
    }

    const counted: Partial<RunCounters> = { matched: 1, couponsIssued: coupon ? 1 : 0 };
    if (plan !== 'send') {
      const counter = SKIP_COUNTER[plan];
      return counter ? { ...counted, [counter]: 1 } : counted;
    }
    const message = delivery.message!;
    const sent = await sendSubscribeMessage({
      touser: member.openid ?? '',
      templateId: message.templateId,
      page: message.page,
      data: message.data(coupon ? { name: coupon.name, validTo: coupon.validTo } : null),
    });
    switch (sent.status) {
      case 'sent':
        await settlePushMarker(memberId, campaign.campaignId, period, 'sent', null);
        return { ...counted, messagesSent: 1 };
      case 'refused':
        await zeroCredit(memberId, message.templateId);
        await settlePushMarker(memberId, campaign.campaignId, period, 'refused', '43101');
        return { ...counted, skippedNoCredit: 1 };
      case 'rate_limited':
        context.rateLimited = true;
        await settlePushMarker(memberId, campaign.campaignId, period, 'failed', `rate_limited ${sent.errcode}`);
        return { ...counted, failed: 1 };
      default:
        await settlePushMarker(memberId, campaign.campaignId, period, 'failed', sent.status === 'invalid' ? `${sent.errcode} ${sent.errmsg}` : sent.reason);
        return { ...counted, failed: 1 };
    }
  }
  return { matched: 1, failed: 1 };
}
