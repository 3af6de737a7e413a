import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loadable } from '../../components/Loadable';
import { MemberPage } from '../../components/MemberPage';
import { Button } from '../../components/ui';
import { confirmDestructive } from '../../lib/confirm';
import { lossLines, pendingText, shanghaiMonthDay } from './deletion-text';
import { useDeletion } from './use-deletion';
import './index.scss';

/**
 * 注销会员 (PIPL art. 47; README § Deletion): first what is lost (the member's own points, coupons and
 * bookings), then a confirmation, then 已申请注销 with the date it takes effect; during the 7-day
 * cooling-off the same page offers 撤销注销.
 */
export default function DeletionPage() {
  return <MemberPage className="tk-deletion-page">{() => <Deletion />}</MemberPage>;
}

function Deletion() {
  const model = useDeletion();

  const onAsk = async () => {
    const sure = await confirmDestructive({ title: '确认注销会员？', content: '7 天后生效，期间可随时撤销。生效后积分、优惠券和个人资料无法恢复。', confirmText: '确认注销' });
    if (sure && (await model.ask())) void Taro.showToast({ title: '已申请注销', icon: 'none' });
  };
  const onWithdraw = async () => {
    if (await model.withdraw()) void Taro.showToast({ title: '已撤销注销', icon: 'success' });
  };

  return (
    <Loadable state={model.info}>
      {(info) =>
        info.pending ? (
          <View className="tk-deletion-pending">
            <Text className="tk-deletion-pending-title">{pendingText(info.pending.dueAt)}</Text>
            <Text className="tk-deletion-note">
              {`冷静期内会员卡照常使用。${shanghaiMonthDay(info.pending.dueAt)}之后，积分和优惠券作废、未到期的预约取消、个人资料删除；消费记录仅以匿名形式保留在门店账目中。`}
            </Text>
            {model.error ? <ErrorBlock message={model.error.message} /> : null}
            <Button className="tk-deletion-cancel tk-tap" type="primary" block disabled={model.busy} onClick={() => void onWithdraw()}>
              {model.busy ? '处理中…' : '撤销注销'}
            </Button>
          </View>
        ) : (
          <>
            <Text className="tk-section-title">注销后您将失去</Text>
            <View className="tk-deletion-losses">
              {lossLines(info).map((line) => (
                <View key={line.key} className={`tk-deletion-line tk-deletion-${line.key}`}>
                  <Text className="tk-deletion-label">{line.label}</Text>
                  <Text className="tk-deletion-value">{line.value}</Text>
                </View>
              ))}
            </View>
            <Text className="tk-deletion-note">
              申请后有 7
              天冷静期，期间可随时撤销。到期后会员卡、会员码和登录状态全部失效，门店也无法再通过手机号查到您；再次登录将成为一名新会员。消费记录和积分流水仅以匿名形式保留在门店账目中，不再与您关联。
            </Text>
            {model.error ? <ErrorBlock message={model.error.message} onRetry={model.error.retryable ? () => void model.retryAsk() : undefined} /> : null}
            <Button className="tk-deletion-request tk-tap" type="primary" fill="outline" block disabled={model.busy} onClick={() => void onAsk()}>
              {model.busy ? '提交中…' : '申请注销会员'}
            </Button>
          </>
        )
      }
    </Loadable>
  );
}
