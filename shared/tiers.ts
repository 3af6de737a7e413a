/**
 * Tiers by spend in the last 365 days (PRODUCT.md § Tiers). Multipliers are kept in per-mille so
 * that earning stays integer arithmetic: 1.2 × is 1200‰.
 */
export const TIERS = ['regular', 'silver', 'gold', 'vip'] as const;
export type Tier = (typeof TIERS)[number];

export interface TierRule {
  tier: Tier;
  /** Lowest 365-day spend (fen) that reaches this tier. */
  minSpendFen: number;
  multiplierPermille: number;
  label: string;
}

export const TIER_RULES: readonly TierRule[] = [
  { tier: 'regular', minSpendFen: 0, multiplierPermille: 1000, label: '普通会员' },
  { tier: 'silver', minSpendFen: 100_000, multiplierPermille: 1200, label: '银卡会员' },
  { tier: 'gold', minSpendFen: 300_000, multiplierPermille: 1500, label: '金卡会员' },
  { tier: 'vip', minSpendFen: 500_000, multiplierPermille: 2000, label: 'VIP会员' },
];

function ruleOf(tier: Tier): TierRule {
  return TIER_RULES.find((r) => r.tier === tier) ?? TIER_RULES[0]!;
}

export function tierForSpend(spend365Fen: number): Tier {
  let reached: Tier = 'regular';
  for (const rule of TIER_RULES) if (spend365Fen >= rule.minSpendFen) reached = rule.tier;
  return reached;
}

export function tierLabel(tier: Tier): string {
  return ruleOf(tier).label;
}

export function multiplierPermille(tier: Tier): number {
  return ruleOf(tier).multiplierPermille;
}

/** The next tier and how much more spend reaches it; null at the top tier. */
export function nextTier(spend365Fen: number): { tier: Tier; remainingFen: number } | null {
  const next = TIER_RULES.find((r) => r.minSpendFen > spend365Fen);
  return next ? { tier: next.tier, remainingFen: next.minSpendFen - spend365Fen } : null;
}
