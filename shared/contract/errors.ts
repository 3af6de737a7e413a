/**
 * Every error code the API can answer, with the one HTTP status it comes with. The server's typed
 * errors take their code from here (a code missing here does not compile), routes list the codes
 * they may answer, the OpenAPI document shows them, and the app has a Chinese text for each.
 */
export const ERROR_CODES = {
  // 400: the request does not parse; `details` names each field.
  validation_error: 400,
  // The code from the getPhoneNumber button is invalid, expired (5 min) or used: tap the button again.
  invalid_phone_code: 400,
  // 401: no valid session.
  unauthorized: 401,
  token_expired: 401,
  invalid_token: 401,
  invalid_wechat_code: 401,
  // The session's member was merged into another: signing in again lands on the survivor.
  member_merged: 401,
  // 403: signed in, but not allowed.
  forbidden: 403,
  // A write that collects personal data before the member agreed to the privacy notice.
  consent_required: 403,
  not_staff: 403,
  no_store: 403,
  not_hq: 403,
  not_manager: 403,
  not_store_manager: 403,
  other_store: 403,
  other_store_visit: 403,
  other_staff_visit: 403,
  other_store_booking: 403,
  staff_role_not_allowed: 403,
  // 404: nothing there (or nothing the caller may know of).
  not_found: 404,
  route_not_found: 404,
  member_not_found: 404,
  visit_not_found: 404,
  checkout_not_found: 404,
  template_not_found: 404,
  rule_not_found: 404,
  campaign_not_found: 404,
  service_not_found: 404,
  store_not_found: 404,
  booking_not_found: 404,
  invite_not_found: 404,
  staff_not_found: 404,
  duplicate_case_not_found: 404,
  // 409: taken, used, full, or changed meanwhile.
  visit_expired: 409,
  receipt_used: 409,
  already_reversed: 409,
  sold_out: 409,
  limit_reached: 409,
  coupon_used: 409,
  template_ended: 409,
  slot_full: 409,
  overlapping_booking: 409,
  booking_not_active: 409,
  booking_changed: 409,
  visit_closed: 409,
  invite_used: 409,
  invite_revoked: 409,
  already_staff: 409,
  // The phone is bound to another WeChat member: a 重复会员 case is open; the member may ask for help.
  phone_taken: 409,
  case_decided: 409,
  members_already_merged: 409,
  // The member agreed to a privacy notice that is no longer in force: show the current one again.
  privacy_notice_outdated: 409,
  // 不同意 deletes only a first login's member that never agreed: this one is kept (注销会员 deletes it).
  privacy_agreed: 409,
  // 422: understood, but a business rule says no.
  idempotency_key_reused: 422,
  member_code_invalid: 422,
  insufficient_points: 422,
  points_already_spent: 422,
  earned_coupon_used: 422,
  unknown_store: 422,
  unknown_template: 422,
  template_not_active: 422,
  template_not_for_rules: 422,
  not_claimable: 422,
  not_exchangeable: 422,
  coupon_not_owned: 422,
  coupon_not_stackable: 422,
  coupon_not_yet_valid: 422,
  coupon_expired: 422,
  coupon_not_valid_at_store: 422,
  coupon_min_spend: 422,
  service_not_offered: 422,
  slot_off_grid: 422,
  slot_invalid_date: 422,
  slot_store_closed: 422,
  slot_outside_opening_hours: 422,
  slot_in_the_past: 422,
  slot_too_soon: 422,
  slot_beyond_horizon: 422,
  cancel_cutoff_passed: 422,
  move_cutoff_passed: 422,
  check_in_window: 422,
  slot_not_over: 422,
  invite_expired: 422,
  own_staff_account: 422,
  phone_not_mainland: 422,
  // 429: too many requests from this caller; `Retry-After` says when to try again.
  rate_limited: 429,
  // 500: a bug; nothing internal is said.
  internal: 500,
  // 503: retry later with the same Idempotency-Key (`Retry-After`).
  busy: 503,
  unavailable: 503,
  wechat_unavailable: 503,
  wechat_rate_limited: 503,
  wechat_login_failed: 503,
  // Ratings and follow-ups (README § Ratings and follow-ups).
  // Not the caller's visit, older than 72 hours, or unknown: one answer, so nobody learns another member's visits.
  visit_not_rateable: 404,
  already_rated: 409,
  follow_up_not_found: 404,
  follow_up_closed: 409,
  // A follow-up gets at most one goodwill coupon, whichever step gives it.
  goodwill_already_given: 409,
  // A manager of a store the follow-up does not involve.
  not_follow_up_store: 403,
  // The goodwill coupon must come from a template HQ marked for goodwill.
  template_not_goodwill: 422,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export type ErrorStatus = (typeof ERROR_CODES)[ErrorCode];

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_CODES, code);
