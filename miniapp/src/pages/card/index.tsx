import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { getCard, getMessageTemplates, goToLogin, messageOf, type Session } from '../../api';
import { CardFace } from '../../components/CardFace';
import { Loadable } from '../../components/Loadable';
import { MemberCode } from '../../components/MemberCode';
import { MemberPage } from '../../components/MemberPage';
import { WelcomeGift } from '../../components/WelcomeGift';
import { NextBooking } from '../../components/booking/NextBooking';
import { PendingRatingPrompt } from '../../components/PendingRatingPrompt';
import { Button, Cell, CellGroup } from '../../components/ui';
import { COUPON_CENTER_PAGE, LEDGER_PAGE, MY_COUPONS_PAGE, SETTINGS_PAGE } from '../../lib/routes';
import { subscribeToOffers } from '../../lib/subscribe';
import { useLoad } from '../../lib/use-load';
import { useMemberCode } from '../../lib/use-member-code';
import { useStaffLanding } from '../../lib/use-staff-landing';
import './index.scss';

const open = (url: string) => () => void Taro.navigateTo({ url });

/** 会员卡: the card, the member code, coupons, the next booking, and the member's settings. */
export default function CardPage() {
  // Staff open into their 店员工作台 on launch (item 2, lib/use-staff-landing.ts).
  useStaffLanding();
  return (
    <MemberPage className="tk-card-page" tab>
      {(session) => <Card session={session} />}
    </MemberPage>
  );
}

function Card({ session }: { session: Session }) {
  const card = useLoad(getCard, []);
  const code = useMemberCode();
  /** Fetched ahead: WeChat's subscribe prompt must be the first thing a tap does. */
  const templates = useLoad(getMessageTemplates, [], { reloadOnShow: false });

  const logout = () => {
    code.stop();
    goToLogin();
  };

  /** 生日礼遇与优惠提醒: WeChat's one-time prompt, and what the member accepted goes to the API. */
  const subscribe = async () => {
    if (!templates.data) return;
    try {
      const outcome = await subscribeToOffers(templates.data);
      if (outcome) void Taro.showToast({ title: outcome.accepted ? '订阅成功' : '未订阅', icon: outcome.accepted ? 'success' : 'none' });
    } catch (error) {
      void Taro.showToast({ title: messageOf(error), icon: 'none' });
    }
  };

  const staff = session.staff;

  return (
    <>
      <WelcomeGift memberNo={card.data?.memberNo ?? null} />
      {session.deletion ? (
        // 注销会员 pending (README § Deletion): during the cooling-off the card offers 撤销注销.
        <CellGroup className="tk-deletion-banner">
          <Cell
            title="已申请注销会员"
            description={`将于 ${Number(session.deletion.dueAt.slice(5, 7))}月${Number(session.deletion.dueAt.slice(8, 10))}日 生效，生效前可撤销`}
            extra="撤销注销 ›"
            clickable
            onClick={open('/me/deletion/index')}
          />
        </CellGroup>
      ) : null}

      <View className="tk-card">
        <Loadable state={card}>{(data) => <CardFace card={data} />}</Loadable>
      </View>

      <MemberCode state={code} />

      <PendingRatingPrompt pending={card.data?.pendingRating ?? null} />

      <CellGroup className="tk-coupon-menu">
        <Cell
          className="tk-my-coupons-entry"
          title="我的优惠券"
          extra={
            <Text className="tk-coupon-count-row">
              <Text className="tk-coupon-count">{card.data ? card.data.usableCoupons : '–'}</Text> 张可用 ›
            </Text>
          }
          clickable
          onClick={open(MY_COUPONS_PAGE)}
        />
        <Cell className="tk-coupon-center-entry" title="领券中心" description="领券、用积分兑换好礼" extra="去领券 ›" clickable onClick={open(COUPON_CENTER_PAGE)} />
      </CellGroup>

      <NextBooking booking={card.data?.nextBooking ?? null} loaded={card.data !== undefined} />

      <CellGroup className="tk-me-menu">
        <Cell
          className="tk-subscribe-entry"
          title="生日礼遇与优惠提醒"
          description="生日当天和专属回店优惠，微信通知你"
          extra={templates.data ? '订阅 ›' : '…'}
          clickable
          onClick={() => void subscribe()}
        />
        <Cell className="tk-settings-entry" title="我的资料与隐私" description="生日、营销消息开关" extra="›" clickable onClick={open(SETTINGS_PAGE)} />
      </CellGroup>

      <CellGroup className="tk-menu">
        {staff ? (
          <Cell className="tk-staff-entry" title="店员工作台" description={staff.storeName ?? '总部'} extra="扫码收银 ›" clickable onClick={open('/staff/scan/index')} />
        ) : null}
        <Cell className="tk-ledger-entry" title="积分明细" extra="›" clickable onClick={() => void Taro.switchTab({ url: LEDGER_PAGE })} />
      </CellGroup>

      <View className="tk-logout-row">
        <Button className="tk-logout tk-tap" fill="none" onClick={logout}>
          退出登录
        </Button>
      </View>
    </>
  );
}
