import type { MemberCoupon, VisitResponse } from '../../../shared/api';
import {
  EMPTY_FIELDS,
  amountProblem,
  checkBill,
  memberDigitsProblem,
  receiptProblem,
  sanitizeMemberDigits,
  sanitizeReceiptInput,
  shownErrors,
  type CheckoutFields,
} from './checkout-form';

const coupon = (id: string, valueFen: number, minSpendFen = 0): MemberCoupon =>
  ({ id, kind: 'amount_off', valueFen, payPercent: null, capFen: null, minSpendFen, stackable: false }) as MemberCoupon;

const visit: Pick<VisitResponse, 'member' | 'coupons'> = {
  member: { memberNo: 'M1', nickname: '王小美', maskedPhone: null, tier: 'silver', points: 500, segment: null, tags: [] },
  coupons: [coupon('c-20', 2000, 5000)],
};

const fields = (over: Partial<CheckoutFields>): CheckoutFields => ({ ...EMPTY_FIELDS, ...over });

describe('the member code typed at the counter', () => {
  it('keeps digits only, as typed, and at most 16', () => {
    expect(sanitizeMemberDigits('1234 5678 abcd 9012-3456 99')).toBe('1234567890123456');
  });

  it('says how many digits are missing, and nothing once all 16 are there', () => {
    expect(memberDigitsProblem('')).toBe('请输入会员码下方的 16 位数字');
    expect(memberDigitsProblem('1234')).toBe('会员码为 16 位数字，还差 12 位');
    expect(memberDigitsProblem('1234 5678 9012 3456')).toBeNull();
  });
});

describe('the bill typed at the counter', () => {
  it('refuses a zero amount with 金额须大于0, and a missing or oversized one in words', () => {
    expect(amountProblem('0')).toBe('金额须大于0');
    expect(amountProblem('0.00')).toBe('金额须大于0');
    expect(amountProblem('')).toBe('请输入消费金额');
    expect(amountProblem('.')).toBe('请输入正确的金额，最多两位小数');
    expect(amountProblem('1000001')).toBe('消费金额过大，请核对');
    expect(amountProblem('88.5')).toBeNull();
  });

  it('refuses what a receipt number cannot hold as it is typed, and checks it with the API’s rule', () => {
    expect(sanitizeReceiptInput('JA 001/号#1')).toBe('JA001/#1');
    expect(receiptProblem('')).toBe('请输入或扫描小票号');
    expect(receiptProblem('JA-001')).toBeNull();
  });

  it('makes the request once every field is right', () => {
    const check = checkBill(visit, fields({ amount: '88', receiptNo: ' JA-001 ', redeem: '300' }));
    expect(check.errors).toEqual({});
    expect(check.bill).toEqual({ receiptNo: 'JA-001', amountFen: 8800, redeemPoints: 300, couponIds: [] });
    expect(check.preview).toMatchObject({ pointsSpent: 300, discountFen: 300, payableFen: 8500 });
  });

  it('prices a bill without a receipt number yet, so the amount due shows while it is typed', () => {
    const check = checkBill(visit, fields({ amount: '88' }));
    expect(check.bill).toBeNull();
    expect(check.preview?.payableFen).toBe(8800);
    expect(check.preview?.pointsSpent).toBe(0);
  });

  it('takes a ticked coupon off first, and only once the amount reaches its minimum', () => {
    expect(checkBill(visit, fields({ amount: '40', ticked: ['c-20'] })).couponIds).toEqual([]);
    const check = checkBill(visit, fields({ amount: '60', receiptNo: 'A1', ticked: ['c-20'] }));
    expect(check.couponIds).toEqual(['c-20']);
    expect(check.preview).toMatchObject({ couponDiscountFen: 2000, payableFen: 4000 });
  });

  it('refuses more points than the member has, or than the bill leaves to pay', () => {
    expect(checkBill(visit, fields({ amount: '88', redeem: '501' })).errors.redeem).toBe('积分不足：最多可用 500 积分');
    expect(checkBill(visit, fields({ amount: '3', redeem: '400' })).errors.redeem).toBe('本单最多可用 300 积分');
    expect(checkBill(visit, fields({ amount: '3', redeem: '300' })).errors.redeem).toBeUndefined();
  });

  it('shows a field’s error once something is typed in it, every error after 确认收银, and none once the field is right', () => {
    const zero = fields({ amount: '0' });
    expect(shownErrors(checkBill(visit, zero), zero, false)).toEqual({ amount: '金额须大于0' });
    expect(shownErrors(checkBill(visit, zero), zero, true)).toEqual({ amount: '金额须大于0', receiptNo: '请输入或扫描小票号' });
    const fixed = fields({ amount: '0.5', receiptNo: 'A1' });
    expect(shownErrors(checkBill(visit, fixed), fixed, true)).toEqual({});
  });
});
