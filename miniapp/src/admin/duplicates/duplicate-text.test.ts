import type { DuplicateCase, DuplicateMember } from '../../../../shared/schemas/identity';
import { caseHeadText, decisionToast, helpText, memberLines, mergeConfirm } from './duplicate-text';

const member = (m: Partial<DuplicateMember>): DuplicateMember => ({
  memberNo: '10000001',
  nickname: '周晓',
  maskedPhone: '135****3333',
  points: 268,
  visitCount: 3,
  hasWechat: false,
  createdAt: '2026-10-01T02:00:00.000Z',
  lastVisitAt: '2026-11-20T12:30:00.000Z',
  ...m,
});

const duplicate = (c: Partial<DuplicateCase>): DuplicateCase => ({
  id: 'dup_0123456789abcdef0123',
  kind: 'phone_conflict',
  status: 'open',
  maskedPhone: '135****3333',
  createdAt: '2026-11-30T01:05:00.000Z',
  requestedAt: null,
  note: null,
  requester: member({ memberNo: '10000200', hasWechat: true, points: 10, visitCount: 0, lastVisitAt: null }),
  holder: member({ hasWechat: true }),
  decidedAt: null,
  decisionNote: null,
  ...c,
});

describe('重复会员 words', () => {
  it('shows each side with its number, source, points, visits and days in Shanghai time', () => {
    const lines = Object.fromEntries(memberLines(member({})).map((l) => [l.key, l.value]));
    expect(lines).toEqual({ no: '10000001', nickname: '周晓', source: '到店登记', points: '268', visits: '3 次', since: '2026-10-01', last: '2026-11-20' });
    const wechat = Object.fromEntries(memberLines(member({ hasWechat: true, nickname: '', lastVisitAt: null })).map((l) => [l.key, l.value]));
    expect(wechat).toMatchObject({ source: '微信', nickname: '（未填写）', last: '无' });
  });

  it('heads a case with the masked phone and the time, and says when the member asked for help', () => {
    expect(caseHeadText(duplicate({}))).toBe('135****3333 · 2026-11-30 09:05');
    expect(helpText(duplicate({}))).toBeNull();
    expect(helpText(duplicate({ requestedAt: '2026-11-30T01:10:00.000Z', note: '是我本人' }))).toBe('会员已申请人工处理（2026-11-30 09:10）：是我本人');
    expect(helpText(duplicate({ requestedAt: '2026-11-30T01:10:00.000Z' }))).toBe('会员已申请人工处理（2026-11-30 09:10）');
  });

  it('explains a merge keeps the phone holder’s card and moves the other in', () => {
    const { content } = mergeConfirm(duplicate({}));
    expect(content).toContain('保留已绑定手机号的会员卡 10000001');
    expect(content).toContain('另一张（10000200）的积分、优惠券、预约和消费记录并入');
    expect([decisionToast('merge'), decisionToast('reject')]).toEqual(['已合并', '已驳回']);
  });
});
