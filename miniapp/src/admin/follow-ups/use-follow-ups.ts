/**
 * 待跟进's model: the list (a manager's store's; HQ's open ones across the chain, or only the overdue),
 * the goodwill coupons the caller may give, and the 记录跟进 form of one follow-up — outcome (已联系
 * keeps it open; 已解决 / 无法联系 close it), note and an optional goodwill coupon (one per follow-up)
 * sent in one write with its Idempotency-Key. The page holds only layout.
 */
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ratingsRoutes } from '../../../../shared/contract/routes/ratings';
import { FOLLOW_UP_NOTE_MAX, type FollowUp, type FollowUpOutcome } from '../../../../shared/schemas/ratings';
import { callRoute } from '../../api/client';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';

export type Filter = 'all' | 'overdue';

export function useFollowUps() {
  const [filter, setFilter] = useState<Filter>('all');
  const list = useLoad(() => callRoute(ratingsRoutes.adminFollowUps, { query: filter === 'overdue' ? { overdue: 'true' } : {} }), [filter]);
  const [recording, setRecording] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<FollowUpOutcome>('contacted');
  const [note, setNote] = useState('');
  const [templateId, setTemplateId] = useState<string>('');
  const record = useSubmit('follow-up-outcome', (key, id: string, body: { outcome: FollowUpOutcome; note: string; goodwillTemplateId?: string }) =>
    callRoute(ratingsRoutes.adminFollowUpOutcome, { params: { id }, body, idempotencyKey: key }),
  );

  return {
    filter,
    setFilter,
    list,
    recording,
    outcome,
    note,
    templateId,
    record,
    setOutcome,
    setNote: (text: string) => setNote([...text].slice(0, FOLLOW_UP_NOTE_MAX).join('')),
    setTemplateId: (id: string) => setTemplateId((now) => (now === id ? '' : id)),
    open: (f: FollowUp) => {
      record.clearError();
      setRecording((now) => (now === f.id ? null : f.id));
      setOutcome('contacted');
      setNote('');
      setTemplateId('');
    },
    submit: async (f: FollowUp) => {
      if (record.busy) return;
      if (!note.trim()) {
        void Taro.showToast({ title: '请填写跟进记录', icon: 'none' });
        return;
      }
      const outcomeOf = await record.submit(f.id, { outcome, note: note.trim(), ...(templateId && !f.goodwillCouponName ? { goodwillTemplateId: templateId } : {}) });
      if (outcomeOf.ok) {
        list.setData((now) => (now ? { ...now, items: now.items.map((x) => (x.id === f.id ? outcomeOf.value.followUp : x)) } : now));
        setRecording(null);
        void Taro.showToast({ title: outcomeOf.value.followUp.status === 'closed' ? '已结案' : '已记录', icon: 'success' });
      } else if (!outcomeOf.busy && !outcomeOf.retryable) {
        void list.reload();
      }
    },
    errorOf: (f: FollowUp) => (record.error?.args[0] === f.id ? record.error : null),
  };
}

export type FollowUps = ReturnType<typeof useFollowUps>;
