import { ApiError } from './errors';

describe('what the app says when a booking is refused', () => {
  it('turns the booking codes into Chinese', () => {
    expect(new ApiError(409, 'slot_full', 'full').message).toBe('该时段已约满');
    expect(new ApiError(409, 'overlapping_booking', 'overlap').message).toBe('您在该时段已有预约');
    expect(new ApiError(422, 'slot_store_closed', 'closed').message).toBe('当日门店休息');
    expect(new ApiError(422, 'slot_too_soon', 'soon').message).toBe('需至少提前1小时预约');
    expect(new ApiError(422, 'slot_beyond_horizon', 'far').message).toBe('仅可预约14天内');
    expect(new ApiError(422, 'service_not_offered', 'no').message).toBe('该门店不提供此服务');
    expect(new ApiError(422, 'cancel_cutoff_passed', 'late').message).toBe('距开始不足2小时，无法免费取消');
    expect(new ApiError(422, 'check_in_window', 'window').message).toBe('签到时间为开始前1小时至结束');
    expect(new ApiError(403, 'other_store_booking', 'elsewhere').message).toBe('该预约不在本店');
  });

  it('names the schedule fields of a validation error', () => {
    const invalid = new ApiError(400, 'validation_error', 'bad', [{ field: 'openingHours.2.close', message: 'close must be after open' }]);
    expect(invalid.message).toContain('营业时间');
  });
});
