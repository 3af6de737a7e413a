/**
 * Rating a visit (README § Ratings and follow-ups). A visit the member rates is an item of their own
 * visit history (`VISIT#<at>#<ref>`, written by a checkout or a check-in): looking it up only in the
 * caller's own partition, and only in the last 72 hours, is what refuses another member's visit, an
 * old one and an unknown one alike (404 `visit_not_rateable`, so nobody learns which it was).
 *
 * One transaction per rating: the rating claim (`RATING#<ref>`, attribute_not_exists), the visit
 * marked rated, the store-day's numbers, the idempotency record and — for 3 stars or fewer — the
 * member's one open follow-up: opened (claim `OPENFOLLOWUP` + follow-up + the store's link) or joined
 * (conditioned on it still being open) — also once a store has answered it (已联系 keeps it open: one
 * customer, one caller). Two low ratings racing each other at two stores: one wins the
 * claim, the other's transaction fails on it, plans again and joins.
 *
 * A refunded (reversed) checkout stays rateable: a refund is often exactly the visit a member is
 * unhappy with, and the visit did happen.
 */
import { shanghaiDate, shanghaiIso } from '../../shared/dates';
import type { CardResponse } from '../../shared/schemas/member';
import {
  FOLLOW_UP_DUE_HOURS,
  LOW_RATING_MAX_STARS,
  RATING_WINDOW_HOURS,
  type MyRatingsResponse,
  type PendingRating,
  type PendingRatingsResponse,
  type Rating,
  RatingRequest,
  type RatingResponse,
} from '../../shared/schemas/ratings';
import type * as z from 'zod/mini';
import { ConflictError, NotFoundError } from '../lib/errors';
import {
  followUpJoinItem,
  followUpPutItem,
  followUpStorePutItem,
  getFollowUp,
  getFollowUps,
  getOpenFollowUpId,
  listMemberRatings,
  openFollowUpClaimItem,
  ratingPutItem,
  ratingStatsItem,
  recentVisits,
  visitRatedItem,
  type FollowUpRecord,
  type FollowUpRatingRecord,
  type MemberVisitItem,
  type RatingRecord,
} from '../store/ratings';
import type { LabeledItem } from '../store/transactions';
import { requireConsent } from './consent';
import { stepsOf } from './follow-ups';
import { applyOnce } from './idempotent-change';
import { newId } from './ids';
import { requireSignedInMember } from './members';
import { storeNames } from './stores';

type RatingInput = z.output<typeof RatingRequest>;

const HOUR_MS = 3600 * 1000;

/** The first moment a visit may have been and still be rateable at `now`. */
const windowStart = (now: number) => new Date(now - RATING_WINDOW_HOURS * HOUR_MS).toISOString();

const isRateable = (visit: MemberVisitItem, now: number) => !visit.ratedAt && Date.parse(visit.at) >= now - RATING_WINDOW_HOURS * HOUR_MS;

function pendingView(visit: MemberVisitItem, names: Map<string, string>): PendingRating {
  return { ref: visit.ref, storeId: visit.storeId, storeName: names.get(visit.storeId) ?? visit.storeId, at: shanghaiIso(Date.parse(visit.at)), kind: visit.kind };
}

/** 待评价: the visits of the last 72 hours not rated yet, newest first. */
export async function pendingRatings(memberId: string, now = Date.now()): Promise<PendingRatingsResponse> {
  const [visits, names] = await Promise.all([recentVisits(memberId, windowStart(now)), storeNames()]);
  return { items: visits.filter((v) => isRateable(v, now)).map((v) => pendingView(v, names)) };
}

/** The card's 待评价 prompt: the newest visit waiting for a rating (one query, beside the card's other reads). */
export async function pendingRatingForCard(memberId: string, now = Date.now()): Promise<CardResponse['pendingRating']> {
  const { items } = await pendingRatings(memberId, now);
  const first = items[0];
  return first ? { ref: first.ref, storeName: first.storeName, at: first.at } : null;
}

function ratingView(r: RatingRecord, names: Map<string, string>, followUp: FollowUpRecord | undefined): Rating {
  // 门店已回复 once any store answered (已联系 included), with the latest answer.
  const latest = followUp ? stepsOf(followUp).at(-1) : undefined;
  return {
    ref: r.ref,
    storeId: r.storeId,
    storeName: names.get(r.storeId) ?? r.storeId,
    visitAt: shanghaiIso(Date.parse(r.visitAt)),
    stars: r.stars,
    tags: r.tags,
    comment: r.comment,
    ratedAt: shanghaiIso(Date.parse(r.ratedAt)),
    storeReplied: latest !== undefined,
    repliedAt: latest ? shanghaiIso(Date.parse(latest.at)) : null,
    replyOutcome: latest?.outcome ?? null,
  };
}

/** 我的评价: newest first; 门店已回复 once a store answered the follow-up the rating opened or joined. */
export async function myRatings(memberId: string): Promise<MyRatingsResponse> {
  const [ratings, names] = await Promise.all([listMemberRatings(memberId), storeNames()]);
  const followUpIds = ratings.flatMap((r) => (r.followUpId ? [r.followUpId] : []));
  const followUps = new Map((await getFollowUps(followUpIds)).map((f) => [f.followUpId, f]));
  ratings.sort((a, b) => b.ratedAt.localeCompare(a.ratedAt));
  return { items: ratings.map((r) => ratingView(r, names, r.followUpId ? followUps.get(r.followUpId) : undefined)) };
}

/** Rates one of the member's visits of the last 72 hours, once; retry-safe with the Idempotency-Key. */
export async function rateVisit(memberId: string, ref: string, input: RatingInput, idempotencyKey: string, now = Date.now): Promise<RatingResponse> {
  const answer = await applyOnce<{ rating: RatingRecord; followUp: boolean }>({
    scope: `rating:${memberId}`,
    key: idempotencyKey,
    request: { ref, ...input },
    plan: async () => {
      const at = now();
      const atIso = new Date(at).toISOString();
      const [member, visits, openId] = await Promise.all([requireSignedInMember(memberId), recentVisits(memberId, windowStart(at)), getOpenFollowUpId(memberId)]);
      // A comment is the member's own words about a visit: collected only after the notice was agreed to.
      requireConsent(member);
      const visit = visits.find((v) => v.ref === ref);
      if (!visit) throw new NotFoundError('visit_not_rateable', 'No visit of yours with this ref in the last 72 hours');
      if (visit.ratedAt) throw new ConflictError('already_rated', 'This visit is already rated');

      const low = input.stars <= LOW_RATING_MAX_STARS;
      const items: LabeledItem[] = [];
      let followUpId: string | null = null;
      let opened = 0;
      if (low) {
        const mine: FollowUpRatingRecord = { ref, storeId: visit.storeId, stars: input.stars, tags: input.tags, comment: input.comment, visitAt: visit.at, ratedAt: atIso };
        const open = openId ? await getFollowUp(openId) : undefined;
        if (open && open.status === 'open') {
          // Join the member's open follow-up: this store's manager sees who already handles it.
          followUpId = open.followUpId;
          const storeIsNew = !open.storeIds.includes(visit.storeId);
          items.push(followUpJoinItem(open.followUpId, mine, storeIsNew));
          if (storeIsNew) items.push(followUpStorePutItem(open.followUpId, visit.storeId, open.dueAt));
        } else {
          // No open follow-up (a claim naming a closed one was read between the two writes of a racing
          // close, which deletes it: the claim put below then holds, or fails and the plan runs again).
          followUpId = newId('fup', at);
          opened = 1;
          const followUp: FollowUpRecord = {
            followUpId,
            memberId,
            memberNo: member.memberNo,
            nickname: member.nickname,
            phoneMasked: member.phoneMasked ?? null,
            status: 'open',
            openedAt: atIso,
            dueAt: new Date(at + FOLLOW_UP_DUE_HOURS * HOUR_MS).toISOString(),
            storeIds: [visit.storeId],
            ratings: [mine],
          };
          items.push(openFollowUpClaimItem(memberId, followUpId, atIso), followUpPutItem(followUp), followUpStorePutItem(followUpId, visit.storeId, followUp.dueAt));
        }
      }
      const rating: RatingRecord = {
        memberId,
        ref,
        storeId: visit.storeId,
        kind: visit.kind,
        visitAt: visit.at,
        stars: input.stars,
        tags: input.tags,
        comment: input.comment,
        ratedAt: atIso,
        followUpId,
      };
      items.unshift(ratingPutItem(rating), visitRatedItem(visit, atIso), ratingStatsItem(visit.storeId, shanghaiDate(at), { count: 1, sum: input.stars, opened, closed: 0 }));
      return {
        response: { rating, followUp: low },
        items,
        onConditionFailed: (failed) => {
          if (failed.includes('rating') || failed.includes('visit')) throw new ConflictError('already_rated', 'This visit is already rated');
          // The open-follow-up claim or the follow-up itself changed meanwhile (opened by a racing low
          // rating, closed by a manager): plan again, and open or join as things now stand.
        },
      };
    },
  });
  return { rating: ratingView(answer.rating, await storeNames(), undefined), followUp: answer.followUp };
}
