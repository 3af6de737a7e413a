import { Text, View } from '@tarojs/components';
import type { CouponTemplate, IssueRule, TemplateStatus } from '../../../../shared/api';
import { Button } from '../../components/ui';
import { KIND_LABELS, OBTAINED_LABELS, STATUS_LABELS, stockText, storesText, validityText } from '../../lib/coupons';
import { redemptionText } from '../../lib/template-list';
import { ruleTrigger } from '../rule-text';

const STATUS_CLASS: Record<TemplateStatus, string> = { active: 'tk-status-success', paused: 'tk-status-warning', ended: '' };

/** How a template reaches members, e.g. 积分兑换（500 积分）, or its rules' triggers. */
function howText(t: CouponTemplate, rules: IssueRule[] | undefined, storeName: (id: string) => string): string {
  if (t.obtainedBy === 'exchange') return `积分兑换（${t.pointsCost ?? 0} 积分）`;
  if (t.obtainedBy !== 'rule') return OBTAINED_LABELS[t.obtainedBy];
  const mine = (rules ?? []).filter((r) => r.templateId === t.id);
  return mine.map((r) => `${ruleTrigger(r, storeName)}${r.active ? '' : '（规则已停用）'}`).join('；') || '规则发放（新人礼、生日、回归等自动发放）';
}

/** One template of 券模板管理: its terms and numbers, and 暂停 / 恢复 / 结束 for those who may. */
export function TemplateCard({
  template: t,
  rules,
  storeName,
  manageable,
  busy,
  error,
  onStatus,
}: {
  template: CouponTemplate;
  rules: IssueRule[] | undefined;
  storeName: (id: string) => string;
  manageable: boolean;
  busy: boolean;
  error: string | undefined;
  onStatus: (status: TemplateStatus) => void;
}) {
  return (
    <View className={`tk-template tk-template-${t.status}`}>
      <View className="tk-template-head">
        <Text className="tk-template-name">{t.name}</Text>
        <Text className={`tk-status tk-template-status ${STATUS_CLASS[t.status]}`}>{STATUS_LABELS[t.status]}</Text>
      </View>
      <Text className="tk-template-desc">{`${KIND_LABELS[t.kind]} · ${t.description}${t.stackable ? ' · 可叠加' : ''}`}</Text>
      <View className="tk-template-numbers">
        <Text className="tk-template-counts">{redemptionText(t)}</Text>
        <Text className="tk-template-stock tk-nowrap">{stockText(t)}</Text>
      </View>
      <Text className="tk-template-line">{`获取方式：${howText(t, rules, storeName)}`}</Text>
      <Text className="tk-template-line">{`适用门店：${storesText(t.storeNames)} · 每人限 ${t.perMemberLimit} 张`}</Text>
      <Text className="tk-template-line">{`有效期：${validityText(t.validity)}`}</Text>
      <Text className="tk-template-line">{`创建方：${t.ownerStoreId ? storeName(t.ownerStoreId) : '总部'}`}</Text>
      {error ? <Text className="tk-error tk-template-error">{error}</Text> : null}
      {manageable && t.status !== 'ended' ? (
        <View className="tk-template-actions">
          {t.status === 'active' ? (
            <Button className="tk-template-pause tk-tap" size="small" fill="outline" disabled={busy} onClick={() => onStatus('paused')}>
              暂停
            </Button>
          ) : (
            <Button className="tk-template-resume tk-tap" size="small" type="primary" fill="outline" disabled={busy} onClick={() => onStatus('active')}>
              恢复
            </Button>
          )}
          <Button className="tk-template-end tk-tap tk-danger-action" size="small" type="danger" fill="outline" disabled={busy} onClick={() => onStatus('ended')}>
            结束
          </Button>
        </View>
      ) : null}
    </View>
  );
}
