/**
 * 绑定手机号 out of the page: the words for a bind's outcome, WeChat's answer when the member
 * declines, and the H5 stand-in's phone field and the code it sends in place of WeChat's.
 */
import type { BindPhoneResponse } from '../../../../shared/schemas/identity';
import { MainlandMobile } from '../../../../shared/schemas/staff';

/** The note of 申请人工处理, as long as the API takes it. */
export const HELP_NOTE_MAX = 200;

/** Only the digits of what was typed, at most 11. */
export const sanitizeOwnPhone = (text: string): string => text.replace(/\D/g, '').slice(0, 11);

/** Why the stand-in cannot send the typed number yet, or null: the full 11-digit mainland number only. */
export function ownPhoneProblem(text: string): string | null {
  if (text.length === 0) return '请输入手机号';
  if (text.length < 11) return '请输入完整的 11 位手机号';
  return MainlandMobile.safeParse(text).success ? null : '手机号格式不正确（1 开头的 11 位大陆手机号）';
}

/**
 * The code the H5 stand-in sends where WeChat would give its getPhoneNumber code: the local fake
 * WeChat server reads `phone-<11 digits>-<nonce>` as that number (as login reads `dev-<openid>`).
 * Each tap is a new code, like WeChat's.
 */
export function standInPhoneCode(digits: string, nonce: string = Math.random().toString(36).slice(2, 10) || 'x'): string {
  return `phone-${digits}-${nonce.replace(/[^A-Za-z0-9]/g, '').slice(0, 32) || 'x'}`;
}

/**
 * What WeChat's getPhoneNumber answered: the code to send, or 'declined' when the member said no
 * (or WeChat could not ask: errMsg 'getPhoneNumber:fail …' / '… deny'), where nothing is sent.
 */
export function phoneCodeOf(detail: { code?: string; errMsg?: string } | undefined): string | 'declined' {
  const code = detail?.code?.trim();
  if (code && !/deny|fail/i.test(detail?.errMsg ?? '')) return code;
  return 'declined';
}

/** The success modal after a bind: a plain bind, or the walk-in card it merged and its points. */
export function bindResultText(result: BindPhoneResponse): { title: string; content: string } {
  if (result.outcome === 'merged' && result.merged) {
    const { absorbedMemberNo, pointsMoved } = result.merged;
    return {
      title: '已合并会员卡',
      content: `已合并到店登记的会员卡 ${absorbedMemberNo}，积分 +${pointsMoved} 已并入。以后到店报手机号或出示会员码都积到这张卡。`,
    };
  }
  return { title: '绑定成功', content: `手机号 ${result.maskedPhone} 已绑定。到店报手机号即可积分。` };
}

/** The line kept under the phone after a merge. */
export function mergedLine(result: BindPhoneResponse): string | null {
  if (result.outcome !== 'merged' || !result.merged) return null;
  return `已合并到店登记的会员卡 ${result.merged.absorbedMemberNo}，积分 +${result.merged.pointsMoved} 已并入`;
}
