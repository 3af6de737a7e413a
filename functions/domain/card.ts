import type { CardResponse } from '../../shared/schemas/member';
import { usableCouponCount } from './coupons';
import { cardOf, requireMember } from './members';

/** The one card: tier, points, progress to the next tier and the coupons usable today. */
export async function memberCard(memberId: string, now = Date.now()): Promise<CardResponse> {
  const [member, usableCoupons] = await Promise.all([requireMember(memberId), usableCouponCount(memberId, now)]);
  return { ...cardOf(member, now), usableCoupons };
}
