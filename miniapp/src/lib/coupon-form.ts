/**
 * The 新建券模板 form: what the manager types (yuan, 折, dates, counts as text) → the API's
 * CouponTemplateInput, checked with the same shared zod schema the API uses, each problem worded
 * in Chinese before anything is sent.
 */
import { addDays } from '../../../shared/dates';
import { CouponTemplateInput, type ObtainedBy } from '../../../shared/api';
import type { CouponKind } from '../../../shared/coupons';
import { parseYuanToFen } from './format';

export interface TemplateForm {
  name: string;
  kind: CouponKind;
  /** 满减: yuan off; 兑换券: the item's value in yuan. */
  value: string;
  /** 折扣: '8.5' (折), i.e. 85% of the bill is paid. */
  fold: string;
  /** 折扣: the most it takes off in yuan; '' for no cap. */
  cap: string;
  itemName: string;
  /** Minimum spend in yuan; '' or '0' for none. */
  minSpend: string;
  validityType: 'fixed' | 'relative';
  from: string;
  to: string;
  days: string;
  /** HQ's choice; null for every store. A manager's template is their own store's (set by the page). */
  storeIds: string[] | null;
  stockLimited: boolean;
  stock: string;
  perMemberLimit: string;
  obtainedBy: ObtainedBy;
  pointsCost: string;
  stackable: boolean;
}

/** A blank form: 30 days from issue (fixed dates preset to today + 29), every store, unlimited, one each. */
export function emptyForm(today: string): TemplateForm {
  return {
    name: '',
    kind: 'amount_off',
    value: '',
    fold: '',
    cap: '',
    itemName: '',
    minSpend: '',
    validityType: 'relative',
    from: today,
    to: addDays(today, 29),
    days: '30',
    storeIds: null,
    stockLimited: false,
    stock: '',
    perMemberLimit: '1',
    obtainedBy: 'claim',
    pointsCost: '',
    stackable: false,
  };
}

/** '8.5' → 85, '9' → 90, '0.5' → 5; null unless 0.1–9.9 折 with at most one decimal. */
export function parseFold(text: string): number | null {
  const match = text.trim().match(/^(\d)(?:\.(\d))?$/);
  if (!match) return null;
  const percent = Number.parseInt(match[1]!, 10) * 10 + Number.parseInt(match[2] ?? '0', 10);
  return percent >= 1 && percent <= 99 ? percent : null;
}

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,9}$/.test(trimmed) ? Number.parseInt(trimmed, 10) : null;
}

const FIELD_LABELS: Record<string, string> = {
  name: '券名称须为 1–30 个字',
  valueFen: '请填写券面值',
  payPercent: '折扣须在 0.1 至 9.9 折之间',
  capFen: '最多减免金额不正确',
  itemName: '请填写兑换商品（最多 30 个字）',
  minSpendFen: '使用门槛不正确',
  validity: '有效期不正确',
  storeIds: '请至少选择一家门店',
  stock: '库存须为 1 以上的整数',
  perMemberLimit: '每人限领须在 1 至 100 之间',
  pointsCost: '请填写兑换所需积分',
};

/** The form as the API's input, or the problems to show (in Chinese, one per field). */
export function toTemplateInput(form: TemplateForm): { input: CouponTemplateInput } | { errors: string[] } {
  const errors: string[] = [];
  const yuan = (text: string, problem: string, optional: boolean): number | null => {
    if (optional && text.trim() === '') return null;
    const fen = parseYuanToFen(text);
    if (fen === null) errors.push(problem);
    return fen;
  };

  let valueFen = 0;
  let payPercent: number | null = null;
  let capFen: number | null = null;
  let itemName: string | null = null;
  if (form.kind === 'amount_off') {
    valueFen = yuan(form.value, '请填写减免金额（元）', false) ?? 0;
  } else if (form.kind === 'percent_off') {
    payPercent = parseFold(form.fold);
    if (payPercent === null) errors.push(FIELD_LABELS.payPercent!);
    capFen = yuan(form.cap, FIELD_LABELS.capFen!, true);
  } else {
    itemName = form.itemName.trim() || null;
    valueFen = yuan(form.value, '请填写商品价值（元）', false) ?? 0;
  }
  const minSpendFen = yuan(form.minSpend, FIELD_LABELS.minSpendFen!, true) ?? 0;

  let days = 0;
  if (form.validityType === 'relative') {
    days = wholeNumber(form.days) ?? 0;
    if (days < 1 || days > 3650) errors.push('有效天数须在 1 至 3650 之间');
  } else if (form.from > form.to) {
    errors.push('有效期开始日期不能晚于结束日期');
  }

  let stock: number | null = null;
  if (form.stockLimited) {
    stock = wholeNumber(form.stock);
    if (stock === null || stock < 1) errors.push(FIELD_LABELS.stock!);
  }
  const perMemberLimit = wholeNumber(form.perMemberLimit);
  if (perMemberLimit === null) errors.push(FIELD_LABELS.perMemberLimit!);
  let pointsCost: number | null = null;
  if (form.obtainedBy === 'exchange') {
    pointsCost = wholeNumber(form.pointsCost);
    if (pointsCost === null || pointsCost < 1) errors.push(FIELD_LABELS.pointsCost!);
  }
  if (errors.length) return { errors };

  const input: CouponTemplateInput = {
    name: form.name.trim(),
    kind: form.kind,
    valueFen,
    payPercent,
    capFen,
    itemName,
    minSpendFen,
    validity: form.validityType === 'fixed' ? { type: 'fixed', from: form.from, to: form.to } : { type: 'relative', days },
    storeIds: form.storeIds,
    stock,
    perMemberLimit: perMemberLimit ?? 1,
    obtainedBy: form.obtainedBy,
    pointsCost,
    stackable: form.stackable,
  };
  const checked = CouponTemplateInput.safeParse(input);
  if (!checked.success) {
    const problems = checked.error.issues.map((issue) => FIELD_LABELS[String(issue.path[0] ?? '')] ?? issue.message);
    return { errors: [...new Set(problems)] };
  }
  return { input };
}
