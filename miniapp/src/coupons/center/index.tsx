import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ClaimableResponse } from '../../../../shared/api';
import { claimCoupon, exchangeCoupon, getCard, getClaimableCoupons } from '../../api';
import { CouponTicket } from '../../components/CouponTicket';
import { EmptyState } from '../../components/EmptyState';
import { Loadable } from '../../components/Loadable';
import { MemberPage } from '../../components/MemberPage';
import { Button } from '../../components/ui';
import { storesText, validityText } from '../../lib/coupons';
import { MY_COUPONS_PAGE } from '../../lib/routes';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import './index.scss';

type Offer = ClaimableResponse['items'][number];

const BLOCKED_LABELS: Record<NonNullable<Offer['blockedBy']>, string> = {
  sold_out: '已领完',
  limit_reached: '已达领取上限',
  insufficient_points: '积分不足',
};

function offerLines(offer: Offer): string[] {
  return [
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
}

/** The offers and the member's points, read together. */
async function loadCenter() {
  const [claimable, card] = await Promise.all([getClaimableCoupons(), getCard()]);
  return { offers: claimable.items, points: card.points };
}

/** 领券中心: coupons to claim, or to exchange for points, each with why it cannot be taken now. */
export default function CouponCenterPage() {
  return <MemberPage className="tk-coupon-center-page">{() => <CouponCenter />}</MemberPage>;
}

function CouponCenter() {
  const center = useLoad(loadCenter, []);
  /** 领取 / 兑换: a key per intent, sent again by 重试 after a lost answer. */
  const take = useSubmit('take-coupon', (key, templateId: string, exchange: boolean) =>
    exchange ? exchangeCoupon(templateId, key).then((res) => res.balance) : claimCoupon(templateId, key).then(() => null),
  );

  const onTake = async (offer: Offer, retry = false) => {
    const exchange = offer.obtainedBy === 'exchange';
    const outcome = retry ? await take.retry() : await take.submit(offer.id, exchange);
    if (outcome.ok) {
      const balance = outcome.value;
      if (balance !== null) center.setData((now) => now && { ...now, points: balance });
      void Taro.showToast({ title: exchange ? '兑换成功' : '领取成功', icon: 'success' });
      await center.reload();
    } else if (!outcome.busy && !outcome.retryable) {
      // A refusal (sold out, limit, points) means the list is out of date: show it as it is now.
      await center.reload();
    }
  };

  const openMine = () => void Taro.navigateTo({ url: MY_COUPONS_PAGE });

  const action = (offer: Offer) => {
    const exchange = offer.obtainedBy === 'exchange';
    const error = take.error?.args[0] === offer.id ? take.error : null;
    if (error?.retryable) {
      return (
        <Button className="tk-retry tk-tap" size="small" type="primary" fill="outline" disabled={take.busy} onClick={() => void onTake(offer, true)}>
          重试
        </Button>
      );
    }
    const label = offer.blockedBy
      ? BLOCKED_LABELS[offer.blockedBy]
      : take.running?.[0] === offer.id
        ? exchange
          ? '兑换中…'
          : '领取中…'
        : exchange
          ? `${offer.pointsCost ?? 0} 积分兑换`
          : '领取';
    return (
      <Button
        className={`tk-claim tk-tap${exchange ? ' tk-exchange' : ''}`}
        size="small"
        type="primary"
        fill={offer.blockedBy ? 'outline' : 'solid'}
        disabled={offer.blockedBy !== null || take.busy}
        onClick={() => void onTake(offer)}
      >
        {label}
      </Button>
    );
  };

  return (
    <>
      <View className="tk-center-head">
        <View className="tk-center-points">
          <Text className="tk-muted">我的积分</Text>
          <Text className="tk-center-points-value">{center.data?.points ?? '—'}</Text>
        </View>
        <View className="tk-my-coupons-link tk-tap" onClick={openMine}>
          <Text>我的优惠券 ›</Text>
        </View>
      </View>

      <Loadable
        state={center}
        isEmpty={(data) => data.offers.length === 0}
        empty={<EmptyState title="暂时没有可领的券" description="新活动上线后会出现在这里" action={{ text: '查看我的优惠券', onTap: openMine }} />}
      >
        {(data) => (
          <View className="tk-claim-list">
            {data.offers.map((offer) => {
              const error = take.error?.args[0] === offer.id ? take.error : null;
              return (
                <CouponTicket
                  key={offer.id}
                  className={`tk-claim-item ${offer.blockedBy ? `tk-claim-blocked tk-blocked-${offer.blockedBy}` : ''}`}
                  terms={offer}
                  name={offer.name}
                  description={offer.description}
                  lines={offerLines(offer)}
                  muted={offer.blockedBy !== null}
                >
                  {error ? (
                    <View className="tk-claim-error">
                      <Text className="tk-error">{error.message}</Text>
                    </View>
                  ) : null}
                  {action(offer)}
                </CouponTicket>
              );
            })}
          </View>
        )}
      </Loadable>
    </>
  );
}
