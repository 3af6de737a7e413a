import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { CouponTemplate, IssueRule, Store, TemplateStatus } from '../../../../shared/api';
import {
  ApiError,
  currentSession,
  getCouponTemplates,
  getIssueRules,
  getStores,
  messageOf,
  setCouponTemplateStatus,
  setIssueRuleActive,
  type Session,
} from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loading } from '../../components/Loading';
import { Button, Tag } from '../../components/ui';
import { KIND_LABELS, OBTAINED_LABELS, STATUS_LABELS, redemptionText, shortStoreName, stockText, storesText, validityText } from '../../lib/coupons';
import { useSignedInShow } from '../../lib/use-signed-in';
import { ruleSentence, ruleTrigger } from '../rule-text';
import './index.scss';

const NEW_TEMPLATE_PAGE = '/admin/template-new/index';
const NEW_RULE_PAGE = '/admin/rule-new/index';

const STATUS_TAG: Record<TemplateStatus, 'success' | 'warning' | 'default'> = { active: 'success', paused: 'warning', ended: 'default' };

const RULE_KIND_LABELS: Record<IssueRule['kind'], string> = { welcome: '新人礼', cross_store: '跨店规则' };

/** A rule's template that cannot issue now: the rule stays, but bills earn nothing until it is active again. */
const TEMPLATE_IDLE: Partial<Record<TemplateStatus, string>> = { paused: '券已暂停，暂不发放', ended: '券已结束，不再发放' };

/** How a rule-issued template reaches members, e.g. '静安寺店单笔实付满¥100发放'. */
function ruleText(rule: IssueRule, storeName: (id: string) => string): string {
  return `${ruleTrigger(rule, storeName)}${rule.active ? '' : '（规则已停用）'}`;
}

function mayManage(session: Session | null, template: CouponTemplate): boolean {
  const staff = session?.staff;
  if (!staff) return false;
  return staff.role === 'hq' || (staff.role === 'manager' && template.ownerStoreId === staff.storeId);
}

/**
 * 券模板管理: the issuing rules (HQ stops and restarts them, managers read them), then every
 * template this manager (or HQ) may see, its numbers, and 暂停 / 恢复 / 结束.
 */
export default function CouponTemplatesPage() {
  const [session, setSession] = useState<Session | null>(() => currentSession());
  const [templates, setTemplates] = useState<CouponTemplate[] | null>(null);
  /** null until the rules first load (or when that failed: see rulesError). */
  const [rules, setRules] = useState<IssueRule[] | null>(null);
  const [rulesError, setRulesError] = useState<string | null>(null);
  const [stores, setStores] = useState<Store[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const load = useCallback(async () => {
    try {
      const [list, ruleList, storeList] = await Promise.all([
        getCouponTemplates(),
        // 发放规则 and the wording of rule-issued templates: the template list stands without them.
        getIssueRules().catch((error: unknown) => ({ failed: messageOf(error) })),
        getStores().catch(() => ({ items: [] as Store[] })),
      ]);
      setTemplates([...list.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
      if ('failed' in ruleList) {
        setRulesError(ruleList.failed);
      } else {
        setRules([...ruleList.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
        setRulesError(null);
      }
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

  const toggleRule = async (rule: IssueRule) => {
    if (busy) return;
    setBusy(rule.id);
    setErrors(({ [rule.id]: _, ...rest }) => rest);
    try {
      const updated = await setIssueRuleActive(rule.id, !rule.active);
      setRules((list) => list?.map((r) => (r.id === updated.id ? updated : r)) ?? null);
      void Taro.showToast({ title: updated.active ? '已启用' : '已停用', icon: 'success' });
    } catch (error) {
      setErrors((all) => ({ ...all, [rule.id]: messageOf(error) }));
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

      {templates !== null ? (
        <View className="tk-rules">
          <View className="tk-rules-head">
            <Text className="tk-rules-title">发放规则</Text>
            {staff.role === 'hq' ? (
              <Button className="tk-new-rule" type="primary" fill="outline" size="small" onClick={() => void Taro.navigateTo({ url: NEW_RULE_PAGE })}>
                新建跨店规则
              </Button>
            ) : null}
          </View>
          <Text className="tk-muted">{staff.role === 'hq' ? '新人礼与跨店消费自动发券，可随时停用或重新启用' : '新人礼与跨店消费自动发券，由总部设置'}</Text>
          {rules === null ? (
            rulesError ? (
              <ErrorBlock message={`发放规则加载失败：${rulesError}`} onRetry={() => void load()} />
            ) : (
              <Loading />
            )
          ) : rules.length === 0 ? (
            <Text className="tk-rules-empty tk-muted">还没有发放规则</Text>
          ) : (
            rules.map((r) => {
              const idle = TEMPLATE_IDLE[templates.find((t) => t.id === r.templateId)?.status ?? 'active'];
              return (
                <View key={r.id} className={`tk-rule tk-rule-${r.kind}${r.active ? '' : ' tk-rule-off'}`}>
                  <View className="tk-rule-head">
                    <Text className="tk-rule-kind">{RULE_KIND_LABELS[r.kind]}</Text>
                    <Tag className="tk-rule-state" type={r.active ? 'success' : 'default'}>
                      {r.active ? '进行中' : '已停用'}
                    </Tag>
                  </View>
                  <Text className="tk-rule-text">{ruleSentence(r, storeName)}</Text>
                  {r.active && idle ? <Text className="tk-rule-note">{idle}</Text> : null}
                  {errors[r.id] ? <Text className="tk-error tk-rule-error">{errors[r.id]}</Text> : null}
                  {staff.role === 'hq' ? (
                    <View className="tk-rule-actions">
                      <Button
                        className="tk-rule-toggle"
                        size="small"
                        type={r.active ? 'default' : 'primary'}
                        fill="outline"
                        disabled={busy !== null}
                        onClick={() => void toggleRule(r)}
                      >
                        {busy === r.id ? '保存中…' : r.active ? '停用' : '启用'}
                      </Button>
                    </View>
                  ) : null}
                </View>
              );
            })
          )}
        </View>
      ) : null}

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
          <Text className="tk-section-title">券模板</Text>
          {templates.map((t) => {
            const manageable = mayManage(session, t) && t.status !== 'ended';
            const how =
              t.obtainedBy === 'exchange'
                ? `积分兑换（${t.pointsCost ?? 0} 积分）`
                : t.obtainedBy === 'rule'
                  ? (rules ?? [])
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
