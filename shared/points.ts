import { wholeYuan } from './money';
import { multiplierPermille, type Tier } from './tiers';

/** 100 points = ¥1, so one point takes one fen off a bill. */
export const FEN_PER_POINT = 1;

export interface CheckoutInput {
  amountFen: number;
  /** Points the member wants to use; capped at what the bill is worth. */
  redeemPoints: number;
  /** The member's tier before this bill (its multiplier applies to the bill). */
  tier: Tier;
}

export interface CheckoutAmounts {
  pointsSpent: number;
  discountFen: number;
  payableFen: number;
  pointsEarned: number;
}

/**
 * Spend first (never more than the bill), then earn on what is actually paid:
 * whole yuan × tier multiplier, rounded down. Whether the balance covers the spend is the
 * store's condition to enforce, not this function's.
 */
export function priceCheckout({ amountFen, redeemPoints, tier }: CheckoutInput): CheckoutAmounts {
  const pointsSpent = Math.min(redeemPoints, Math.floor(amountFen / FEN_PER_POINT));
  const discountFen = pointsSpent * FEN_PER_POINT;
  const payableFen = amountFen - discountFen;
  const pointsEarned = Math.floor((wholeYuan(payableFen) * multiplierPermille(tier)) / 1000);
  return { pointsSpent, discountFen, payableFen, pointsEarned };
}
