import { Text, View } from '@tarojs/components';
import type { CouponTemplate, Store } from '../../../../shared/api';
import { Button } from '../../components/ui';
import { shortStoreName } from '../../lib/coupons';
import { ANY_STORE, STATUS_FILTERS, statusCounts, type TemplateFilter } from '../../lib/template-list';
import { Chips } from '../Chips';

/** The list's filters: status (with how many each shows) and the store a template is usable at. */
export function TemplateFilters({
  templates,
  stores,
  filter,
  onFilter,
}: {
  templates: CouponTemplate[];
  stores: Store[];
  filter: TemplateFilter;
  onFilter: (filter: TemplateFilter) => void;
}) {
  const counts = statusCounts(templates);
  return (
    <View className="tk-template-filters">
      <Chips
        className="tk-template-status-filter"
        options={STATUS_FILTERS.map((f) => ({ value: f.value, label: `${f.label} ${counts[f.value]}` }))}
        value={filter.status}
        onChange={(status) => onFilter({ ...filter, status })}
      />
      {stores.length > 1 ? (
        <Chips
          className="tk-template-store-filter"
          options={[{ value: ANY_STORE, label: '全部门店' }, ...stores.map((s) => ({ value: s.id, label: shortStoreName(s.name) }))]}
          value={filter.storeId}
          onChange={(storeId) => onFilter({ ...filter, storeId })}
        />
      ) : null}
    </View>
  );
}

/** 上一页 · 第 2 / 3 页 · 下一页, when there is more than one page. */
export function Pager({ page, pages, total, onPage }: { page: number; pages: number; total: number; onPage: (page: number) => void }) {
  if (pages <= 1) return null;
  return (
    <View className="tk-pager">
      <Button className="tk-pager-prev tk-tap" size="small" fill="outline" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        上一页
      </Button>
      <Text className="tk-pager-text tk-nowrap">{`第 ${page} / ${pages} 页 · 共 ${total} 个`}</Text>
      <Button className="tk-pager-next tk-tap" size="small" fill="outline" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        下一页
      </Button>
    </View>
  );
}
