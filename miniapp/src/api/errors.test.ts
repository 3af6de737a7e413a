import { ApiError, messageOf } from './errors';

describe('what the app says when the API says no', () => {
  it.each([
    [422, 'member_code_invalid', 'The member code is invalid', '会员码无效或已过期，请让顾客刷新'],
    [409, 'receipt_used', 'Receipt R1 has already been checked out', '该小票已积过分'],
    [422, 'insufficient_points', 'The member has 3 points', '积分不足'],
  ])('turns a common %i %s into Chinese', (status, code, english, chinese) => {
    expect(new ApiError(status, code, english).message).toBe(chinese);
  });

  it('says a reused Idempotency-Key came with different content', () => {
    expect(new ApiError(422, 'idempotency_key_reused', 'reused').message).toContain('不同内容');
  });

  // Why a coupon cannot be claimed or used, in the words the member and the clerk expect.
  it.each([
    [409, 'sold_out', '已领完'],
    [409, 'limit_reached', '已达领取上限'],
    [422, 'template_not_active', '活动已暂停或结束'],
    [422, 'coupon_min_spend', '未达使用门槛'],
    [422, 'coupon_not_stackable', '每单限用一张'],
    [409, 'coupon_used', '该券已使用'],
  ])('says why a coupon is refused: %i %s', (status, code, chinese) => {
    expect(new ApiError(status, code, code).message).toBe(chinese);
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

  it.each([
    [0, 'network_error', true],
    [503, 'busy', true],
    [409, 'receipt_used', false],
    [422, 'insufficient_points', false],
  ])('marks a %i %s as retryable: %s (lost answers and "busy" are, business rules are not)', (status, code, retryable) => {
    expect(new ApiError(status, code, code).retryable).toBe(retryable);
  });
});
