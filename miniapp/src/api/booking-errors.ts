/**
 * Chinese text for the booking API's error codes (merged into the app's messages in errors.ts).
 * Codes other features also use (not_hq, other_store, unknown_store, not_store_manager) are there.
 */
import type { ErrorCode } from '../../../shared/contract/errors';

export const BOOKING_MESSAGES = {
  slot_full: '该时段已约满',
  overlapping_booking: '您在该时段已有预约',
  slot_store_closed: '当日门店休息',
  slot_outside_opening_hours: '不在营业时间内',
  slot_in_the_past: '需至少提前1小时预约',
  slot_too_soon: '需至少提前1小时预约',
  slot_beyond_horizon: '仅可预约14天内',
  slot_off_grid: '请从列表中选择时段',
  slot_invalid_date: '日期无效',
  service_not_offered: '该门店不提供此服务',
  service_not_found: '该服务不存在或已下架',
  store_not_found: '门店不存在',
  booking_not_found: '未找到该预约',
  cancel_cutoff_passed: '距开始不足2小时，无法免费取消',
  move_cutoff_passed: '距开始不足2小时，无法改约',
  booking_not_active: '该预约已取消、已签到或已结束',
  booking_changed: '预约刚刚有变化，请刷新后重试',
  check_in_window: '签到时间为开始前1小时至结束',
  other_store_booking: '该预约不在本店',
  slot_not_over: '预约结束后才能登记未到店',
} satisfies Partial<Record<ErrorCode, string>>;

/** Validation errors of booking requests, by field. */
export const BOOKING_FIELD_MESSAGES: Record<string, string> = {
  start: '预约时间不正确',
  serviceId: '服务不正确',
  storeId: '门店不正确',
  openingHours: '营业时间不正确（同一天只能设一次，打烊须晚于开门）',
  closedDates: '休息日不正确',
  slotMinutes: '时段长度须为 15、30 或 60 分钟',
  minNoticeMinutes: '最短提前时间须在 0 至 7 天之间',
  horizonDays: '可预约天数须在 1 至 90 天之间',
  capacity: '容量须在 1 至 100 之间',
};
