import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { groupDigits } from '../lib/format';
import { raiseBrightness } from '../lib/brightness';
import { takeShowCodeRequest } from '../lib/show-code';
import type { MemberCode as MemberCodeState } from '../lib/use-member-code';
import { ErrorBlock } from './ErrorBlock';
import { Loading } from './Loading';
import { MemberQr } from './MemberQr';
import './member-code.scss';

/** Whole seconds until `at`, re-rendered every second (only this line, not the page). */
function Countdown({ at }: { at: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return <Text className="tk-code-seconds">{Math.max(0, Math.ceil((at - now) / 1_000))}</Text>;
}

/**
 * The card page's member code: the QR and its digits; the seconds to the next refresh, tapped to
 * refresh now; the QR tapped to show it large (on WeChat at full brightness until closed).
 */
export function MemberCode({ state }: { state: MemberCodeState }) {
  const { code, error, loading, nextRefreshAt, refresh } = state;
  const [enlarged, setEnlarged] = useState(false);
  const restore = useRef<(() => void) | null>(null);

  const close = () => {
    if (!enlarged && !restore.current) return;
    setEnlarged(false);
    restore.current?.();
    restore.current = null;
    Taro.showTabBar({ animation: false }).catch(() => undefined);
  };
  const open = () => {
    setEnlarged(true);
    // Nothing but the code: the tab bar would sit over its lower edge.
    Taro.hideTabBar({ animation: false }).catch(() => undefined);
    void raiseBrightness().then((undo) => {
      restore.current = undo;
    });
  };
  // Leaving the page (another page, the background) puts the brightness back.
  useDidHide(close);
  // 立即使用 on a coupon opens the code large.
  useDidShow(() => {
    if (takeShowCodeRequest()) open();
  });
  useEffect(() => () => restore.current?.(), []);

  return (
    <View className="tk-code-panel">
      <Text className="tk-code-title">会员码 · 全部门店通用</Text>
      {code ? (
        <>
          <View className="tk-code-qr" onClick={open}>
            <MemberQr text={code.qr} />
          </View>
          <Text className="tk-digits">{groupDigits(code.digits)}</Text>
          <View className="tk-code-refresh tk-tap" onClick={refresh}>
            {loading ? (
              <Text>正在刷新…</Text>
            ) : nextRefreshAt ? (
              <Text>
                <Countdown at={nextRefreshAt} /> 秒后自动刷新 · 点击刷新
              </Text>
            ) : (
              <Text>点击刷新</Text>
            )}
          </View>
          <Text className="tk-code-hint">截图无效 · 点击二维码放大</Text>
        </>
      ) : error ? (
        <ErrorBlock message={error} onRetry={refresh} />
      ) : (
        <Loading text="正在生成会员码…" />
      )}

      {enlarged && code ? (
        <View className="tk-code-enlarged" onClick={close}>
          <View className="tk-code-enlarged-box">
            <MemberQr text={code.qr} />
            <Text className="tk-digits tk-digits-large">{groupDigits(code.digits)}</Text>
            <Text className="tk-code-hint">请向店员出示 · 点击任意处关闭</Text>
          </View>
        </View>
      ) : null}
    </View>
  );
}
