/**
 * 重复会员's words out of the page: each side of a case as HQ compares them, and what a merge or a
 * rejection does, as the confirm and the toast say it.
 */
import type { DuplicateCase, DuplicateMember } from '../../../../shared/schemas/identity';
import { shanghaiDateTime } from '../../lib/format';

/** The note HQ may add to a decision, as long as the API takes it. */
export const DECISION_NOTE_MAX = 200;

/** The two sides, in the order shown: who asked to bind the phone, then who holds it (a merge's survivor). */
export const SIDE_TITLES = { requester: '申请绑定的会员', holder: '已绑定该手机号的会员' } as const;

/** One side's lines, label and value, in the order shown. */
export function memberLines(m: DuplicateMember): Array<{ key: string; label: string; value: string }> {
  return [
    { key: 'no', label: '会员号', value: m.memberNo },
    { key: 'nickname', label: '昵称', value: m.nickname || '（未填写）' },
    { key: 'source', label: '来源', value: m.hasWechat ? '微信' : '到店登记' },
    { key: 'points', label: '积分', value: String(m.points) },
    { key: 'visits', label: '到店', value: `${m.visitCount} 次` },
    { key: 'since', label: '注册', value: shanghaiDateTime(m.createdAt).slice(0, 10) },
    { key: 'last', label: '最近到店', value: m.lastVisitAt ? shanghaiDateTime(m.lastVisitAt).slice(0, 10) : '无' },
  ];
}

/** The case's head line: the phone, and when the conflict happened. */
export function caseHeadText(c: DuplicateCase): string {
  return `${c.maskedPhone} · ${shanghaiDateTime(c.createdAt)}`;
}

/** Whether the member asked for help, when, and what they wrote; null if they did not ask. */
export function helpText(c: DuplicateCase): string | null {
  if (!c.requestedAt) return null;
  return `会员已申请人工处理（${shanghaiDateTime(c.requestedAt)}）${c.note ? `：${c.note}` : ''}`;
}

/** 合并's confirm: which card is kept and what moves into it. */
export function mergeConfirm(c: DuplicateCase): { title: string; content: string; confirmText: string } {
  return {
    title: '合并这两张会员卡？',
    content: `保留已绑定手机号的会员卡 ${c.holder.memberNo}，另一张（${c.requester.memberNo}）的积分、优惠券、预约和消费记录并入。合并后不能撤销。`,
    confirmText: '合并',
  };
}

/** The toast after a decision. */
export const decisionToast = (decision: 'merge' | 'reject'): string => (decision === 'merge' ? '已合并' : '已驳回');
