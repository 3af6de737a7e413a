/** Rating a visit and the follow-up a low rating opens (README § Ratings and follow-ups). One declaration per route (README § API). */
import {
  FollowUpCloseRequest,
  FollowUpCloseResponse,
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
    summary: '我的评价: the member’s ratings, newest first, each with 门店已回复 once a store closed its follow-up',
    access: 'member',
    response: MyRatingsResponse,
  }),
  adminFollowUps: defineRoute({
    method: 'GET',
    path: '/v1/admin/follow-ups',
    tag: 'admin',
    summary: '待跟进: a manager’s store’s open and recently closed follow-ups; HQ every open one across the chain, due first, overdue flagged',
    description:
      'HQ may pass `overdue=true` (only those past their due time) or `storeId` (one store’s, as its manager sees them). The answer also lists the goodwill coupon templates the caller may give when closing.',
    access: 'staff',
    roles: MANAGERS,
    query: FollowUpsQuery,
    response: FollowUpsResponse,
    errors: ['unknown_store'],
  }),
  adminFollowUpClose: defineRoute({
    method: 'POST',
    path: '/v1/admin/follow-ups/{id}/close',
    tag: 'admin',
    summary: 'Close a follow-up with its outcome (已联系, 已解决, 无法联系) and a note, optionally giving a goodwill coupon in the same transaction; audited',
    description:
      'Only a manager of a store involved, or HQ. The coupon must come from an active template HQ marked `goodwill`; it is issued, the follow-up closed, its index entries and the member’s open-follow-up claim removed and the audit entry written in one transaction.',
    access: 'staff',
    roles: MANAGERS,
    params: FollowUpPath,
    body: FollowUpCloseRequest,
    idempotent: true,
    response: FollowUpCloseResponse,
    errors: [
      'follow_up_not_found',
      'follow_up_closed',
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
