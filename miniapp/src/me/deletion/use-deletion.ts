/**
 * 注销会员's model: what is lost and the pending request (GET /v1/me/deletion), the request (an
 * Idempotency-Key per tap, kept for 重试 when the answer was lost) and 撤销注销. The page holds only
 * layout.
 */
import { privacyDeletionRoutes } from '../../../../shared/contract/routes/privacy-deletion';
import { callRoute } from '../../api/client';
import { setSessionDeletion } from '../../api/session';
import { useEffect } from 'react';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';

export function useDeletion() {
  const info = useLoad(() => callRoute(privacyDeletionRoutes.meDeletion), []);
  // The card's 撤销注销 banner reads the session: keep it as the server says.
  const pending = info.data?.pending;
  useEffect(() => {
    if (pending !== undefined) setSessionDeletion(pending);
  }, [pending]);
  const request = useSubmit('member-deletion', (key) => callRoute(privacyDeletionRoutes.meDeletionRequest, { body: { confirm: true }, idempotencyKey: key }));
  // Withdrawing twice answers the same: no key needed.
  const cancel = useSubmit('member-deletion-cancel', () => callRoute(privacyDeletionRoutes.meDeletionCancel));

  const ask = async () => {
    const outcome = await request.submit();
    if (outcome.ok) info.setData(outcome.value);
    return outcome.ok;
  };
  const withdraw = async () => {
    const outcome = await cancel.submit();
    if (outcome.ok) info.setData(outcome.value);
    return outcome.ok;
  };
  const retryAsk = async () => {
    const outcome = await request.retry();
    if (outcome.ok) info.setData(outcome.value);
  };

  return {
    info,
    ask,
    withdraw,
    retryAsk,
    busy: request.busy || cancel.busy,
    error: request.error ?? cancel.error,
  };
}
