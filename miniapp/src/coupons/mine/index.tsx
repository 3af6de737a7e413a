import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { MemberCouponStatus, type MemberCoupon } from '../../../../shared/api';
import { getMyCoupons } from '../../api';
import { CouponTicket } from '../../components/CouponTicket';
import { EmptyState } from '../../components/EmptyState';
import { Loadable } from '../../components/Loadable';
import { MemberPage } from '../../components/MemberPage';
import { Button } from '../../components/ui';
import { COUPON_TABS, couponLines, expiresSoon, usableToday } from '../../lib/my-coupons';
import { COUPON_CENTER_PAGE } from '../../lib/routes';
import { showMemberCode } from '../../lib/show-code';
import { useLoad } from '../../lib/use-load';
import './index.scss';

const STAMPS: Partial<Record<MemberCouponStatus, string>> = { used: '已使用', expired: '已过期' };

function MyCoupon({ coupon }: { coupon: MemberCoupon }) {
  return (
    <CouponTicket
      className={`tk-my-coupon tk-my-coupon-${coupon.status}${expiresSoon(coupon) ? ' tk-my-coupon-expiring' : ''}`}
      terms={coupon}
      name={coupon.name}
      description={coupon.description}
      lines={couponLines(coupon)}
      muted={coupon.status !== 'available'}
      badge={expiresSoon(coupon) ? '即将过期' : undefined}
      stamp={STAMPS[coupon.status]}
    >
      {usableToday(coupon) ? (
        <Button className="tk-use-coupon tk-tap" size="small" type="primary" onClick={showMemberCode}>
          立即使用
        </Button>
      ) : null}
    </CouponTicket>
  );
}

/** 我的优惠券: 可使用 / 已使用 / 已过期, each coupon with where it is usable and until when. */
export default function MyCouponsPage() {
  return <MemberPage className="tk-my-coupons-page">{() => <MyCoupons />}</MemberPage>;
}

function MyCoupons() {
  const initial = MemberCouponStatus.safeParse(useRouter().params.status);
  const [status, setStatus] = useState<MemberCouponStatus>(initial.success ? initial.data : 'available');
  const coupons = useLoad(() => getMyCoupons(status), [status]);
  const tab = COUPON_TABS.find((t) => t.status === status)!;
  const toCenter = () => void Taro.navigateTo({ url: COUPON_CENTER_PAGE });

  return (
    <>
      <View className="tk-coupon-tabs">
        {COUPON_TABS.map((t) => (
          <View key={t.status} className={`tk-coupon-tab tk-coupon-tab-${t.status} ${t.status === status ? 'tk-coupon-tab-active' : ''}`} onClick={() => setStatus(t.status)}>
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>

      <Loadable
        state={coupons}
        isEmpty={(res) => res.items.length === 0}
        empty={<EmptyState className="tk-my-coupons-empty" title={tab.empty} action={{ text: '去领券', onTap: toCenter, className: 'tk-go-center' }} />}
      >
        {(res) => (
          <View className={`tk-my-coupon-list tk-my-coupon-list-${status}`}>
            {res.items.map((coupon) => (
              <MyCoupon key={coupon.id} coupon={coupon} />
            ))}
            {status === 'available' ? <Text className="tk-my-coupons-hint">到店结账时出示会员码，店员即可为您用券</Text> : null}
          </View>
        )}
      </Loadable>
    </>
  );
}
