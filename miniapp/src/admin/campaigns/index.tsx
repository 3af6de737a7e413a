import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { Campaign, CouponTemplate } from '../../../../shared/api';
import {
  ApiError,
  currentSession,
  getCampaigns,
  getCouponTemplates,
  messageOf,
  updateCampaign,
  type CampaignId,
  type Session,
} from '../../api';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loading } from '../../components/Loading';
import { Button, Tag } from '../../components/ui';
import { shanghaiDateTime } from '../../lib/format';
import { useSignedInShow } from '../../lib/use-signed-in';
import { Chips } from '../Chips';
import './index.scss';

type Run = Campaign['runs'][number];

/** What each job does, in the words HQ uses (the server only sends the name). */
const PURPOSE: Record<CampaignId, string> = {
  birthday: '会员生日当天发放生日礼券，并推送生日祝福',
  reactivation_at_risk: '会员进入「流失风险」时发放唤醒券，并推送回店提醒',
  reactivation_dormant: '会员进入「沉睡」时发放唤醒券，并推送回店提醒',
  booking_reminder: '预约即将开始时提醒会员到店',
};

/** The booking reminder is a service message: it never issues a coupon. */
const issuesCoupon = (id: CampaignId) => id !== 'booking_reminder';

/** 'HH:mm' of an API instant, Shanghai time (the run's date is already shown). */
const clock = (iso: string) => shanghaiDateTime(iso).slice(11);

function RunRow({ run }: { run: Run }) {
  const numbers: Array<{ key: string; label: string; value: number }> = [
    { key: 'matched', label: '匹配', value: run.matched },
    { key: 'issued', label: '发券', value: run.couponsIssued },
    { key: 'sent', label: '发送', value: run.messagesSent },
    { key: 'failed', label: '失败', value: run.failed },
  ];
  const skipped: Array<{ key: string; label: string; value: number }> = [
    { key: 'no-credit', label: '无订阅', value: run.skippedNoCredit },
    { key: 'opted-out', label: '已关闭推送', value: run.skippedOptedOut },
    { key: 'capped', label: '7天内已推送', value: run.skippedCapped },
    // A re-run of the day meets those it reached already: counted here, not again under 匹配.
    { key: 'done', label: '此前已触达', value: run.skippedDone },
  ];
  return (
    <View className={`tk-campaign-run tk-campaign-run-${run.status}`}>
      <View className="tk-run-head">
        <Text className="tk-run-date">{run.date}</Text>
        <Text className="tk-run-time tk-muted">
          {`${clock(run.startedAt)} 开始${run.finishedAt ? ` · ${clock(run.finishedAt)} 结束` : ''}`}
        </Text>
        <Tag className="tk-run-status" type={run.status === 'done' ? 'success' : 'warning'}>
          {run.status === 'done' ? '已完成' : '进行中'}
        </Tag>
      </View>
      <View className="tk-run-numbers">
        {numbers.map((n) => (
          <View key={n.key} className="tk-run-number">
            <Text className={`tk-run-value tk-run-${n.key}${n.key === 'failed' && n.value > 0 ? ' tk-run-bad' : ''}`}>{n.value}</Text>
            <Text className="tk-run-label">{n.label}</Text>
          </View>
        ))}
      </View>
      <View className="tk-run-skipped">
        <Text className="tk-run-skipped-title">跳过</Text>
        {skipped.map((n) => (
          <View key={n.key} className="tk-run-skip">
            <Text className="tk-run-label">{n.label}</Text>
            <Text className={`tk-run-skip-value tk-run-${n.key}`}>{n.value}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

/** 营销活动 (HQ): switch each scheduled job on or off, choose the coupon it issues, read its daily numbers. */
export default function CampaignsPage() {
  const [session, setSession] = useState<Session | null>(() => currentSession());
  const [campaigns, setCampaigns] = useState<Campaign[] | null>(null);
  const [templates, setTemplates] = useState<CouponTemplate[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState<CampaignId | null>(null);
  const [errors, setErrors] = useState<Partial<Record<CampaignId, string>>>({});

  const load = useCallback(async () => {
    try {
      const [list, templateList] = await Promise.all([
        getCampaigns(),
        // Only for choosing a coupon: the switches and numbers stand without them.
        getCouponTemplates().catch(() => null),
      ]);
      setCampaigns(list.items);
      setTemplates(templateList ? templateList.items.filter((t) => t.obtainedBy === 'rule' && t.status === 'active') : null);
      setLoadError(null);
    } catch (error) {
      setLoadError(messageOf(error));
    }
  }, []);

  useSignedInShow((now) => {
    setSession(now);
    if (now.staff?.role === 'hq') void load();
  });

  usePullDownRefresh(() => {
    if (currentSession()?.staff?.role !== 'hq') {
      void Taro.stopPullDownRefresh();
      return;
    }
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const save = async (campaign: Campaign, update: { enabled?: boolean; couponTemplateId?: string }, done: string) => {
    if (busy) return;
    setBusy(campaign.id);
    setErrors(({ [campaign.id]: _, ...rest }) => rest);
    try {
      const updated = await updateCampaign(campaign.id, update);
      setCampaigns((list) => list?.map((c) => (c.id === updated.id ? updated : c)) ?? null);
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (error) {
      setErrors((all) => ({ ...all, [campaign.id]: messageOf(error) }));
      // Someone else changed it (or a lost answer did go through): show it as it is now.
      if (error instanceof ApiError && !error.retryable) void load();
    } finally {
      setBusy(null);
    }
  };

  const staff = session?.staff ?? null;
  if (!staff || staff.role !== 'hq') {
    return (
      <View className="tk-page tk-campaigns-page">
        <ErrorBlock message="仅总部可管理营销活动" />
      </View>
    );
  }

  const options = (templates ?? []).map((t) => ({ value: t.id, label: t.name }));

  return (
    <View className="tk-page tk-campaigns-page">
      <View className="tk-campaigns-intro">
        <Text className="tk-campaigns-intro-line">生日礼与唤醒券每天 09:00（北京时间）运行，预约提醒每 15 分钟运行一次。</Text>
        <Text className="tk-campaigns-intro-line tk-campaigns-cap">每位会员7天内最多收到1条营销消息，超出时仍发券、不发消息。</Text>
      </View>

      {campaigns === null ? (
        loadError ? (
          <ErrorBlock message={loadError} onRetry={() => void load()} />
        ) : (
          <Loading />
        )
      ) : (
        <View className="tk-campaign-list">
          {loadError ? <ErrorBlock message={loadError} onRetry={() => void load()} /> : null}
          {campaigns.map((c) => (
            <View key={c.id} className={`tk-campaign tk-campaign-${c.id}${busy === c.id ? ' tk-campaign-busy' : ''}`}>
              <View className="tk-campaign-head">
                <Text className="tk-campaign-name">{c.name}</Text>
                <Button
                  className={`tk-campaign-toggle ${c.enabled ? 'tk-campaign-on' : 'tk-campaign-off'}`}
                  size="small"
                  type={c.enabled ? 'primary' : 'default'}
                  fill={c.enabled ? 'solid' : 'outline'}
                  disabled={busy !== null}
                  onClick={() => void save(c, { enabled: !c.enabled }, c.enabled ? '已关闭' : '已开启')}
                >
                  {busy === c.id ? '保存中…' : c.enabled ? '已开启' : '已关闭'}
                </Button>
              </View>
              <Text className="tk-campaign-purpose">{PURPOSE[c.id]}</Text>
              {errors[c.id] ? <Text className="tk-error tk-campaign-error">{errors[c.id]}</Text> : null}

              {issuesCoupon(c.id) ? (
                <View className="tk-campaign-section">
                  <View className="tk-campaign-line">
                    <Text className="tk-campaign-label">发放的券</Text>
                    <Text className={`tk-campaign-coupon-name${c.couponTemplateId ? '' : ' tk-campaign-unset'}`}>
                      {c.couponTemplateId ? (c.couponTemplateName ?? c.couponTemplateId) : '未设置'}
                    </Text>
                  </View>
                  {templates === null ? (
                    <Text className="tk-muted">券模板加载失败，下拉刷新后可更换</Text>
                  ) : options.length === 0 ? (
                    <Text className="tk-muted">暂无进行中的“规则发放”券模板，请先在券模板管理中新建</Text>
                  ) : (
                    <Chips
                      className="tk-campaign-coupon"
                      options={options}
                      value={c.couponTemplateId ?? ''}
                      onChange={(id) => {
                        if (id !== c.couponTemplateId) void save(c, { couponTemplateId: id }, '已更换');
                      }}
                    />
                  )}
                </View>
              ) : (
                <View className="tk-campaign-line">
                  <Text className="tk-campaign-label">发放的券</Text>
                  <Text className="tk-campaign-unset">服务通知，不发券</Text>
                </View>
              )}

              <View className="tk-campaign-line tk-campaign-message-template">
                <Text className="tk-campaign-label">订阅消息模板</Text>
                <Text className={`tk-campaign-message-template-id${c.messageTemplateId ? '' : ' tk-campaign-unset'}`}>
                  {c.messageTemplateId || '未配置'}
                </Text>
              </View>

              <Text className="tk-campaign-runs-title">最近运行</Text>
              {c.runs.length === 0 ? (
                <Text className="tk-campaign-no-runs">尚未运行</Text>
              ) : (
                <View className="tk-campaign-runs">
                  {c.runs.map((run) => (
                    <RunRow key={run.date} run={run} />
                  ))}
                </View>
              )}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
