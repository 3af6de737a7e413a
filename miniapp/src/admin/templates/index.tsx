import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { IssueRule, StaffSummary, TemplateStatus } from '../../../../shared/api';
import { getCouponTemplates, getIssueRules, getStores, setCouponTemplateStatus, setIssueRuleActive } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { Loadable } from '../../components/Loadable';
import { Button } from '../../components/ui';
import { confirmDestructive } from '../../lib/confirm';
import { shortStoreName } from '../../lib/coupons';
import { staffPage } from '../../lib/staff-gate';
import { mayManageTemplate } from '../../lib/staff-roles';
import { NO_FILTER, filterTemplates, pageOf, type TemplateFilter } from '../../lib/template-list';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { RulesSection } from './RulesSection';
import { TemplateCard } from './TemplateCard';
import { Pager, TemplateFilters } from './TemplateFilters';
import './index.scss';

const NEW_TEMPLATE_PAGE = '/admin/template-new/index';
const DONE: Record<TemplateStatus, string> = { paused: '已暂停', ended: '已结束', active: '已恢复' };

/**
 * 券模板管理: the issuing rules, then every template this manager (or HQ) may see — filtered by
 * status and store, a page at a time — with its numbers, and 暂停 / 恢复 / 结束.
 */
export default staffPage('managers', 'tk-templates-page', Templates);

function Templates({ staff }: { staff: StaffSummary }) {
  const isHq = staff.role === 'hq';
  const templates = useLoad(() => getCouponTemplates(), []);
  // 发放规则 and the wording of rule-issued templates: the template list stands without them.
  const rules = useLoad(() => getIssueRules(), []);
  const stores = useLoad(() => getStores(), [], { reloadOnShow: false });
  const [filter, setFilter] = useState<TemplateFilter>(NO_FILTER);
  const [page, setPage] = useState(1);

  // Status changes are state changes the server makes once: the keys go unused.
  const status = useSubmit('template-status', (_key, id: string, next: TemplateStatus) => setCouponTemplateStatus(id, next));
  const toggleRule = useSubmit('rule-active', (_key, id: string, active: boolean) => setIssueRuleActive(id, active));

  const storeList = stores.data?.items ?? [];
  const storeName = (id: string) => shortStoreName(storeList.find((s) => s.id === id)?.name ?? id);

  const changeStatus = async (id: string, name: string, next: TemplateStatus) => {
    if (status.busy) return;
    if (next === 'ended') {
      const sure = await confirmDestructive({
        title: `结束「${name}」？`,
        content: '结束后不再发放，也不能恢复；已发出的券在有效期内仍可使用。',
        confirmText: '结束',
      });
      if (!sure) return;
    }
    const outcome = await status.submit(id, next);
    if (outcome.ok) {
      const updated = outcome.value;
      templates.setData((res) => res && { ...res, items: res.items.map((t) => (t.id === updated.id ? updated : t)) });
      void Taro.showToast({ title: DONE[next], icon: 'success' });
    } else if (!outcome.busy && !outcome.retryable) {
      // Someone else changed it (or a lost answer did go through): show it as it is now.
      void templates.reload();
    }
  };

  const changeRule = async (rule: IssueRule) => {
    const outcome = await toggleRule.submit(rule.id, !rule.active);
    if (outcome.ok) {
      const updated = outcome.value;
      rules.setData((res) => res && { ...res, items: res.items.map((r) => (r.id === updated.id ? updated : r)) });
      void Taro.showToast({ title: updated.active ? '已启用' : '已停用', icon: 'success' });
    } else if (!outcome.busy && !outcome.retryable) {
      void rules.reload();
    }
  };

  const choose = (next: TemplateFilter) => {
    setFilter(next);
    setPage(1);
  };

  return (
    <>
      <View className="tk-templates-head">
        <View className="tk-templates-who">
          <Text className="tk-templates-title">{isHq ? '全部门店的券模板' : `${shortStoreName(staff.storeName ?? '')}及总部的券模板`}</Text>
          <Text className="tk-muted">{isHq ? '总部可管理所有模板' : '您可管理本店创建的模板'}</Text>
        </View>
        <Button className="tk-new-template tk-tap" type="primary" size="small" onClick={() => void Taro.navigateTo({ url: NEW_TEMPLATE_PAGE })}>
          新建券模板
        </Button>
      </View>

      <Loadable state={templates}>
        {({ items }) => {
          const shown = pageOf(filterTemplates(items, filter), page);
          return (
            <>
              <RulesSection
                isHq={isHq}
                rules={rules}
                templates={items}
                storeName={storeName}
                onToggle={(rule) => void changeRule(rule)}
                busy={toggleRule.busy}
                runningId={toggleRule.running?.[0] ?? null}
                failure={toggleRule.error ? { id: toggleRule.error.args[0], message: toggleRule.error.message } : null}
              />
              <Text className="tk-section-title">券模板</Text>
              {items.length === 0 ? (
                <EmptyState title="还没有券模板" description="点「新建券模板」创建第一张券" />
              ) : (
                <>
                  <TemplateFilters templates={items} stores={storeList} filter={filter} onFilter={choose} />
                  {shown.total === 0 ? <EmptyState title="没有符合条件的券模板" description="换个状态或门店看看" /> : null}
                  <View className="tk-template-list">
                    {shown.items.map((t) => (
                      <TemplateCard
                        key={t.id}
                        template={t}
                        rules={rules.data?.items}
                        storeName={storeName}
                        manageable={mayManageTemplate(staff, t)}
                        busy={status.busy}
                        error={status.error?.args[0] === t.id ? status.error.message : undefined}
                        onStatus={(next) => void changeStatus(t.id, t.name, next)}
                      />
                    ))}
                  </View>
                  <Pager page={shown.page} pages={shown.pages} total={shown.total} onPage={setPage} />
                </>
              )}
            </>
          );
        }}
      </Loadable>
    </>
  );
}
