import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { LoginResponse } from '../../../../shared/api';
import { ApiError, clearSession, messageOf } from '../../api';
import { saveSession } from '../../api/session';
import { Button } from '../../components/ui';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loading } from '../../components/Loading';
import { useLoad } from '../../lib/use-load';
import { PrivacyNoticeText } from './PrivacyNotice';
import { agreeToNotice, declineNotice, loadNotice } from './notice';

/**
 * The notice at login, before the card: 同意并继续 records the agreement and only then keeps the
 * session; 不同意 leaves without one. The login page holds the login answer meanwhile (not saved), so
 * closing the app here leaves the member signed out, not signed in without having agreed. At a first
 * login 不同意 also deletes the member that login made (nothing is kept); if that call fails, or the
 * app is closed instead, the server drops the never-agreed member by itself after 24 hours.
 */
export function ConsentPanel({ login, onAgreed, onDeclined }: { login: LoginResponse; onAgreed: () => void; onDeclined: () => void }) {
  const notice = useLoad(() => loadNotice(), [], { reloadOnShow: false });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const agree = async () => {
    if (!notice.data || busy) return;
    setBusy(true);
    setError(null);
    try {
      saveSession(login);
      await agreeToNotice(notice.data.version);
      onAgreed();
    } catch (err) {
      clearSession();
      setError(messageOf(err));
      // A newer notice came out meanwhile: show it, to be agreed to instead.
      if (err instanceof ApiError && err.code === 'privacy_notice_outdated') void notice.reload();
    } finally {
      setBusy(false);
    }
  };

  const decline = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      // A member who agreed to an older version keeps their account: declining the new one only signs out.
      if (!login.privacy.agreedVersion) {
        saveSession(login);
        await declineNotice();
      }
    } catch {
      // Not deleted now (offline, or kept): it expires on the server unless the member comes back and agrees.
    } finally {
      clearSession();
      setBusy(false);
    }
    onDeclined();
  };

  if (!notice.data) return notice.error ? <ErrorBlock message={`个人信息保护政策加载失败：${notice.error}`} onRetry={() => void notice.reload()} /> : <Loading />;
  return (
    <View className="tk-privacy-consent">
      <PrivacyNoticeText notice={notice.data} />
      {login.privacy.agreedVersion ? <Text className="tk-privacy-version">政策已更新，请阅读并确认新版本。</Text> : null}
      {error ? <ErrorBlock message={error} /> : null}
      <View className="tk-privacy-consent-actions">
        <Button className="tk-privacy-agree tk-tap" type="primary" block disabled={busy} onClick={() => void agree()}>
          {busy ? '提交中…' : '同意并继续'}
        </Button>
        <Button className="tk-privacy-decline tk-tap" block disabled={busy} onClick={() => void decline()}>
          不同意
        </Button>
      </View>
    </View>
  );
}
