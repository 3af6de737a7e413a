import type { CardResponse } from '../../shared/schemas/member';
import { nextBooking } from './booking';
import { usableCouponCount } from './coupons';
import { cardOf, requireSignedInMember } from './members';

/** The one card: tier, points, progress to the next tier, coupons usable today, the next booking. */
export async function memberCard(memberId: string, now = Date.now()): Promise<CardResponse> {
  const [member, usableCoupons, next] = await Promise.all([requireSignedInMember(memberId), usableCouponCount(memberId, now), nextBooking(memberId, now)]);
  return { ...cardOf(member, now), usableCoupons, nextBooking: next };
}
