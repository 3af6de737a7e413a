/** Rating a visit and the follow-up a low rating opens (README § Ratings and follow-ups). One declaration per route (README § API). */
import {
  FollowUpOutcomeRequest,
  FollowUpOutcomeResponse,
  FollowUpPath,
  FollowUpsQuery,
  FollowUpsResponse,
  MyRatingsResponse,
  PendingRatingsResponse,
  RatingPath,
  RatingRequest,
  RatingResponse,
} from '../../schemas/ratings';
import { MANAGERS } from './common';
import { defineRoute } from '../define';

export const ratingsRoutes = {
  meRate: defineRoute({
    method: 'POST',
    path: '/v1/me/visits/{ref}/rating',
    tag: 'member',
    summary: 'Rate a visit of the last 72 hours (1–5 stars, tags, a comment ≤ 200); 3 stars or fewer opens or joins the member’s one follow-up',
    description:
      '`ref` is the checkout id of a purchase or the booking id of a checked-in booking, as `GET /v1/me/ratings/pending` lists them. A visit that is not the caller’s, older than 72 hours or unknown answers 404 `visit_not_rateable`; a second rating of a visit 409 `already_rated` (the same Idempotency-Key replays the first answer).',
    access: 'member',
    params: RatingPath,
    body: RatingRequest,
    idempotent: true,
    status: 201,
    response: RatingResponse,
    errors: ['visit_not_rateable', 'already_rated', 'consent_required', 'member_not_found'],
  }),
  meRatingsPending: defineRoute({
    method: 'GET',
    path: '/v1/me/ratings/pending',
    tag: 'member',
    summary: '待评价: the member’s visits of the last 72 hours not rated yet, newest first',
    access: 'member',
    response: PendingRatingsResponse,
  }),
  meRatings: defineRoute({
    method: 'GET',
    path: '/v1/me/ratings',
    tag: 'member',
    summary: '我的评价: the member’s ratings, newest first, each with 门店已回复 (and the latest outcome) once a store answered its follow-up',
    access: 'member',
    response: MyRatingsResponse,
  }),
  adminFollowUps: defineRoute({
    method: 'GET',
    path: '/v1/admin/follow-ups',
    tag: 'admin',
    summary: '待跟进: a manager’s store’s open and recently closed follow-ups; HQ every open one across the chain, due first, overdue flagged',
    description:
      'HQ may pass `overdue=true` (only those past their due time and not answered yet) or `storeId` (one store’s, as its manager sees them). The answer also lists the goodwill coupon templates the caller may give with a step.',
    access: 'staff',
    roles: MANAGERS,
    query: FollowUpsQuery,
    response: FollowUpsResponse,
    errors: ['unknown_store'],
  }),
  adminFollowUpOutcome: defineRoute({
    method: 'POST',
    path: '/v1/admin/follow-ups/{id}/outcome',
    tag: 'admin',
    summary:
      'Record what a store did (记录跟进): 已联系 is a step and keeps the follow-up open (the member’s one; a later low rating joins it); 已解决 or 无法联系 closes it. A note, optionally a goodwill coupon (once per follow-up), in one audited transaction',
    description:
      'Only a manager of a store involved, or HQ. 已联系 appends a step, sets `respondedAt` the first time (an answered follow-up is no longer overdue) and writes the audit entry `follow_up_contact`. 已解决 / 无法联系 closes it: its index entries moved, the member’s open-follow-up claim released, audited `follow_up_close`. The coupon must come from an active template HQ marked `goodwill`, and a follow-up gets at most one (409 `goodwill_already_given`); it is issued in the step’s transaction. A closed follow-up answers 409 `follow_up_closed`.',
    access: 'staff',
    roles: MANAGERS,
    params: FollowUpPath,
    body: FollowUpOutcomeRequest,
    idempotent: true,
    response: FollowUpOutcomeResponse,
    errors: [
      'follow_up_not_found',
      'follow_up_closed',
      'goodwill_already_given',
      'not_follow_up_store',
      'template_not_found',
      'template_not_goodwill',
      'template_not_active',
      'sold_out',
      'limit_reached',
      'member_not_found',
    ],
  }),
};
