import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { CouponTemplate, IssueRule, Store, TemplateStatus } from '../../../../shared/api';
import { formatYuan } from '../../../../shared/money';
import {
  ApiError,
  currentSession,
  getCouponTemplates,
  getIssueRules,
  getStores,
  messageOf,
  setCouponTemplateStatus,
  type Session,
} from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loading } from '../../components/Loading';
import { Button, Tag } from '../../components/ui';
import { KIND_LABELS, OBTAINED_LABELS, STATUS_LABELS, redemptionText, shortStoreName, stockText, storesText, validityText } from '../../lib/coupons';
import { useSignedInShow } from '../../lib/use-signed-in';
import './index.scss';

const NEW_TEMPLATE_PAGE = '/admin/template-new/index';

const STATUS_TAG: Record<TemplateStatus, 'success' | 'warning' | 'default'> = { active: 'success', paused: 'warning', ended: 'default' };

/** How a rule-issued template reaches members, e.g. '静安寺店单笔实付满¥100发放'. */
function ruleText(rule: IssueRule, storeName: (id: string) => string): string {
  if (rule.kind === 'welcome') return '新会员首次登录时发放';
  const from = rule.fromStoreId ? storeName(rule.fromStoreId) : '任一门店';
  return `${from}单笔实付满${formatYuan(rule.minSpendFen ?? 0)}发放${rule.active ? '' : '（规则已停用）'}`;
}

function mayManage(session: Session | null, template: CouponTemplate): boolean {
  const staff = session?.staff;
  if (!staff) return false;
  return staff.role === 'hq' || (staff.role === 'manager' && template.ownerStoreId === staff.storeId);
}

/** 券模板管理: every template this manager (or HQ) may see, its numbers, and 暂停 / 恢复 / 结束. */
export default function CouponTemplatesPage() {
  const [session, setSession] = useState<Session | null>(() => currentSession());
  const [templates, setTemplates] = useState<CouponTemplate[] | null>(null);
  const [rules, setRules] = useState<IssueRule[]>([]);
  const [stores, setStores] = useState<Store[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const load = useCallback(async () => {
    try {
      const [list, ruleList, storeList] = await Promise.all([
        getCouponTemplates(),
        // Only for the wording of rule-issued templates: the list stands without them.
        getIssueRules().catch(() => ({ items: [] as IssueRule[] })),
        getStores().catch(() => ({ items: [] as Store[] })),
      ]);
      setTemplates([...list.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
      setRules(ruleList.items);
      setStores(storeList.items);
      setLoadError(null);
    } catch (error) {
      setLoadError(messageOf(error));
    }
  }, []);

  useSignedInShow((now) => {
    setSession(now);
    if (now.staff?.role === 'manager' || now.staff?.role === 'hq') void load();
  });

  const storeName = (id: string) => shortStoreName(stores.find((s) => s.id === id)?.name ?? id);

  const change = async (template: CouponTemplate, status: TemplateStatus) => {
    if (busy) return;
    if (status === 'ended') {
      const { confirm } = await Taro.showModal({
        title: `结束「${template.name}」？`,
        content: '结束后不再发放，也不能恢复；已发出的券在有效期内仍可使用。',
        confirmText: '结束',
        confirmColor: '#c8102e',
        cancelText: '取消',
      });
      if (!confirm) return;
    }
    setBusy(template.id);
    setErrors(({ [template.id]: _, ...rest }) => rest);
    try {
      const updated = await setCouponTemplateStatus(template.id, status);
      setTemplates((list) => list?.map((t) => (t.id === updated.id ? updated : t)) ?? null);
      void Taro.showToast({ title: status === 'paused' ? '已暂停' : status === 'ended' ? '已结束' : '已恢复', icon: 'success' });
    } catch (error) {
      setErrors((all) => ({ ...all, [template.id]: messageOf(error) }));
      // Someone else changed it (or a lost answer did go through): show it as it is now.
      if (error instanceof ApiError && !error.retryable) void load();
    } finally {
      setBusy(null);
    }
  };

  const staff = session?.staff ?? null;
  if (!staff || (staff.role !== 'manager' && staff.role !== 'hq')) {
    return (
      <View className="tk-page tk-templates-page">
        <ErrorBlock message="仅限店长或总部使用" />
      </View>
    );
  }

  return (
    <View className="tk-page tk-templates-page">
      <View className="tk-templates-head">
        <View className="tk-templates-who">
          <Text className="tk-templates-title">{staff.role === 'hq' ? '全部门店的券模板' : `${shortStoreName(staff.storeName ?? '')}及总部的券模板`}</Text>
          <Text className="tk-muted">{staff.role === 'hq' ? '总部可管理所有模板' : '您可管理本店创建的模板'}</Text>
        </View>
        <Button className="tk-new-template" type="primary" size="small" onClick={() => void Taro.navigateTo({ url: NEW_TEMPLATE_PAGE })}>
          新建券模板
        </Button>
      </View>

      {templates === null ? (
        loadError ? (
          <ErrorBlock message={loadError} onRetry={() => void load()} />
        ) : (
          <Loading />
        )
      ) : templates.length === 0 ? (
        <EmptyState title="还没有券模板" description="点「新建券模板」创建第一张券" />
      ) : (
        <View className="tk-template-list">
          {templates.map((t) => {
            const manageable = mayManage(session, t) && t.status !== 'ended';
            const how =
              t.obtainedBy === 'exchange'
                ? `积分兑换（${t.pointsCost ?? 0} 积分）`
                : t.obtainedBy === 'rule'
                  ? rules
                      .filter((r) => r.templateId === t.id)
                      .map((r) => ruleText(r, storeName))
                      .join('；') || '规则发放（新人礼、生日、回归等自动发放）'
                  : OBTAINED_LABELS[t.obtainedBy];
            return (
              <View key={t.id} className={`tk-template tk-template-${t.status}`}>
                <View className="tk-template-head">
                  <Text className="tk-template-name">{t.name}</Text>
                  <Tag className="tk-template-status" type={STATUS_TAG[t.status]}>
                    {STATUS_LABELS[t.status]}
                  </Tag>
                </View>
                <Text className="tk-template-desc">{`${KIND_LABELS[t.kind]} · ${t.description}${t.stackable ? ' · 可叠加' : ''}`}</Text>
                <View className="tk-template-numbers">
                  <Text className="tk-template-counts">{redemptionText(t)}</Text>
                  <Text className="tk-template-stock">{stockText(t)}</Text>
                </View>
                <Text className="tk-template-line">{`获取方式：${how}`}</Text>
                <Text className="tk-template-line">{`适用门店：${storesText(t.storeNames)} · 每人限 ${t.perMemberLimit} 张`}</Text>
                <Text className="tk-template-line">{`有效期：${validityText(t.validity)}`}</Text>
                <Text className="tk-template-line">{`创建方：${t.ownerStoreId ? storeName(t.ownerStoreId) : '总部'}`}</Text>
                {errors[t.id] ? <Text className="tk-error tk-template-error">{errors[t.id]}</Text> : null}
                {manageable ? (
                  <View className="tk-template-actions">
                    {t.status === 'active' ? (
                      <Button className="tk-template-pause" size="small" fill="outline" disabled={busy !== null} onClick={() => void change(t, 'paused')}>
                        暂停
                      </Button>
                    ) : (
                      <Button className="tk-template-resume" size="small" type="primary" fill="outline" disabled={busy !== null} onClick={() => void change(t, 'active')}>
                        恢复
                      </Button>
                    )}
                    <Button className="tk-template-end" size="small" type="danger" fill="outline" disabled={busy !== null} onClick={() => void change(t, 'ended')}>
                      结束
                    </Button>
                  </View>
                ) : null}
              </View>
            );
          })}
        </View>
      )}
    </View>
  );
}
