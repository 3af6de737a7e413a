/**
 * WeChat's own privacy flow (weapp only; on H5 everything here is a no-op): before a privacy API
 * such as getPhoneNumber runs, WeChat calls `wx.onNeedPrivacyAuthorization` if the user has not
 * agreed to the mini-program's privacy guidelines yet; the app must then show its prompt with a
 * button of `open-type="agreePrivacyAuthorization"` and resolve WeChat's request with the answer.
 *
 * Use: render `<PrivacyAuthorizationPrompt />` once in a page that asks for personal data (it
 * registers the listener and shows the prompt when WeChat asks), and `await
 * ensurePrivacyAuthorized()` before asking for something WeChat does not gate itself (the
 * birthday): it runs the same flow through `wx.requirePrivacyAuthorize`. A native picker opens on
 * the tap itself, before any code could wait: `usePrivacyGate()` tells the picker whether WeChat
 * still needs the user's agreement, so the picker is mounted only after it (the birthday's first tap
 * asks, the next one opens the wheel).
 */
import { Button as NativeButton, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
// The prompt's styles sit with the notice's page (pages/privacy/index.scss).
import '../pages/privacy/index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** WeChat checks the agreeing button's id against the one the request is resolved with. */
const AGREE_BUTTON_ID = 'tk-privacy-authorization-agree';

type Resolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void;

/** WeChat keeps one listener: it hands each request to the prompt mounted last. */
let showPrompt: ((resolve: Resolve) => void) | null = null;
let listening = false;

function listen(): void {
  if (!isWeapp || listening) return;
  listening = true;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    // No prompt on screen: the request is declined and the privacy API fails, asking nothing.
    if (showPrompt) showPrompt(resolve);
    else resolve({ event: 'disagree' });
  });
}

/** Resolves true once the user has agreed to WeChat's privacy guidelines (always true on H5). */
export function ensurePrivacyAuthorized(): Promise<boolean> {
  if (!isWeapp) return Promise.resolve(true);
  listen();
  return new Promise((resolve) => {
    Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) });
  });
}

export interface PrivacyGate {
  /** WeChat needs no (more) agreement: what is behind the gate may open. Always true on H5. */
  open: boolean;
  /** Runs WeChat's privacy flow (the prompt of this page); opens the gate once the user agreed. */
  unlock: () => Promise<boolean>;
}

/**
 * For a control that collects personal data on its own tap (the birthday's pickers): closed on
 * weapp until WeChat says no agreement is needed (`wx.getPrivacySetting`) or the user agreed through
 * ensurePrivacyAuthorized.
 */
export function usePrivacyGate(): PrivacyGate {
  const [open, setOpen] = useState(!isWeapp);
  useEffect(() => {
    if (!isWeapp) return;
    Taro.getPrivacySetting({ success: (res) => !res.needAuthorization && setOpen(true) });
  }, []);
  return {
    open,
    unlock: async () => {
      const agreed = await ensurePrivacyAuthorized();
      if (agreed) setOpen(true);
      return agreed;
    },
  };
}

export interface PrivacyAuthorization {
  /** WeChat is waiting for the user's answer. */
  pending: boolean;
  /** 《…小程序隐私保护指引》 as WeChat names it. */
  contractName: string;
  agree: () => void;
  disagree: () => void;
  openContract: () => void;
}

/** The state of WeChat's privacy request for the page that mounts it (never pending on H5). */
export function usePrivacyAuthorization(): PrivacyAuthorization {
  const [resolver, setResolver] = useState<{ resolve: Resolve } | null>(null);
  const [contractName, setContractName] = useState('《小程序隐私保护指引》');

  useEffect(() => {
    if (!isWeapp) return undefined;
    listen();
    const mine = (resolve: Resolve) => setResolver({ resolve });
    showPrompt = mine;
    Taro.getPrivacySetting({ success: (res) => res.privacyContractName && setContractName(res.privacyContractName) });
    return () => {
      if (showPrompt === mine) showPrompt = null;
    };
  }, []);

  const answer = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => {
    resolver?.resolve(option);
    setResolver(null);
  };
  return {
    pending: resolver !== null,
    contractName,
    agree: () => answer({ event: 'agree', buttonId: AGREE_BUTTON_ID }),
    disagree: () => answer({ event: 'disagree' }),
    openContract: () => Taro.openPrivacyContract(),
  };
}

/** WeChat's privacy prompt: shown only while WeChat is waiting for an answer (renders nothing on H5). */
export function PrivacyAuthorizationPrompt() {
  const auth = usePrivacyAuthorization();
  if (!isWeapp || !auth.pending) return null;
  return (
    <View className="tk-privacy-authorization">
      <Text className="tk-privacy-authorization-text">
        在使用手机号、生日等个人信息前，请阅读并同意
        <Text className="tk-privacy-authorization-link" onClick={auth.openContract}>
          {auth.contractName}
        </Text>
        。
      </Text>
      <View className="tk-privacy-authorization-actions">
        <NativeButton className="tk-privacy-authorization-disagree" onClick={auth.disagree}>
          拒绝
        </NativeButton>
        <NativeButton
          id={AGREE_BUTTON_ID}
          className="tk-privacy-authorization-agree"
          type="primary"
          openType="agreePrivacyAuthorization"
          onAgreePrivacyAuthorization={auth.agree}
        >
          同意
        </NativeButton>
      </View>
    </View>
  );
}
