import type { CardResponse } from '../../shared/schemas/member';
import { nextBooking } from './booking';
import { usableCouponCount } from './coupons';
import { cardOf, requireSignedInMember } from './members';
import { pendingRatingForCard } from './ratings';

/** The one card: tier, points, progress to the next tier, coupons usable today, the next booking, 待评价. */
export async function memberCard(memberId: string, now = Date.now()): Promise<CardResponse> {
  // 待评价 is one more query beside the others: the card stays one round trip of parallel reads.
  const [member, usableCoupons, next, pendingRating] = await Promise.all([
    requireSignedInMember(memberId),
    usableCouponCount(memberId, now),
    nextBooking(memberId, now),
    pendingRatingForCard(memberId, now),
  ]);
  return { ...cardOf(member, now), usableCoupons, nextBooking: next, pendingRating };
}
