/**
 * The counter's forms out of the pages: the member's 16 digits, then the bill (amount, receipt
 * number, points, coupons). Each field has its own problem in the clerk's words, computed from
 * what is typed now, so an error goes away as soon as the field is right. The receipt number is
 * checked with the very schema the API parses; the preview prices the bill as the API will.
 */
import { CheckoutRequest, MAX_BILL_FEN, type VisitResponse } from '../../../shared/api';
import { applicableCoupons, previewBill, type BillPreview } from './coupons';
import { normalizeMemberDigits, parsePoints, parseYuanToFen } from './format';

// ---- the member's code -------------------------------------------------------------------------

/** Only digits, as typed (spaces from a pasted '1234 5678 …' go too), at most 16. */
export const sanitizeMemberDigits = (text: string): string => text.replace(/\D/g, '').slice(0, 16);

/** What is wrong with the typed digits, or null when they are the member's 16. */
export function memberDigitsProblem(text: string): string | null {
  if (normalizeMemberDigits(text)) return null;
  const digits = text.replace(/\D/g, '').length;
  return digits === 0 ? '请输入会员码下方的 16 位数字' : `会员码为 16 位数字，还差 ${16 - digits} 位`;
}

// ---- the bill ----------------------------------------------------------------------------------

export interface CheckoutFields {
  /** Yuan as typed. */
  amount: string;
  receiptNo: string;
  /** Points as typed; '' for none. */
  redeem: string;
  /** Coupons the clerk ticked, in order (those below their minimum for the amount drop out). */
  ticked: string[];
}

export type CheckoutField = 'amount' | 'receiptNo' | 'redeem';
export type FieldErrors = Partial<Record<CheckoutField, string>>;
export type Bill = CheckoutRequest & { redeemPoints: number; couponIds: string[] };

export const EMPTY_FIELDS: CheckoutFields = { amount: '', receiptNo: '', redeem: '', ticked: [] };

/** What a receipt number may hold (the API's rule), so anything else is refused as it is typed. */
export const sanitizeReceiptInput = (text: string): string => text.replace(/[^A-Za-z0-9_\-/#.]/g, '').slice(0, 64);

export function amountProblem(text: string): string | null {
  if (text.trim() === '') return '请输入消费金额';
  const fen = parseYuanToFen(text);
  if (fen === null) return '请输入正确的金额，最多两位小数';
  if (fen <= 0) return '金额须大于0';
  if (fen > MAX_BILL_FEN) return '消费金额过大，请核对';
  return null;
}

export function receiptProblem(text: string): string | null {
  if (text.trim() === '') return '请输入或扫描小票号';
  return CheckoutRequest.shape.receiptNo.safeParse(text).success ? null : '小票号仅限字母、数字及 - _ / # .';
}

export interface BillCheck {
  /** Every field's problem now, whether or not it is shown yet (see shownErrors). */
  errors: FieldErrors;
  /** The amount in fen, once it is a right one (coupons' minimums are checked against it). */
  amountFen: number | null;
  /** The request to send, once nothing is wrong. */
  bill: Bill | null;
  /** The amounts as the API will price them, once the amount and points are right. */
  preview: BillPreview | null;
  /** The ticked coupons that apply to the amount typed. */
  couponIds: string[];
}

export function checkBill(visit: Pick<VisitResponse, 'member' | 'coupons'>, fields: CheckoutFields): BillCheck {
  const errors: FieldErrors = {};
  const amountError = amountProblem(fields.amount);
  if (amountError) errors.amount = amountError;
  const receiptError = receiptProblem(fields.receiptNo);
  if (receiptError) errors.receiptNo = receiptError;

  const amountFen = amountError ? null : parseYuanToFen(fields.amount);
  const coupons = applicableCoupons(fields.ticked, visit.coupons, amountFen);
  const couponIds = coupons.map((c) => c.id);

  const redeemPoints = parsePoints(fields.redeem);
  const { points, tier } = visit.member;
  if (redeemPoints === null) errors.redeem = '使用积分须为整数';
  else if (redeemPoints > points) errors.redeem = `积分不足：最多可用 ${points} 积分`;

  if (amountFen === null || redeemPoints === null || errors.redeem) return { errors, amountFen, bill: null, preview: null, couponIds };

  // Coupons come off first; points pay at most what is left.
  const { couponDiscountFen } = previewBill({ amountFen, coupons, redeemPoints: 0, tier });
  const maxPoints = amountFen - couponDiscountFen;
  if (redeemPoints > maxPoints) {
    errors.redeem = `本单最多可用 ${maxPoints} 积分`;
    return { errors, amountFen, bill: null, preview: null, couponIds };
  }
  const preview = previewBill({ amountFen, coupons, redeemPoints, tier });
  const bill = errors.receiptNo ? null : { receiptNo: fields.receiptNo.trim(), amountFen, redeemPoints, couponIds };
  return { errors, amountFen, bill, preview, couponIds };
}

/**
 * The errors to show: a field's once something is typed in it, every field's after the clerk
 * tapped 确认收银. Being computed from the fields, an error disappears once its field is right.
 */
export function shownErrors(check: BillCheck, fields: CheckoutFields, tried: boolean): FieldErrors {
  const shown: FieldErrors = {};
  for (const field of ['amount', 'receiptNo', 'redeem'] as const) {
    const error = check.errors[field];
    if (error && (tried || fields[field].trim() !== '')) shown[field] = error;
  }
  return shown;
}
