import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { CARD_PAGE } from '../api/session';
import './top-bar.scss';

const isH5 = process.env.TARO_ENV === 'h5';

/** The page's title as its config declares it (`navigationBarTitleText`), read when the page opens. */
function configuredTitle(): string {
  const config = Taro.getCurrentInstance().page?.config as { navigationBarTitleText?: string } | undefined;
  return config?.navigationBarTitleText ?? '通卡';
}

/** ‹: back where the user came from; with no page behind (a deep link, a refresh), to the card. */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.reLaunch({ url: CARD_PAGE });
}

/**
 * H5's stand-in for WeChat's navigation bar on every non-tab page: ‹ and the page's title. WeChat
 * draws its own bar (with its own back and home buttons), so on weapp this renders nothing.
 * Put it first in the page.
 */
export function TopBar({ title }: { title?: string }) {
  const [text] = useState(() => title ?? configuredTitle());
  if (!isH5) return null;
  return (
    <View className="tk-top-bar">
      <View className="tk-top-bar-back" onClick={goBack} aria-label="返回">
        <Text>‹</Text>
      </View>
      <Text className="tk-top-bar-title">{title ?? text}</Text>
    </View>
  );
}
