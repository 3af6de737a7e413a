import { Text, View } from '@tarojs/components';
import type { Campaign, CouponTemplate } from '../../../../shared/api';
import { Switch } from '../../components/staff/Switch';
import { Chips } from '../Chips';
import { MESSAGE, PURPOSE, issuesCoupon } from './campaign-text';
import { RunRow } from './RunRow';

/** One campaign: its switch, the coupon it issues, the message it sends, its recent runs. */
export function CampaignCard({
  campaign: c,
  templates,
  busy,
  saving,
  error,
  onSave,
}: {
  campaign: Campaign;
  /** Templates it may issue (rule-issued, active); null when they failed to load. */
  templates: CouponTemplate[] | null;
  /** A change of any campaign is in flight. */
  busy: boolean;
  /** This campaign's change is in flight. */
  saving: boolean;
  error: string | undefined;
  onSave: (update: { enabled?: boolean; couponTemplateId?: string }, done: string) => void;
}) {
  const message = MESSAGE[c.id];
  return (
    <View className={`tk-campaign tk-campaign-${c.id}${saving ? ' tk-campaign-busy' : ''}`}>
      <View className="tk-campaign-head">
        <Text className="tk-campaign-name">{c.name}</Text>
        <Switch
          className={`tk-campaign-toggle ${c.enabled ? 'tk-campaign-on' : 'tk-campaign-off'}`}
          on={c.enabled}
          onText="已开启"
          offText="已关闭"
          disabled={busy}
          onChange={(enabled) => onSave({ enabled }, enabled ? '已开启' : '已关闭')}
        />
      </View>
      <Text className="tk-campaign-purpose">{PURPOSE[c.id]}</Text>
      {error ? <Text className="tk-error tk-campaign-error">{error}</Text> : null}

      <View className="tk-campaign-section">
        <View className="tk-campaign-line">
          <Text className="tk-campaign-label">发放的券</Text>
          {issuesCoupon(c.id) ? (
            <Text className={`tk-campaign-coupon-name${c.couponTemplateId ? '' : ' tk-campaign-unset'}`}>
              {c.couponTemplateId ? (c.couponTemplateName ?? '已设置') : '未设置'}
            </Text>
          ) : (
            <Text className="tk-campaign-unset">服务通知，不发券</Text>
          )}
        </View>
        {!issuesCoupon(c.id) ? null : templates === null ? (
          <Text className="tk-muted">券模板加载失败，下拉刷新后可更换</Text>
        ) : templates.length === 0 ? (
          <Text className="tk-muted">暂无进行中的“规则发放”券模板，请先在券模板管理中新建</Text>
        ) : (
          <Chips
            className="tk-campaign-coupon"
            options={templates.map((t) => ({ value: t.id, label: t.name }))}
            value={c.couponTemplateId ?? ''}
            onChange={(id) => {
              if (id !== c.couponTemplateId && !busy) onSave({ couponTemplateId: id }, '已更换');
            }}
          />
        )}
      </View>

      <View className="tk-campaign-line tk-campaign-message-template">
        <Text className="tk-campaign-label">推送消息</Text>
        <View className="tk-campaign-message">
          <Text className="tk-campaign-message-title">{message.title}</Text>
          <Text className="tk-campaign-message-content">{message.content}</Text>
          <Text className={`tk-campaign-message-state${c.messageTemplateId ? '' : ' tk-campaign-unset'}`}>
            {c.messageTemplateId ? '消息模板已配置' : '未配置消息模板，不发送消息'}
          </Text>
        </View>
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
  );
}
