import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { getCampaigns, getCouponTemplates, updateCampaign, type CampaignId } from '../../api';
import { Loadable } from '../../components/Loadable';
import { staffPage } from '../../lib/staff-gate';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { CampaignCard } from './CampaignCard';
import './index.scss';

/** 营销活动 (HQ): switch each scheduled job on or off, choose the coupon it issues, read its daily numbers. */
export default staffPage('hq', 'tk-campaigns-page', Campaigns);

function Campaigns() {
  const campaigns = useLoad(() => getCampaigns(), []);
  // Only for choosing a coupon: the switches and numbers stand without them.
  const templates = useLoad(() => getCouponTemplates(), []);
  // A settings change sets the same when sent again: the key goes unused.
  const update = useSubmit('campaign', (_key, id: CampaignId, change: { enabled?: boolean; couponTemplateId?: string }) => updateCampaign(id, change));

  usePullDownRefresh(() => {
    void Promise.all([campaigns.reload(), templates.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  const save = async (id: CampaignId, change: { enabled?: boolean; couponTemplateId?: string }, done: string) => {
    const outcome = await update.submit(id, change);
    if (outcome.ok) {
      const updated = outcome.value;
      campaigns.setData((res) => res && { ...res, items: res.items.map((c) => (c.id === updated.id ? updated : c)) });
      void Taro.showToast({ title: done, icon: 'success' });
    } else if (!outcome.busy && !outcome.retryable) {
      // Someone else changed it (or a lost answer did go through): show it as it is now.
      void campaigns.reload();
    }
  };

  const choices = templates.data ? templates.data.items.filter((t) => t.obtainedBy === 'rule' && t.status === 'active') : templates.error ? null : [];

  return (
    <>
      <View className="tk-campaigns-intro">
        <Text className="tk-campaigns-intro-line">生日礼与唤醒券每天 09:00（北京时间）运行，预约提醒每 15 分钟运行一次。</Text>
        <Text className="tk-campaigns-intro-line tk-campaigns-cap">每位会员7天内最多收到1条营销消息，超出时仍发券、不发消息。</Text>
      </View>
      <Loadable state={campaigns}>
        {(res) => (
          <View className="tk-campaign-list">
            {res.items.map((c) => (
              <CampaignCard
                key={c.id}
                campaign={c}
                templates={choices}
                busy={update.busy}
                saving={update.running?.[0] === c.id}
                error={update.error?.args[0] === c.id ? update.error.message : undefined}
                onSave={(change, done) => void save(c.id, change, done)}
              />
            ))}
          </View>
        )}
      </Loadable>
    </>
  );
}
