import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { DevAccount } from '../../../../shared/api';
import { CARD_PAGE, devAccounts, login, messageOf } from '../../api';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loading } from '../../components/Loading';
import { useLoad } from '../../lib/use-load';
import { Button, Cell, CellGroup } from '../../components/ui';
import { homePageFor } from '../../lib/staff-roles';
import { markLanded } from '../../lib/use-staff-landing';
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
 * route with its `dev-<openid>` code.
 */
export default function LoginPage() {
  const list = useLoad(() => devAccounts(), [], { reloadOnShow: false });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // On WeChat the list is a local convenience: no list is not an error there.
  const accounts = list.data?.items ?? (list.error || !list.loading ? [] : null);
  const accountsError = isWeapp ? null : list.error;

  const signIn = async (id: string, getCode: () => Promise<string>) => {
    if (busy) return;
    setBusy(id);
    setError(null);
    try {
      const session = await login(await getCode());
      // Staff open into their 店员工作台, members into their card.
      markLanded();
      await Taro.reLaunch({ url: homePageFor(session.staff, CARD_PAGE) });
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

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
