import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { getMyCoupons } from '../api';
import { useLoad } from '../lib/use-load';
import { MY_COUPONS_PAGE } from '../lib/routes';
import { markWelcomeShown, welcomeCoupons, welcomeShown } from '../lib/welcome';
import { Button } from './ui';
import './welcome-gift.scss';

/**
 * The card page's one-time note that the 新人礼 has arrived: looked up only while this member has
 * not been told on this device, and remembered as told as soon as it is on screen.
 */
export function WelcomeGift({ memberNo }: { memberNo: string | null }) {
  /** The member to tell, fixed once the card is known: marking them told must not hide the note. */
  const [ask, setAsk] = useState<string | null>(null);
  useEffect(() => {
    if (memberNo && !welcomeShown(memberNo)) setAsk(memberNo);
  }, [memberNo]);
  const coupons = useLoad(() => getMyCoupons('available'), [ask], { enabled: ask !== null, reloadOnShow: false });
  const [closed, setClosed] = useState(false);
  const gifts = coupons.data ? welcomeCoupons(coupons.data.items) : [];

  useEffect(() => {
    // Told (or nothing to tell: no welcome coupon left to use): never looked up again.
    if (ask && coupons.data) markWelcomeShown(ask);
  }, [ask, coupons.data]);

  if (closed || gifts.length === 0) return null;
  const view = () => {
    setClosed(true);
    void Taro.navigateTo({ url: MY_COUPONS_PAGE });
  };
  return (
    <View className="tk-welcome">
      <View className="tk-welcome-text">
        <Text className="tk-welcome-title">新人礼已到账</Text>
        <Text className="tk-welcome-names">{gifts.map((g) => g.name).join('、')}，已放入我的优惠券</Text>
      </View>
      <View className="tk-welcome-actions">
        <Button className="tk-welcome-view tk-tap" type="primary" size="small" onClick={view}>
          去看看
        </Button>
        <Button className="tk-welcome-close tk-tap" size="small" fill="none" onClick={() => setClosed(true)}>
          知道了
        </Button>
      </View>
    </View>
  );
}
