import { BindPhoneRequest, type BindPhoneResponse } from '../../../../shared/schemas/identity';
import { bindResultText, mergedLine, ownPhoneProblem, phoneCodeOf, sanitizeOwnPhone, standInPhoneCode } from './phone-binding';

const bound: BindPhoneResponse = { outcome: 'bound', maskedPhone: '138****1234', memberNo: '10000001', merged: null };
const merged: BindPhoneResponse = { ...bound, outcome: 'merged', merged: { absorbedMemberNo: '10000123', pointsMoved: 268 } };

describe('绑定手机号 words and codes', () => {
  it('takes only the full 11-digit mainland number in the H5 stand-in', () => {
    expect(sanitizeOwnPhone('138 0000-1234 99')).toBe('13800001234');
    expect(ownPhoneProblem('')).toBe('请输入手机号');
    expect(ownPhoneProblem('1380000')).toBe('请输入完整的 11 位手机号');
    expect(ownPhoneProblem('12800001234')).toMatch(/格式不正确/);
    expect(ownPhoneProblem('13800001234')).toBeNull();
  });

  it('sends the stand-in a code the fake WeChat server reads as the number, new on each tap', () => {
    const pattern = /^phone-13800001234-[A-Za-z0-9]{1,32}$/;
    expect(standInPhoneCode('13800001234', 'a1b2')).toBe('phone-13800001234-a1b2');
    expect(standInPhoneCode('13800001234')).toMatch(pattern);
    expect(standInPhoneCode('13800001234', '!!')).toMatch(pattern);
    expect(standInPhoneCode('13800001234')).not.toBe(standInPhoneCode('13800001234'));
    expect(BindPhoneRequest.safeParse({ code: standInPhoneCode('13800001234') }).success).toBe(true);
  });

  it('sends WeChat’s code, and nothing when the member declines or WeChat fails', () => {
    expect(phoneCodeOf({ code: 'abc', errMsg: 'getPhoneNumber:ok' })).toBe('abc');
    expect(phoneCodeOf({ errMsg: 'getPhoneNumber:fail user deny' })).toBe('declined');
    expect(phoneCodeOf({ code: '', errMsg: 'getPhoneNumber:fail no permission' })).toBe('declined');
    expect(phoneCodeOf(undefined)).toBe('declined');
  });

  it('tells a merge apart from a plain bind, with the old member number and the points moved', () => {
    expect(bindResultText(bound).title).toBe('绑定成功');
    expect(bindResultText(bound).content).toContain('138****1234');
    expect(bindResultText(merged).content).toContain('已合并到店登记的会员卡 10000123，积分 +268 已并入');
    expect(mergedLine(merged)).toBe('已合并到店登记的会员卡 10000123，积分 +268 已并入');
    expect(mergedLine(bound)).toBeNull();
  });
});
