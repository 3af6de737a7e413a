/**
 * Properties of money, points, tiers and coupons (issue 14 §3), over generated bills. Every amount
 * is integer fen; the references below recompute the documented rules in BigInt, so a float that
 * crept into the arithmetic would show as a mismatch rather than pass by rounding luck.
 * A failure prints its seed and path: rerun with `fc.assert(…, { seed, path })` (README § Test it).
 */
import fc from 'fast-check';
import { applyCoupons, usableNow } from '../../../functions/domain/coupons';
import type { MemberCouponRecord } from '../../../functions/store/records';
import { addDays } from '../../../shared/dates';
import { COUPON_KINDS, couponDiscountFen, couponRefusal, validityWindow, type CouponTerms } from '../../../shared/coupons';
import { wholeYuan } from '../../../shared/money';
import { FEN_PER_POINT, priceCheckout } from '../../../shared/points';
import { MAX_BILL_FEN } from '../../../shared/schemas/staff';
import { TIER_RULES, TIERS, multiplierPermille, nextTier, tierForSpend, type Tier } from '../../../shared/tiers';
import { applicableCoupons, previewBill, toggleCoupon } from '../../../miniapp/src/lib/coupons';

const RUNS = { numRuns: 500 };

// ---- generators ---------------------------------------------------------------------------------

const STORES = ['store-a', 'store-b', 'store-c'];
const amountFen = fc.integer({ min: 1, max: MAX_BILL_FEN });
const anyAmountFen = fc.integer({ min: 0, max: MAX_BILL_FEN });
const redeemPoints = fc.integer({ min: 0, max: MAX_BILL_FEN });
const tier = fc.constantFrom<Tier>(...TIERS);
/** Small bills and round ones are where rounding and minimums bite: weight them in. */
const billFen = fc.oneof(
  amountFen,
  fc.integer({ min: 1, max: 10_000 }),
  fc.integer({ min: 1, max: 10_000 }).map((y) => y * 100),
);
/** A Shanghai business date in 2025–2028. */
const date = fc.integer({ min: 0, max: 4 * 366 }).map((d) => addDays('2025-01-01', d));

const weightedBool = (trueWeight: number, falseWeight: number) =>
  fc.oneof({ arbitrary: fc.constant(true), weight: trueWeight }, { arbitrary: fc.constant(false), weight: falseWeight });

const terms: fc.Arbitrary<CouponTerms> = fc
  .record({
    kind: fc.constantFrom(...COUPON_KINDS),
    valueFen: fc.integer({ min: 1, max: 200_000 }),
    payPercent: fc.integer({ min: 1, max: 99 }),
    capFen: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
    minSpendFen: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 0, max: 500_000 })),
    storeIds: fc.option(fc.subarray(STORES, { minLength: 1 }), { nil: null }),
    stackable: weightedBool(3, 1),
  })
  // The template schema's shape: payPercent and capFen only on a discount coupon.
  .map((t) => (t.kind === 'percent_off' ? t : { ...t, payPercent: null, capFen: null }));

let couponSeq = 0;
/** A coupon the member holds, its window around `today` (mostly covering it, sometimes just before or after). */
const heldCoupon = (today: string): fc.Arbitrary<MemberCouponRecord> =>
  fc
    .record({ terms, startsIn: fc.integer({ min: -30, max: 2 }), days: fc.integer({ min: 1, max: 90 }), used: weightedBool(1, 4) })
    .map(({ terms: t, startsIn, days, used }) => {
      const validFrom = addDays(today, startsIn);
      const id = `cpn-${++couponSeq}`;
      return {
        ...t,
        couponId: id,
        memberId: 'mem-1',
        templateId: `tpl-${id}`,
        name: id,
        itemName: t.kind === 'free_item' ? '招牌奶茶' : null,
        validFrom,
        validTo: addDays(validFrom, days - 1),
        status: used ? 'used' : 'available',
        source: 'claim',
        issuedAt: '2025-01-01T00:00:00.000Z',
        issuedBy: null,
        usedAt: null,
        usedStoreId: null,
        usedCheckoutId: null,
      } satisfies MemberCouponRecord;
    });

// ---- BigInt references of the documented rules ---------------------------------------------------

/** percent_off: floor(amount × (100 − payPercent) / 100), at most the cap; others: the value. Never past the bill. */
function referenceDiscount(t: Pick<CouponTerms, 'kind' | 'valueFen' | 'payPercent' | 'capFen'>, amount: number): number {
  let off: bigint;
  if (t.kind === 'percent_off') {
    off = (BigInt(amount) * BigInt(100 - (t.payPercent ?? 100))) / 100n;
    if (t.capFen !== null && BigInt(t.capFen) < off) off = BigInt(t.capFen);
  } else off = BigInt(t.valueFen);
  return Number(off < BigInt(amount) ? off : BigInt(amount));
}

/** Points earned: whole yuan paid × the tier's per-mille multiplier / 1000, rounded down. */
const referenceEarned = (payableFen: number, t: Tier) => Number(((BigInt(payableFen) / 100n) * BigInt(multiplierPermille(t))) / 1000n);

const isFen = (n: number) => Number.isSafeInteger(n) && n >= 0;

// ---- points -------------------------------------------------------------------------------------

describe('priceCheckout: points on a bill', () => {
  it('never charges below zero, never takes off more than the bill, and splits the bill exactly into points and payable', () => {
    fc.assert(
      fc.property(anyAmountFen, redeemPoints, tier, (amount, redeem, t) => {
        const p = priceCheckout({ amountFen: amount, redeemPoints: redeem, tier: t });
        expect([p.pointsSpent, p.discountFen, p.payableFen, p.pointsEarned].every(isFen)).toBe(true);
        expect(p.discountFen).toBeLessThanOrEqual(amount);
        expect(p.discountFen + p.payableFen).toBe(amount);
        expect(p.pointsSpent).toBe(Math.min(redeem, amount)); // 1 point = 1 fen, capped at the bill
        expect(p.discountFen).toBe(p.pointsSpent * FEN_PER_POINT);
      }),
      RUNS,
    );
  });

  it('earns whole yuan paid × the tier multiplier, rounded down — exactly, with no float error', () => {
    fc.assert(
      fc.property(anyAmountFen, redeemPoints, tier, (amount, redeem, t) => {
        const p = priceCheckout({ amountFen: amount, redeemPoints: redeem, tier: t });
        expect(p.pointsEarned).toBe(referenceEarned(p.payableFen, t));
        expect(wholeYuan(p.payableFen)).toBe(Number(BigInt(p.payableFen) / 100n));
      }),
      RUNS,
    );
  });

  it('earns the exact figure at every whole yuan where a float product could land just under an integer', () => {
    // 1.2 × and 1.5 × as floats misround at some yuan (e.g. 0.1 × 3): per-mille integers must not.
    const wrong: string[] = [];
    for (const t of TIERS) {
      for (let yuan = 0; yuan <= 100_000; yuan++) {
        const earned = priceCheckout({ amountFen: yuan * 100 + (yuan % 100), redeemPoints: 0, tier: t }).pointsEarned;
        if (earned !== referenceEarned(yuan * 100, t)) wrong.push(`${t} ¥${yuan}: ${earned}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('never earns fewer points as the amount paid grows, and never fewer on a higher tier', () => {
    fc.assert(
      fc.property(anyAmountFen, anyAmountFen, tier, tier, (a, b, t1, t2) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const [low, high] = TIERS.indexOf(t1) <= TIERS.indexOf(t2) ? [t1, t2] : [t2, t1];
        const earned = (fen: number, t: Tier) => priceCheckout({ amountFen: fen, redeemPoints: 0, tier: t }).pointsEarned;
        expect(earned(lo, low)).toBeLessThanOrEqual(earned(hi, low));
        expect(earned(lo, low)).toBeLessThanOrEqual(earned(lo, high));
      }),
      RUNS,
    );
  });

  it('never earns more by redeeming more points on the same bill', () => {
    fc.assert(
      fc.property(anyAmountFen, redeemPoints, redeemPoints, tier, (amount, r1, r2, t) => {
        const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
        const a = priceCheckout({ amountFen: amount, redeemPoints: lo, tier: t });
        const b = priceCheckout({ amountFen: amount, redeemPoints: hi, tier: t });
        expect(b.payableFen).toBeLessThanOrEqual(a.payableFen);
        expect(b.pointsEarned).toBeLessThanOrEqual(a.pointsEarned);
      }),
      RUNS,
    );
  });
});

// ---- tiers --------------------------------------------------------------------------------------

describe('tiers by 365-day spend', () => {
  const rank = (t: Tier) => TIERS.indexOf(t);
  const spend = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));

  it('never goes down as spend grows', () => {
    fc.assert(
      fc.property(spend, spend, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(rank(tierForSpend(lo))).toBeLessThanOrEqual(rank(tierForSpend(hi)));
      }),
      RUNS,
    );
  });

  it('reaches each tier exactly at its threshold, not a fen before', () => {
    for (const rule of TIER_RULES) {
      expect(tierForSpend(rule.minSpendFen)).toBe(rule.tier);
      if (rule.minSpendFen > 0) expect(rank(tierForSpend(rule.minSpendFen - 1))).toBe(rank(rule.tier) - 1);
    }
  });

  it('says how much more spend reaches the next tier, to the fen', () => {
    fc.assert(
      fc.property(spend, (s) => {
        const next = nextTier(s);
        if (next === null) {
          expect(tierForSpend(s)).toBe('vip');
          return;
        }
        expect(next.remainingFen).toBeGreaterThan(0);
        expect(Number.isSafeInteger(next.remainingFen)).toBe(true);
        expect(tierForSpend(s + next.remainingFen)).toBe(next.tier);
        expect(tierForSpend(s + next.remainingFen - 1)).toBe(tierForSpend(s));
      }),
      RUNS,
    );
  });
});

// ---- coupons ------------------------------------------------------------------------------------

describe('couponDiscountFen: what one coupon takes off', () => {
  it('is an integer between 0 and the bill, equal to the documented rounding of amount × rate (capped)', () => {
    fc.assert(
      fc.property(terms, anyAmountFen, (t, amount) => {
        const off = couponDiscountFen(t, amount);
        expect(isFen(off)).toBe(true);
        expect(off).toBeLessThanOrEqual(amount);
        expect(off).toBe(referenceDiscount(t, amount));
      }),
      RUNS,
    );
  });

  it('never takes off more on a smaller bill (a discount is monotone in the amount)', () => {
    fc.assert(
      fc.property(terms, anyAmountFen, anyAmountFen, (t, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(couponDiscountFen(t, lo)).toBeLessThanOrEqual(couponDiscountFen(t, hi));
      }),
      RUNS,
    );
  });
});

describe('validity windows', () => {
  it('a relative validity of N days counts the issue day: N days, both ends inclusive', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 3650 }), (issuedOn, days) => {
        const w = validityWindow({ type: 'relative', days }, issuedOn);
        expect(w.validFrom).toBe(issuedOn);
        expect(addDays(w.validFrom, days - 1)).toBe(w.validTo);
        expect((Date.parse(`${w.validTo}T00:00:00Z`) - Date.parse(`${w.validFrom}T00:00:00Z`)) / 86_400_000).toBe(days - 1);
        const bill = { storeId: 'store-a', amountFen: 1, today: '' };
        const coupon = { ...w, minSpendFen: 0, storeIds: null };
        expect(couponRefusal(coupon, { ...bill, today: w.validFrom })).toBeNull();
        expect(couponRefusal(coupon, { ...bill, today: w.validTo })).toBeNull();
        expect(couponRefusal(coupon, { ...bill, today: addDays(w.validFrom, -1) })).toBe('coupon_not_yet_valid');
        expect(couponRefusal(coupon, { ...bill, today: addDays(w.validTo, 1) })).toBe('coupon_expired');
      }),
      RUNS,
    );
  });
});

// ---- a whole bill: coupons, then points, then earning ---------------------------------------------

/** The server's pricing, as functions/domain/checkout.ts composes it: applyCoupons, then priceCheckout. */
function serverPrice(held: MemberCouponRecord[], couponIds: string[], bill: { storeId: string; amountFen: number; today: string; redeemPoints: number; tier: Tier }) {
  const applied = applyCoupons(held, couponIds, bill);
  const couponDiscount = applied.reduce((sum, a) => sum + a.discountFen, 0);
  return { applied, couponDiscountFen: couponDiscount, ...priceCheckout({ amountFen: bill.amountFen - couponDiscount, redeemPoints: bill.redeemPoints, tier: bill.tier }) };
}

const counterBill = date.chain((today) =>
  fc.record({
    held: fc.array(heldCoupon(today), { maxLength: 8 }),
    storeId: fc.constantFrom(...STORES),
    today: fc.constant(today),
    amountFen: billFen,
    redeemPoints: fc.oneof(fc.constant(0), redeemPoints, fc.integer({ min: 0, max: 20_000 })),
    tier,
    /** The clerk's taps, as indexes into the coupons the visit shows. */
    taps: fc.array(fc.nat(), { maxLength: 8 }),
  }),
);

describe('a bill at the counter', () => {
  it('the preview the counter shows is what the server charges, for every bill the counter lets the clerk send', () => {
    const seen = { oneCoupon: 0, stacked: 0, points: 0 };
    fc.assert(
      fc.property(counterBill, ({ held, storeId, today, amountFen: amount, redeemPoints: redeem, tier: t, taps }) => {
        // The visit lists the coupons usable here today (functions/domain/visits.ts); the clerk ticks some.
        const shown = held.filter((c) => usableNow(c, today, storeId)).map((c) => ({ ...c, id: c.couponId }));
        let ticked: string[] = [];
        // Each coupon tapped once at most (a second tap unticks, which toggleCoupon's own tests cover).
        const tapped = shown.length > 0 ? [...new Set(taps.map((tap) => tap % shown.length))] : [];
        for (const i of tapped) ticked = toggleCoupon(ticked, shown[i]!, shown);
        const coupons = applicableCoupons(ticked, shown, amount);
        // checkBill lets through at most what is left after coupons.
        const maxPoints = amount - previewBill({ amountFen: amount, coupons, redeemPoints: 0, tier: t }).couponDiscountFen;
        const points = Math.min(redeem, maxPoints);
        const preview = previewBill({ amountFen: amount, coupons, redeemPoints: points, tier: t });

        const charged = serverPrice(
          held,
          coupons.map((c) => c.id),
          { storeId, amountFen: amount, today, redeemPoints: points, tier: t },
        );
        const { applied: _applied, ...amounts } = charged;
        expect(amounts).toEqual(preview);
        expect(preview.pointsSpent).toBe(points);
        if (coupons.length === 1) seen.oneCoupon++;
        if (coupons.length > 1) seen.stacked++;
        if (points > 0 && coupons.length > 0) seen.points++;
      }),
      { numRuns: 1000 },
    );
    // Not vacuous: many of the bills carried one coupon, stacked coupons, and points on top of coupons.
    expect(seen.oneCoupon).toBeGreaterThan(100);
    expect(seen.stacked).toBeGreaterThan(10);
    expect(seen.points).toBeGreaterThan(50);
  });

  it('whatever coupons and points are asked for, the server never charges below zero nor discounts past the bill', () => {
    fc.assert(
      fc.property(counterBill, fc.array(fc.nat(), { maxLength: 5 }), ({ held, storeId, today, amountFen: amount, redeemPoints: redeem, tier: t }, picks) => {
        if (held.length === 0) return;
        const ids = [...new Set(picks.map((i) => held[i % held.length]!.couponId))];
        let charged: ReturnType<typeof serverPrice>;
        try {
          charged = serverPrice(held, ids, { storeId, amountFen: amount, today, redeemPoints: redeem, tier: t });
        } catch (e) {
          // Refused bills name a documented reason (README § Coupons).
          expect((e as { code?: string }).code).toMatch(/^coupon_(not_yet_valid|expired|not_valid_at_store|min_spend|not_stackable|used)$/);
          return;
        }
        const { applied, couponDiscountFen: couponOff, discountFen, payableFen, pointsEarned } = charged;
        expect([couponOff, discountFen, payableFen, pointsEarned].every(isFen)).toBe(true);
        expect(couponOff + discountFen).toBeLessThanOrEqual(amount);
        expect(couponOff + discountFen + payableFen).toBe(amount);
        expect(payableFen).toBeGreaterThanOrEqual(0);
        for (const a of applied) expect(a.discountFen).toBeLessThanOrEqual(referenceDiscount(a.coupon, amount));
        if (applied.length === 1) expect(couponOff).toBe(referenceDiscount(applied[0]!.coupon, amount));
        expect(pointsEarned).toBe(referenceEarned(payableFen, t));
      }),
      { numRuns: 1000 },
    );
  });

  it('paying more on the same coupons and points never earns fewer points', () => {
    fc.assert(
      fc.property(terms, anyAmountFen, anyAmountFen, redeemPoints, tier, (t, a, b, redeem, tr) => {
        // A coupon with no minimum that every bill may use, so both bills take the same path.
        const coupon = { ...t, minSpendFen: 0, id: 'c' };
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const x = previewBill({ amountFen: lo, coupons: [coupon], redeemPoints: redeem, tier: tr });
        const y = previewBill({ amountFen: hi, coupons: [coupon], redeemPoints: redeem, tier: tr });
        if (x.payableFen <= y.payableFen) expect(x.pointsEarned).toBeLessThanOrEqual(y.pointsEarned);
      }),
      RUNS,
    );
  });
});
