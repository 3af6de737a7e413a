import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { shanghaiDate } from '../../../../shared/dates';
import { MemberCouponStatus, type CouponSource, type MemberCoupon } from '../../../../shared/api';
import { getMyCoupons, messageOf } from '../../api';
import { CouponTicket } from '../../components/CouponTicket';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loading } from '../../components/Loading';
import { Button } from '../../components/ui';
import { shortStoreName, storesText } from '../../lib/coupons';
import { shanghaiDateTime } from '../../lib/format';
import { useSignedInShow } from '../../lib/use-signed-in';
import './index.scss';

const TABS: Array<{ status: MemberCouponStatus; label: string; empty: string }> = [
  { status: 'available', label: '可使用', empty: '暂无可用的优惠券' },
  { status: 'used', label: '已使用', empty: '还没有用过优惠券' },
  { status: 'expired', label: '已过期', empty: '没有过期的优惠券' },
];

const SOURCE_LABELS: Record<CouponSource, string> = {
  claim: '领券中心领取',
  exchange: '积分兑换',
  welcome: '新人礼',
  cross_store: '跨店消费赠送',
  birthday: '生日礼',
  reactivation_at_risk: '回归礼',
  reactivation_dormant: '回归礼',
};

function linesOf(coupon: MemberCoupon): string[] {
  const lines = [
    `适用门店：${storesText(coupon.storeNames)}`,
    coupon.validFrom > shanghaiDate() ? `${coupon.validFrom} 起可用，有效期至 ${coupon.validTo}` : `有效期至 ${coupon.validTo}`,
  ];
  if (coupon.status === 'used' && coupon.usedAt) {
    const where = coupon.usedStoreName ? `（${shortStoreName(coupon.usedStoreName)}）` : '';
    lines.push(`${shanghaiDateTime(coupon.usedAt)} 已使用${where}`);
  } else {
    lines.push(`来源：${SOURCE_LABELS[coupon.source]}`);
  }
  return lines;
}

/** 我的优惠券: 可使用 / 已使用 / 已过期, each coupon with where it is usable and until when. */
export default function MyCouponsPage() {
  const router = useRouter();
  const initial = MemberCouponStatus.safeParse(router.params.status);
  const [status, setStatus] = useState<MemberCouponStatus>(initial.success ? initial.data : 'available');
  const [lists, setLists] = useState<Partial<Record<MemberCouponStatus, MemberCoupon[]>>>({});
  const [errors, setErrors] = useState<Partial<Record<MemberCouponStatus, string>>>({});

  const load = useCallback(async (which: MemberCouponStatus) => {
    try {
      const { items } = await getMyCoupons(which);
      setLists((all) => ({ ...all, [which]: items }));
      setErrors(({ [which]: _, ...rest }) => rest);
    } catch (error) {
      setErrors((all) => ({ ...all, [which]: messageOf(error) }));
    }
  }, []);

  useSignedInShow(() => {
    void load(status);
  });

  const choose = (next: MemberCouponStatus) => {
    setStatus(next);
    void load(next);
  };

  const tab = TABS.find((t) => t.status === status)!;
  const items = lists[status];
  const error = errors[status];

  return (
    <View className="tk-page tk-my-coupons-page">
      <View className="tk-coupon-tabs">
        {TABS.map((t) => (
          <View
            key={t.status}
            className={`tk-coupon-tab tk-coupon-tab-${t.status} ${t.status === status ? 'tk-coupon-tab-active' : ''}`}
            onClick={() => choose(t.status)}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>

      {items === undefined ? (
        error ? (
          <ErrorBlock message={error} onRetry={() => void load(status)} />
        ) : (
          <Loading />
        )
      ) : items.length === 0 ? (
        <View className="tk-my-coupons-empty">
          <EmptyState title={tab.empty} />
          {status === 'available' ? (
            <Button className="tk-go-center" type="primary" fill="outline" onClick={() => void Taro.navigateTo({ url: '/coupons/center/index' })}>
              去领券中心
            </Button>
          ) : null}
        </View>
      ) : (
        <View className={`tk-my-coupon-list tk-my-coupon-list-${status}`}>
          {error ? <ErrorBlock message={error} onRetry={() => void load(status)} /> : null}
          {items.map((coupon) => (
            <CouponTicket
              key={coupon.id}
              className={`tk-my-coupon tk-my-coupon-${coupon.status}`}
              terms={coupon}
              name={coupon.name}
              description={coupon.description}
              lines={linesOf(coupon)}
              muted={coupon.status !== 'available'}
            >
              {coupon.status === 'available' ? null : <Text className="tk-my-coupon-stamp">{coupon.status === 'used' ? '已使用' : '已过期'}</Text>}
            </CouponTicket>
          ))}
          {status === 'available' ? <Text className="tk-my-coupons-hint">到店结账时出示会员码，店员即可为您用券</Text> : null}
        </View>
      )}
    </View>
  );
}
