import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useUnload } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { CardResponse, MemberCodeResponse, MessageTemplates } from '../../../../shared/api';
import { formatYuan } from '../../../../shared/money';
import { TIER_RULES, tierLabel } from '../../../../shared/tiers';
import {
  currentSession,
  getCard,
  getMemberCode,
  getMessageTemplates,
  goToLogin,
  messageOf,
  type Session,
} from '../../api';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loading } from '../../components/Loading';
import { MemberQr } from '../../components/MemberQr';
import { NextBooking } from '../../components/booking/NextBooking';
import { Button, Cell, CellGroup, Progress, Tag } from '../../components/ui';
import { groupDigits } from '../../lib/format';
import { subscribeToOffers } from '../../lib/subscribe';
import { useSignedInShow } from '../../lib/use-signed-in';
import './index.scss';

/**
 * When to fetch the next code. The server's refreshAt is a full window before expiry, and a fresh
 * code is always valid for at least 60 s, so refreshing at most every 60 s keeps an unexpired code
 * on screen even when the phone's clock is off.
 */
function refreshDelay(code: MemberCodeResponse): number {
  const untilRefresh = Date.parse(code.refreshAt) - Date.now() + 500;
  return Math.min(Math.max(Number.isFinite(untilRefresh) ? untilRefresh : 0, 2_000), 60_000);
}
/** After this long without a successful refresh the code is hidden (it is valid ≥ 60 s, ≤ 120 s). */
function expiryDelay(code: MemberCodeResponse): number {
  const untilExpiry = Date.parse(code.expiresAt) - Date.now();
  return Math.min(Math.max(Number.isFinite(untilExpiry) ? untilExpiry : 0, 60_000), 120_000);
}
const RETRY_MS = 5_000;

function tierProgress(card: CardResponse): { percent: number; text: string } | null {
  if (!card.nextTier) return null;
  const floor = TIER_RULES.find((r) => r.tier === card.tier)?.minSpendFen ?? 0;
  const target = card.spend365Fen + card.nextTier.remainingFen;
  const span = Math.max(target - floor, 1);
  const percent = Math.min(100, Math.max(0, Math.floor(((card.spend365Fen - floor) * 100) / span)));
  return { percent, text: `再消费${formatYuan(card.nextTier.remainingFen)}升级${tierLabel(card.nextTier.tier)}` };
}

export default function CardPage() {
  const [session, setSession] = useState<Session | null>(() => currentSession());
  const [card, setCard] = useState<CardResponse | null>(null);
  const [cardError, setCardError] = useState<string | null>(null);
  const [code, setCode] = useState<MemberCodeResponse | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const expiryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const visible = useRef(false);
  /** Bumped by every code fetch and by hiding the page, so a stale answer is dropped. */
  const generation = useRef(0);
  /** When the code on screen was fetched (this device's clock), to drop it after a long pause. */
  const fetchedAt = useRef(0);
  /** Fetched ahead: WeChat's subscribe prompt must be the first thing a tap does. */
  const [templates, setTemplates] = useState<MessageTemplates | null>(null);

  const stopTimers = useCallback(() => {
    generation.current++;
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    if (expiryTimer.current) clearTimeout(expiryTimer.current);
    refreshTimer.current = null;
    expiryTimer.current = null;
  }, []);

  const loadCard = useCallback(async () => {
    try {
      setCard(await getCard());
      setCardError(null);
    } catch (error) {
      setCardError(messageOf(error));
    }
  }, []);

  /** Fetches a code and schedules the next; only the latest call's result is kept. */
  const loadCode = useCallback(async function fetchCode(): Promise<void> {
    const mine = ++generation.current;
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    refreshTimer.current = null;
    try {
      const next = await getMemberCode();
      if (!visible.current || mine !== generation.current) return;
      fetchedAt.current = Date.now();
      setCode(next);
      setCodeError(null);
      if (expiryTimer.current) clearTimeout(expiryTimer.current);
      expiryTimer.current = setTimeout(() => setCode(null), expiryDelay(next));
      refreshTimer.current = setTimeout(() => void fetchCode(), refreshDelay(next));
    } catch (error) {
      if (!visible.current || mine !== generation.current) return;
      setCodeError(messageOf(error));
      refreshTimer.current = setTimeout(() => void fetchCode(), RETRY_MS);
    }
  }, []);

  useSignedInShow((now) => {
    setSession(now);
    visible.current = true;
    // Timers do not run while the app is in the background: never show a code that may have expired.
    if (Date.now() - fetchedAt.current > 55_000) setCode(null);
    void loadCard();
    void loadCode();
    if (!templates) void getMessageTemplates().then(setTemplates, () => undefined);
  });

  useDidHide(() => {
    visible.current = false;
    stopTimers();
  });
  useUnload(() => {
    visible.current = false;
    stopTimers();
  });

  const logout = () => {
    visible.current = false;
    stopTimers();
    goToLogin();
  };

  /** 生日礼遇与优惠提醒: WeChat's one-time prompt, and what the member accepted goes to the API. */
  const subscribe = async () => {
    if (!templates) return;
    try {
      const outcome = await subscribeToOffers(templates);
      if (outcome) void Taro.showToast({ title: outcome.accepted ? '订阅成功' : '未订阅', icon: outcome.accepted ? 'success' : 'none' });
    } catch (error) {
      void Taro.showToast({ title: messageOf(error), icon: 'none' });
    }
  };

  const progress = card ? tierProgress(card) : null;
  const staff = session?.staff ?? null;

  return (
    <View className="tk-page tk-card-page">
      <View className="tk-card">
        {card ? (
          <>
            <View className="tk-card-head">
              <Text className="tk-nickname">{card.nickname}</Text>
              <Tag className="tk-tier" type="warning" round>
                {tierLabel(card.tier)}
              </Tag>
            </View>
            <Text className="tk-member-no">会员号 {card.memberNo}</Text>
            <View className="tk-points-row">
              <Text className="tk-points-label">积分</Text>
              <Text className="tk-points">{card.points}</Text>
            </View>
            {progress ? (
              <View className="tk-tier-progress">
                <Progress percent={progress.percent} color="#f0b64a" background="rgba(255,255,255,0.25)" strokeWidth="6" />
                <Text className="tk-next-tier">{progress.text}</Text>
              </View>
            ) : (
              <Text className="tk-next-tier">已是最高等级，全部门店享受 2 倍积分</Text>
            )}
          </>
        ) : cardError ? (
          <ErrorBlock message={cardError} onRetry={() => void loadCard()} />
        ) : (
          <Loading />
        )}
      </View>

      <View className="tk-code-panel">
        <Text className="tk-code-title">会员码 · 全部门店通用</Text>
        {code ? (
          <>
            <MemberQr text={code.qr} />
            <Text className="tk-digits">{groupDigits(code.digits)}</Text>
            <Text className="tk-code-hint">每分钟自动刷新，截图无效</Text>
          </>
        ) : codeError ? (
          <ErrorBlock message={codeError} onRetry={() => void loadCode()} />
        ) : (
          <Loading text="正在生成会员码…" />
        )}
      </View>

      <CellGroup className="tk-coupon-menu">
        <Cell
          className="tk-my-coupons-entry"
          title="我的优惠券"
          extra={
            <Text className="tk-coupon-count-row">
              <Text className="tk-coupon-count">{card ? card.usableCoupons : '–'}</Text> 张可用 ›
            </Text>
          }
          clickable
          onClick={() => void Taro.navigateTo({ url: '/coupons/mine/index' })}
        />
        <Cell
          className="tk-coupon-center-entry"
          title="领券中心"
          description="领券、用积分兑换好礼"
          extra="去领券 ›"
          clickable
          onClick={() => void Taro.navigateTo({ url: '/coupons/center/index' })}
        />
      </CellGroup>

      <NextBooking booking={card?.nextBooking ?? null} loaded={card !== null} />

      <CellGroup className="tk-me-menu">
        <Cell
          className="tk-subscribe-entry"
          title="生日礼遇与优惠提醒"
          description="生日当天和专属回店优惠，微信通知你"
          extra={templates ? '订阅 ›' : '…'}
          clickable
          onClick={() => void subscribe()}
        />
        <Cell
          className="tk-settings-entry"
          title="我的资料与隐私"
          description="生日、营销消息开关"
          extra="›"
          clickable
          onClick={() => void Taro.navigateTo({ url: '/me/settings/index' })}
        />
      </CellGroup>

      <CellGroup className="tk-menu">
        {staff ? (
          <Cell
            className="tk-staff-entry"
            title="店员工作台"
            description={staff.storeName ?? '总部'}
            extra="扫码收银 ›"
            clickable
            onClick={() => void Taro.navigateTo({ url: '/staff/scan/index' })}
          />
        ) : null}
        <Cell
          className="tk-ledger-entry"
          title="积分明细"
          extra="›"
          clickable
          onClick={() => void Taro.switchTab({ url: '/pages/ledger/index' })}
        />
      </CellGroup>

      <View className="tk-logout-row">
        <Button className="tk-logout" fill="none" onClick={logout}>
          退出登录
        </Button>
      </View>
    </View>
  );
}
