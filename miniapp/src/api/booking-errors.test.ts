import { ApiError } from './errors';

describe('what the app says when a booking is refused', () => {
  it.each([
    { status: 409, code: 'slot_full', chinese: '该时段已约满' },
    { status: 409, code: 'overlapping_booking', chinese: '您在该时段已有预约' },
    { status: 422, code: 'slot_store_closed', chinese: '当日门店休息' },
    { status: 422, code: 'slot_too_soon', chinese: '需至少提前1小时预约' },
    { status: 422, code: 'slot_beyond_horizon', chinese: '仅可预约14天内' },
    { status: 422, code: 'service_not_offered', chinese: '该门店不提供此服务' },
    { status: 422, code: 'cancel_cutoff_passed', chinese: '距开始不足2小时，无法免费取消' },
    { status: 422, code: 'check_in_window', chinese: '签到时间为开始前1小时至结束' },
    { status: 403, code: 'other_store_booking', chinese: '该预约不在本店' },
  ])('turns a $status $code into Chinese', ({ status, code, chinese }) => {
    expect(new ApiError(status, code, 'refused').message).toBe(chinese);
  });

  it('names the schedule fields of a validation error', () => {
    const invalid = new ApiError(400, 'validation_error', 'bad', [{ field: 'openingHours.2.close', message: 'close must be after open' }]);
    expect(invalid.message).toContain('营业时间');
  });
});
