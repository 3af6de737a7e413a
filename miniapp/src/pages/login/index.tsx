import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { DevAccount, LoginResponse } from '../../../../shared/api';
import { CARD_PAGE, clearSession, devAccounts, login, messageOf } from '../../api';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loading } from '../../components/Loading';
import { useLoad } from '../../lib/use-load';
import { Button, Cell, CellGroup } from '../../components/ui';
import { homePageFor } from '../../lib/staff-roles';
import { markLanded } from '../../lib/use-staff-landing';
import { ConsentPanel } from '../privacy/ConsentPanel';
import { needsConsent } from '../privacy/notice';
import './index.scss';

const ROLE_LABELS: Record<DevAccount['role'], string> = {
  member: '会员',
  clerk: '店员',
  manager: '店长',
  hq: '总部',
};

const isWeapp = process.env.TARO_ENV === 'weapp';

/**
 * WeChat: wx.login → POST /v1/auth/wechat. H5 (and a local WeChat build): the 演示登录 list from
 * GET /v1/dev/accounts, which only the local stage answers; each account logs in through the same
 * route with its `dev-<openid>` code. Before the card, the privacy notice when the member has not
 * agreed to the version in force (first login, or the notice changed): 同意并继续 or 不同意.
 */
export default function LoginPage() {
  const list = useLoad(() => devAccounts(), [], { reloadOnShow: false });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** A login waiting for the member's agreement to the privacy notice (its session is not kept meanwhile). */
  const [pending, setPending] = useState<LoginResponse | null>(null);
  const [declined, setDeclined] = useState(false);
  // On WeChat the list is a local convenience: no list is not an error there.
  const accounts = list.data?.items ?? (list.error || !list.loading ? [] : null);
  const accountsError = isWeapp ? null : list.error;

  const signIn = async (id: string, getCode: () => Promise<string>) => {
    if (busy) return;
    setBusy(id);
    setError(null);
    setDeclined(false);
    try {
      const session = await login(await getCode());
      if (needsConsent(session)) {
        clearSession();
        setPending(session);
        return;
      }
      await enter(session);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

  /** Staff open into their 店员工作台, members into their card. */
  const enter = async (session: LoginResponse) => {
    markLanded();
    await Taro.reLaunch({ url: homePageFor(session.staff, CARD_PAGE) });
  };

  /** ConsentPanel already deleted what a first login made (POST /v1/me/consent/decline) and dropped the session. */
  const decline = () => {
    clearSession();
    setPending(null);
    setDeclined(true);
    // The explanation is at the top; the notice left the page scrolled to its end.
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
  };

  if (pending) {
    return (
      <View className="tk-page tk-login-page tk-login-consent">
        <ConsentPanel login={pending} onAgreed={() => void enter(pending)} onDeclined={decline} />
      </View>
    );
  }

  const wechatLogin = () =>
    signIn('wechat', async () => {
      const { code } = await Taro.login();
      if (!code) throw new Error('微信登录失败，请重试');
      return code;
    });

  return (
    <View className="tk-page tk-login-page">
      <View className="tk-login-hero">
        <Text className="tk-login-brand">通卡</Text>
        <Text className="tk-login-slogan">一张会员卡，全部门店通用</Text>
      </View>

      {isWeapp ? (
        <View className="tk-form-actions">
          <Button className="tk-wechat-login" type="primary" block disabled={busy !== null} onClick={() => void wechatLogin()}>
            {busy === 'wechat' ? '登录中…' : '微信一键登录'}
          </Button>
        </View>
      ) : null}

      {declined ? (
        <View className="tk-privacy-declined">
          <Text>您未同意《个人信息保护政策》，我们没有为您开通会员卡，本次登录产生的记录（含微信身份标识）不会保留。如需使用会员卡，请重新登录并同意。</Text>
        </View>
      ) : null}

      {error ? <ErrorBlock message={error} /> : null}

      {accounts === null ? (
        isWeapp ? null : (
          <Loading />
        )
      ) : accounts.length > 0 ? (
        <>
          <Text className="tk-section-title">演示登录 · 选择一个演示账号</Text>
          <CellGroup className="tk-accounts">
            {accounts.map((account) => (
              <Cell
                key={account.openid}
                className={`tk-account tk-account-${account.openid}`}
                title={`${account.name}`}
                description={[ROLE_LABELS[account.role], account.storeName].filter(Boolean).join(' · ')}
                extra={busy === account.openid ? '登录中…' : '登录 ›'}
                clickable
                onClick={() => void signIn(account.openid, async () => account.code)}
              />
            ))}
          </CellGroup>
        </>
      ) : accountsError ? (
        <ErrorBlock message={`演示账号加载失败：${accountsError}`} onRetry={() => void list.reload()} />
      ) : null}
    </View>
  );
}
