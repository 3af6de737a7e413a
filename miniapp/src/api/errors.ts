/**
 * What the app shows when the API says no. The server's `{error:{code,message,details}}` is kept on
 * the error; every code the API can answer (shared/contract/errors.ts) has Chinese text here — the
 * type makes a missing one a compile error — and anything else gets a generic Chinese message by
 * status, never the server's English.
 */
import type { ErrorBody } from '../../../shared/api';
import type { ErrorCode } from '../../../shared/contract/errors';
import { BOOKING_FIELD_MESSAGES, BOOKING_MESSAGES } from './booking-errors';

type Detail = NonNullable<ErrorBody['error']['details']>[number];

/** Codes the client itself uses when no answer, or no readable answer, came back. */
type ClientCode = 'network_error' | 'timeout' | 'bad_response';

const MESSAGES: Record<ErrorCode | ClientCode, string> = {
  ...BOOKING_MESSAGES,
  network_error: '网络不稳定，请检查网络后重试',
  timeout: '网络超时，请重试',
  bad_response: '服务器返回的数据无法识别，请稍后重试',
  unauthorized: '请先登录',
  token_expired: '登录已过期，请重新登录',
  invalid_token: '登录已失效，请重新登录',
  member_merged: '您的会员卡已合并，请重新登录查看合并后的会员卡',
  forbidden: '没有权限进行此操作',
  not_staff: '仅限门店店员使用',
  no_store: '总部账号没有所属门店，不能在柜台收银',
  member_code_invalid: '会员码无效或已过期，请让顾客刷新',
  member_not_found: '未找到该会员',
  visit_not_found: '接待记录不存在，请重新扫码',
  visit_expired: '接待已超时，请重新扫码',
  other_store_visit: '该接待属于其他门店，请重新扫码',
  other_staff_visit: '该接待由其他店员发起，请重新扫码',
  receipt_used: '该小票已积过分',
  insufficient_points: '积分不足',
  idempotency_key_reused: '本单已用不同内容提交过，请核对后重新提交',
  busy: '系统繁忙，请点重试（不会重复记账）',
  points_already_spent: '本单所得积分已被使用，无法撤销',
  already_reversed: '该单已撤销',
  earned_coupon_used: '本单赠送的券已被使用，不能撤销',
  checkout_not_found: '未找到该笔收银记录',
  not_store_manager: '仅限本店店长操作',
  // Coupons: claiming, exchanging, using at the counter, managing templates.
  sold_out: '已领完',
  limit_reached: '已达领取上限',
  template_not_active: '活动已暂停或结束',
  not_claimable: '该券不能直接领取',
  not_exchangeable: '该券不能用积分兑换',
  template_not_found: '券模板不存在',
  template_ended: '该券模板已结束，不能再更改',
  template_not_for_rules: '只有“规则发放”的券模板可用于发放规则或营销活动',
  campaign_not_found: '营销活动不存在',
  rule_not_found: '该规则已不存在',
  coupon_used: '该券已使用',
  coupon_expired: '已过期',
  coupon_not_yet_valid: '未到使用时间',
  coupon_not_valid_at_store: '本店不可用',
  coupon_min_spend: '未达使用门槛',
  coupon_not_owned: '不是该会员的券',
  coupon_not_stackable: '每单限用一张',
  not_manager: '仅限店长或总部操作',
  not_hq: '仅限总部操作',
  other_store: '不能操作其他门店的内容',
  unknown_store: '门店不存在',
  not_found: '请求的内容不存在',
  route_not_found: '请求的内容不存在',
  rate_limited: '操作太频繁，请稍后再试',
  internal: '服务器开小差了，请稍后重试',
  validation_error: '输入有误，请检查后重试',
  invalid_wechat_code: '微信登录已失效，请重新登录',
  unavailable: '网络繁忙，请稍后重试',
  wechat_unavailable: '微信服务暂时不可用，请稍后重试',
  wechat_rate_limited: '登录人数过多，请一分钟后重试',
  wechat_login_failed: '微信登录失败，请重试',
  unknown_template: '券模板不存在',
  // Staff accounts: invites, joining a store, 员工管理.
  invite_not_found: '邀请码不存在，请核对后重新输入',
  invite_used: '该邀请码已被使用，请向店长或总部索取新的邀请码',
  phone_taken: '该手机号已绑定另一个微信会员。如果是您本人的账号，可申请人工处理，总部核实后为您合并',
  privacy_notice_outdated: '个人信息保护政策已更新，请阅读新版本后再确认',
  consent_required: '请先阅读并同意《个人信息保护政策》',
  privacy_agreed: '您已同意过《个人信息保护政策》，会员卡会保留；如需删除，请在“我的资料与隐私”中注销会员',
  case_decided: '该申请已处理，请刷新后查看结果',
  members_already_merged: '其中一位会员已合并到其他会员，请刷新后重试',
  duplicate_case_not_found: '没有找到该重复会员记录，请刷新后重试',
  invite_expired: '该邀请码已过期（24 小时有效），请索取新的邀请码',
  invite_revoked: '该邀请码已被撤销，请向店长或总部确认',
  already_staff: '该微信账号已是店员账号；如已停用，请联系总部重新启用',
  staff_not_found: '未找到该员工',
  staff_role_not_allowed: '店长只能邀请和管理本店店员',
  own_staff_account: '不能修改自己的员工账号',
  visit_closed: '发起该接待的店员已停用或调岗，请重新扫码',
  // Binding a phone number (微信 getPhoneNumber).
  invalid_phone_code: '手机号授权已失效，请重新点击“绑定手机号”',
  phone_not_mainland: '仅支持绑定中国大陆手机号',
  // Ratings and follow-ups.
  visit_not_rateable: '这次消费已超过 72 小时或不可评价',
  already_rated: '这次消费已评价过',
  follow_up_not_found: '未找到该跟进',
  follow_up_closed: '该跟进已由其他门店处理完毕',
  goodwill_already_given: '该跟进已赠送过关怀券，每次跟进限赠一张',
  not_follow_up_store: '该跟进不涉及您的门店，无法处理',
  template_not_goodwill: '该优惠券不是总部允许的关怀券',
};

/** By status, for a code this build does not know yet (a newer server). */
const BY_STATUS: Record<number, string> = {
  400: '输入有误，请检查后重试',
  401: '登录已失效，请重新登录',
  403: '没有权限进行此操作',
  404: '请求的内容不存在',
  409: '操作冲突，请刷新后重试',
  422: '暂时无法办理，请核对后重试',
  429: '操作太频繁，请稍后再试',
};

const FIELD_MESSAGES: Record<string, string> = {
  ...BOOKING_FIELD_MESSAGES,
  receiptNo: '小票号格式不正确（仅限字母、数字及 - _ / # .）',
  amountFen: '消费金额不正确',
  redeemPoints: '使用积分不正确',
  code: '会员码格式不正确',
  cursor: '分页参数无效，请刷新',
  couponIds: '优惠券选择有误',
  valueFen: '券面值不正确',
  payPercent: '折扣须在 0.1 至 9.9 折之间',
  capFen: '最多减免金额不正确',
  itemName: '请填写兑换商品',
  minSpendFen: '使用门槛不正确',
  validity: '有效期不正确',
  storeIds: '适用门店不正确',
  stock: '库存须为正整数',
  perMemberLimit: '每人限领须在 1 至 100 之间',
  pointsCost: '兑换积分不正确',
};

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    readonly code: string,
    /** The server's own message (English): kept for logs, never shown. */
    readonly serverMessage: string,
    readonly details: Detail[] = [],
  ) {
    super(chineseMessageFor(status, code, serverMessage, details));
    this.name = 'ApiError';
  }

  /** No answer, or the server said "retry": the same request (same Idempotency-Key) may be sent again. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 503 || this.status === 502 || this.status === 504 || this.code === 'busy';
  }
}

function validationMessage(details: Detail[]): string {
  const fields = details.map((d) => FIELD_MESSAGES[d.field.split('.')[0] ?? ''] ?? `${d.field.split('.')[0]}格式不正确`);
  // A field name the app has no word for is still English: say which input, generically.
  const readable = fields.map((f) => (/[A-Za-z]{3,}/.test(f) ? '部分内容格式不正确' : f));
  return readable.length ? `输入有误：${[...new Set(readable)].join('；')}` : MESSAGES.validation_error;
}

/** The Chinese text for an answer: by code, then by status; the server's English never shows. */
export function chineseMessageFor(status: number, code: string, _serverMessage: string, details: Detail[] = []): string {
  if (code === 'validation_error') return validationMessage(details);
  const known = (MESSAGES as Record<string, string>)[code];
  if (known) return known;
  if (status >= 500 || status === 0) return status === 503 || status === 0 ? MESSAGES.unavailable : MESSAGES.internal;
  return BY_STATUS[status] ?? `请求失败（${status}），请稍后重试`;
}

/** Any thrown value as text for the UI. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  // Anything else is a bug or a platform message (often English): say it in Chinese.
  if (error instanceof Error && /[\u4e00-\u9fff]/.test(error.message)) return error.message;
  return '出错了，请重试';
}
