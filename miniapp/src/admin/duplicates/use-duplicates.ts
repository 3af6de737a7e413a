/**
 * 重复会员's model: the open cases (oldest first, as the API lists them), and HQ's decision on one —
 * 合并 after a confirm, 驳回 with an optional note. A decided case leaves the list. The page holds
 * only layout.
 */
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { identityRoutes } from '../../../../shared/contract/routes/identity';
import type { DuplicateCase } from '../../../../shared/schemas/identity';
import { callRoute } from '../../api/client';
import { confirmDestructive } from '../../lib/confirm';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { DECISION_NOTE_MAX, decisionToast, mergeConfirm } from './duplicate-text';

type Decision = 'merge' | 'reject';

export function useDuplicates() {
  const cases = useLoad(async () => {
    const { items } = await callRoute(identityRoutes.adminDuplicates);
    return items.filter((c) => c.status === 'open');
  }, []);
  // Deciding again the same way answers the same case (the server finishes a merge cut off
  // halfway): nothing a retry could double, so the key goes unused.
  const decide = useSubmit('duplicate-decision', (_key, caseId: string, decision: Decision, note: string) =>
    callRoute(identityRoutes.adminDuplicateDecision, { params: { caseId }, body: note ? { decision, note } : { decision } }),
  );
  /** The case whose 驳回 form is open, and its note. */
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [rejectNote, setRejectNote] = useState('');

  const send = async (c: DuplicateCase, decision: Decision, note: string) => {
    const outcome = await decide.submit(c.id, decision, note);
    if (outcome.ok) {
      cases.setData((now) => now?.filter((x) => x.id !== c.id));
      setRejecting(null);
      setRejectNote('');
      void Taro.showToast({ title: decisionToast(decision), icon: 'success' });
    } else if (!outcome.busy && !outcome.retryable) {
      // Decided meanwhile, or a member merged elsewhere: the list as it is now (the error stays shown).
      void cases.reload();
    }
  };

  return {
    cases,
    decide,
    rejecting,
    rejectNote,
    merge: async (c: DuplicateCase) => {
      if (decide.busy) return;
      if (!(await confirmDestructive(mergeConfirm(c)))) return;
      await send(c, 'merge', '');
    },
    openReject: (c: DuplicateCase) => {
      decide.clearError();
      setRejecting((now) => (now === c.id ? null : c.id));
      setRejectNote('');
    },
    setRejectNote: (text: string) => setRejectNote(text.slice(0, DECISION_NOTE_MAX)),
    reject: (c: DuplicateCase) => send(c, 'reject', rejectNote.trim()),
    /** The failure of a decision on this case, if the last one failed. */
    errorOf: (c: DuplicateCase) => (decide.error?.args[0] === c.id ? decide.error : null),
  };
}

export type Duplicates = ReturnType<typeof useDuplicates>;
