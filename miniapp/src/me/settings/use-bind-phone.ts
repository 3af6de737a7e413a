/**
 * 绑定手机号's model: the getPhoneNumber code (or the H5 stand-in's) sent once per tap, the
 * outcome (bound, or a walk-in card merged in), and after 该手机号已绑定 the 申请人工处理 form.
 * The page holds only layout.
 */
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { identityRoutes } from '../../../../shared/contract/routes/identity';
import type { BindPhoneResponse, PhoneHelpResponse } from '../../../../shared/schemas/identity';
import { callRoute } from '../../api/client';
import { useSubmit } from '../../lib/use-submit';
import { HELP_NOTE_MAX, bindResultText, ownPhoneProblem, phoneCodeOf, sanitizeOwnPhone, standInPhoneCode } from './phone-binding';

/** The weapp build asks WeChat; the H5 build (the local stage's browser demo) shows a stand-in. */
export const asksWechatForPhone = process.env.TARO_ENV === 'weapp';

export function useBindPhone(onBound: (result: BindPhoneResponse) => void) {
  // The code works once: its intent's key is kept until a definite answer, so 重试 of the same tap
  // sends the same key (the server answers the first outcome without asking WeChat again). A new
  // tap brings a new code, hence a new intent and a new key.
  const bind = useSubmit('bind-phone', (key, code: string) => callRoute(identityRoutes.mePhoneBind, { body: { code }, idempotencyKey: key }));
  // Asking again only updates the note: nothing a retry could double, so the key goes unused.
  const help = useSubmit('phone-help', (_key, note: string) => callRoute(identityRoutes.mePhoneHelp, { body: note ? { note } : {} }));

  const [result, setResult] = useState<BindPhoneResponse | null>(null);
  /** The phone is another WeChat member's: 申请人工处理 is offered. */
  const [taken, setTaken] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [helpNote, setHelpNote] = useState('');
  const [helpSent, setHelpSent] = useState<PhoneHelpResponse | null>(null);

  // The H5 stand-in for WeChat's prompt.
  const [standInOpen, setStandInOpen] = useState(false);
  const [standInPhone, setStandInPhone] = useState('');
  const [standInTried, setStandInTried] = useState(false);

  const send = async (code: string) => {
    setTaken(false);
    setHelpOpen(false);
    setHelpSent(null);
    help.clearError();
    const outcome = await bind.submit(code);
    if (outcome.ok) return done(outcome.value);
    if (outcome.code === 'phone_taken') setTaken(true);
  };

  const done = async (value: BindPhoneResponse) => {
    setResult(value);
    onBound(value);
    await Taro.showModal({ ...bindResultText(value), showCancel: false, confirmText: '知道了' });
  };

  /** WeChat's getPhoneNumber answered (weapp). Declining sends nothing. */
  const onWechatPhone = (detail: { code?: string; errMsg?: string } | undefined) => {
    const code = phoneCodeOf(detail);
    if (code === 'declined') {
      void Taro.showToast({ title: '未授权手机号，可稍后再绑定', icon: 'none' });
      return;
    }
    void send(code);
  };

  const standInProblem = ownPhoneProblem(standInPhone);

  return {
    bind,
    help,
    result,
    taken,
    onWechatPhone,
    /** H5: 绑定手机号 opens the stand-in. */
    openStandIn: () => {
      bind.clearError();
      setStandInTried(false);
      setStandInOpen(true);
    },
    standIn: {
      open: standInOpen,
      phone: standInPhone,
      problem: standInTried ? standInProblem : null,
      setPhone: (text: string) => setStandInPhone(sanitizeOwnPhone(text)),
      cancel: () => setStandInOpen(false),
      allow: () => {
        setStandInTried(true);
        if (standInProblem) return;
        setStandInOpen(false);
        void send(standInPhoneCode(standInPhone));
      },
    },
    /** 重试 of the same tap: the same code and key. */
    retry: async () => {
      const outcome = await bind.retry();
      if (outcome.ok) await done(outcome.value);
      else if (outcome.code === 'phone_taken') setTaken(true);
    },
    helpForm: {
      open: helpOpen,
      note: helpNote,
      sent: helpSent,
      show: () => setHelpOpen(true),
      setNote: (text: string) => setHelpNote(text.slice(0, HELP_NOTE_MAX)),
      submit: async () => {
        const outcome = await help.submit(helpNote.trim());
        if (outcome.ok) {
          setHelpSent(outcome.value);
          setHelpOpen(false);
        }
      },
    },
  };
}

export type BindPhone = ReturnType<typeof useBindPhone>;
