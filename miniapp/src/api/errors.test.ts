import { ApiError, messageOf } from './errors';

describe('what the app says when the API says no', () => {
  it('turns the common codes into Chinese', () => {
    expect(new ApiError(422, 'member_code_invalid', 'The member code is invalid').message).toBe('会员码无效或已过期，请让顾客刷新');
    expect(new ApiError(409, 'receipt_used', 'Receipt R1 has already been checked out').message).toBe('该小票已积过分');
    expect(new ApiError(422, 'insufficient_points', 'The member has 3 points').message).toBe('积分不足');
    expect(new ApiError(422, 'idempotency_key_reused', 'reused').message).toContain('不同内容');
  });

  it('says why a coupon cannot be claimed or used, in the words the member and the clerk expect', () => {
    expect(new ApiError(409, 'sold_out', 'run out').message).toBe('已领完');
    expect(new ApiError(409, 'limit_reached', 'limit').message).toBe('已达领取上限');
    expect(new ApiError(422, 'template_not_active', 'paused').message).toBe('活动已暂停或结束');
    expect(new ApiError(422, 'coupon_min_spend', 'min').message).toBe('未达使用门槛');
    expect(new ApiError(422, 'coupon_not_stackable', 'one').message).toBe('每单限用一张');
    expect(new ApiError(409, 'coupon_used', 'used').message).toBe('该券已使用');
  });

  it('names the fields of a validation error in Chinese, and never shows the server’s English', () => {
    const invalid = new ApiError(400, 'validation_error', 'receiptNo: bad', [{ field: 'receiptNo', message: 'letters, digits' }]);
    expect(invalid.message).toContain('小票号');
    const unknownField = new ApiError(400, 'validation_error', 'fooBar: bad', [{ field: 'fooBar', message: 'Expected number' }]);
    expect(unknownField.message).toBe('输入有误：部分内容格式不正确');
    expect(new ApiError(409, 'something_new', 'Something new happened').message).toBe('操作冲突，请刷新后重试');
    expect(new ApiError(500, 'internal', 'Internal error').message).toBe('服务器开小差了，请稍后重试');
    expect(messageOf(new Error('plain'))).toBe('出错了，请重试');
    expect(messageOf(new Error('金额须大于0'))).toBe('金额须大于0');
  });

  it('marks lost answers and "busy" as safe to retry, business rules as not', () => {
    expect(new ApiError(0, 'network_error', 'request:fail').retryable).toBe(true);
    expect(new ApiError(503, 'busy', 'retry').retryable).toBe(true);
    expect(new ApiError(409, 'receipt_used', 'used').retryable).toBe(false);
    expect(new ApiError(422, 'insufficient_points', 'no').retryable).toBe(false);
  });
});
