/** 注销会员 (PIPL art. 47): what is lost, the request with its 7-day cooling-off, and 撤销注销. One declaration per route (README § API, § Deletion). */
import { DeletionInfo, DeletionRequest } from '../../schemas/deletion';
import { defineRoute } from '../define';

export const privacyDeletionRoutes = {
  meDeletion: defineRoute({
    method: 'GET',
    path: '/v1/me/deletion',
    tag: 'member',
    summary: '注销会员: what deleting the membership forfeits (points, unused coupons, future bookings) and the pending request, if any',
    access: 'member',
    response: DeletionInfo,
    errors: ['member_not_found'],
  }),
  meDeletionRequest: defineRoute({
    method: 'POST',
    path: '/v1/me/deletion',
    tag: 'member',
    summary: '注销会员: asks for the membership to be deleted after a 7-day cooling-off (撤销注销 undoes it until then)',
    description:
      'When the cooling-off is over, the daily deletion job cancels future bookings (their seats are freed), voids coupons, forfeits the points (one `forfeit` ledger entry), erases the profile (phone, nickname, birthday, WeChat identity, tags, segment, subscriptions, preferences) and the claims of the phone, member number and WeChat account: the member code and every session stop working, staff looking the phone up find nothing, and signing in again with the same WeChat account creates a new, empty member. Bills and ledger entries stay for the store’s accounts, under the member id only, which nothing links to a person any more. Asking again while a request is pending answers the pending request.',
    access: 'member',
    body: DeletionRequest,
    idempotent: true,
    response: DeletionInfo,
    errors: ['member_not_found'],
  }),
  meDeletionCancel: defineRoute({
    method: 'POST',
    path: '/v1/me/deletion/cancel',
    tag: 'member',
    summary: '撤销注销: withdraws a pending deletion during the cooling-off (nothing pending: answers the same)',
    access: 'member',
    response: DeletionInfo,
    errors: ['member_not_found'],
  }),
};
