import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { ClaimableResponse } from '../../../../shared/api';
import { ApiError, claimCoupon, exchangeCoupon, getCard, getClaimableCoupons, messageOf } from '../../api';
import { CouponTicket } from '../../components/CouponTicket';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loading } from '../../components/Loading';
import { Button } from '../../components/ui';
import { storesText, validityText } from '../../lib/coupons';
import { TapKeys } from '../../lib/tap-keys';
import { useSignedInShow } from '../../lib/use-signed-in';
import './index.scss';

type Offer = ClaimableResponse['items'][number];

const BLOCKED_LABELS: Record<NonNullable<Offer['blockedBy']>, string> = {
  sold_out: '已领完',
  limit_reached: '已达领取上限',
  insufficient_points: '积分不足',
};

const MY_COUPONS_PAGE = '/coupons/mine/index';

/** 领券中心: coupons to claim, or to exchange for points, each with why it cannot be taken now. */
export default function CouponCenterPage() {
  const [offers, setOffers] = useState<Offer[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [points, setPoints] = useState<number | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, { message: string; retry: boolean }>>({});
  const keys = useRef(new TapKeys());

  const load = useCallback(async () => {
    try {
      const [claimable, card] = await Promise.all([getClaimableCoupons(), getCard()]);
      setOffers(claimable.items);
      setPoints(card.points);
      setLoadError(null);
    } catch (error) {
      setLoadError(messageOf(error));
    }
  }, []);

  useSignedInShow(() => {
    void load();
  });

  /** 领取 / 兑换: a new key per tap; 重试 (retry) sends the same key again. */
  const take = async (offer: Offer, retry: boolean) => {
    if (busy) return;
    const key = retry ? keys.current.retry(offer.id) : keys.current.tap(offer.id);
    setBusy(offer.id);
    setErrors(({ [offer.id]: _, ...rest }) => rest);
    try {
      if (offer.obtainedBy === 'exchange') {
        const { balance } = await exchangeCoupon(offer.id, key);
        setPoints(balance);
      } else {
        await claimCoupon(offer.id, key);
      }
      keys.current.settle(offer.id);
      void Taro.showToast({ title: offer.obtainedBy === 'exchange' ? '兑换成功' : '领取成功', icon: 'success' });
      await load();
    } catch (error) {
      const retryable = error instanceof ApiError && error.retryable;
      if (!retryable) keys.current.settle(offer.id);
      setErrors((all) => ({ ...all, [offer.id]: { message: messageOf(error), retry: retryable } }));
      // A refusal (sold out, limit, points) means the list is out of date: show it as it is now.
      if (!retryable) await load();
    } finally {
      setBusy(null);
    }
  };

  const openMine = () => void Taro.navigateTo({ url: MY_COUPONS_PAGE });

  return (
    <View className="tk-page tk-coupon-center-page">
      <View className="tk-center-head">
        <View className="tk-center-points">
          <Text className="tk-muted">我的积分</Text>
          <Text className="tk-center-points-value">{points ?? '—'}</Text>
        </View>
        <Text className="tk-my-coupons-link" onClick={openMine}>
          我的优惠券 ›
        </Text>
      </View>

      {offers === null ? (
        loadError ? (
          <ErrorBlock message={loadError} onRetry={() => void load()} />
        ) : (
          <Loading />
        )
      ) : offers.length === 0 ? (
        <EmptyState title="暂时没有可领的券" description="新活动上线后会出现在这里" />
      ) : (
        <View className="tk-claim-list">
          {offers.map((offer) => {
            const error = errors[offer.id];
            const exchange = offer.obtainedBy === 'exchange';
            const label = offer.blockedBy
              ? BLOCKED_LABELS[offer.blockedBy]
              : busy === offer.id
                ? exchange
                  ? '兑换中…'
                  : '领取中…'
                : exchange
                  ? `${offer.pointsCost ?? 0} 积分兑换`
                  : '领取';
            const lines = [
              `适用门店：${storesText(offer.storeNames)}`,
              `有效期：${validityText(offer.validity)}`,
              [
                offer.remaining === null ? '不限量' : `剩余 ${offer.remaining} 张`,
                offer.perMemberLimit > 1 ? `每人限 ${offer.perMemberLimit} 张` : '每人限 1 张',
                offer.held > 0 ? `已有 ${offer.held} 张` : '',
              ]
                .filter(Boolean)
                .join(' · '),
            ];
            return (
              <CouponTicket
                key={offer.id}
                className={`tk-claim-item ${offer.blockedBy ? `tk-claim-blocked tk-blocked-${offer.blockedBy}` : ''}`}
                terms={offer}
                name={offer.name}
                description={offer.description}
                lines={lines}
                muted={offer.blockedBy !== null}
              >
                {error ? (
                  <View className="tk-claim-error">
                    <Text className="tk-error">{error.message}</Text>
                  </View>
                ) : null}
                {error?.retry ? (
                  <Button className="tk-retry" size="small" type="primary" fill="outline" disabled={busy !== null} onClick={() => void take(offer, true)}>
                    重试
                  </Button>
                ) : (
                  <Button
                    className={exchange ? 'tk-claim tk-exchange' : 'tk-claim'}
                    size="small"
                    type="primary"
                    fill={offer.blockedBy ? 'outline' : 'solid'}
                    disabled={offer.blockedBy !== null || busy !== null}
                    onClick={() => void take(offer, false)}
                  >
                    {label}
                  </Button>
                )}
              </CouponTicket>
            );
          })}
        </View>
      )}
    </View>
  );
}
