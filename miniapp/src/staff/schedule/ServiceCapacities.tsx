import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Service } from '../../../../shared/api';
import { formatYuan } from '../../../../shared/money';
import { setServiceCapacity } from '../../api';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Button, Input } from '../../components/ui';
import { durationText } from '../../lib/booking';
import { confirmDestructive } from '../../lib/confirm';
import { parseCapacity } from '../../lib/schedule-form';
import { useSubmit } from '../../lib/use-submit';

/** Which services the store offers, and how many members each slot takes. */
export function ServiceCapacities({ storeId, services: initial }: { storeId: string; services: Service[] }) {
  const [services, setServices] = useState(initial);
  const [typed, setTyped] = useState<Record<string, string>>(() => Object.fromEntries(initial.map((s) => [s.id, String(s.capacityByStore[storeId] ?? 2)])));
  // Setting a capacity (or none) is a PUT: sent again, it sets the same: no key is needed.
  const change = useSubmit('service-capacity', (_key, serviceId: string, capacity: number | null) => setServiceCapacity(serviceId, storeId, capacity));

  /** 重试 sends the failed change again (same arguments, same intent) without asking again. */
  const apply = async (service: Service, capacity: number | null, retry = false) => {
    if (change.busy) return;
    if (capacity === null && !retry) {
      const sure = await confirmDestructive({
        title: '停止提供',
        content: `${service.name}将不再接受本店的新预约，已有预约不受影响。`,
        confirmText: '停止提供',
      });
      if (!sure) return;
    }
    const outcome = await change.submit(service.id, capacity);
    if (!outcome.ok) return;
    const updated = outcome.value;
    setServices((list) => list.map((s) => (s.id === updated.id ? updated : s)));
    void Taro.showToast({ title: capacity === null ? '已停止提供' : '已保存', icon: 'success' });
  };

  return (
    <>
      <Text className="tk-section-title">服务与容量（每个时段可接待人数）</Text>
      {services.length === 0 ? <Text className="tk-muted">总部尚未设置可预约的服务</Text> : null}
      {services.map((s) => {
        const capacity = s.capacityByStore[storeId];
        const text = typed[s.id] ?? '';
        const parsed = parseCapacity(text);
        const busy = change.running?.[0] === s.id;
        const failed = change.error?.args[0] === s.id ? change.error : null;
        return (
          <View key={s.id} className={`tk-capacity-row${capacity ? ' tk-capacity-offered' : ''}`}>
            <View className="tk-capacity-head">
              <Text className="tk-capacity-name">{s.name}</Text>
              <Text className="tk-capacity-state">{capacity ? `本店提供 · 每时段 ${capacity} 位` : '本店未提供'}</Text>
            </View>
            <Text className="tk-muted">
              {durationText(s.durationMinutes)} · {formatYuan(s.priceFen)}
            </Text>
            <View className="tk-capacity-controls">
              <View className="tk-capacity-field">
                <Input
                  className="tk-capacity-input"
                  type="number"
                  maxLength={3}
                  value={text}
                  onChange={(value) => setTyped((m) => ({ ...m, [s.id]: value.replace(/\D/g, '') }))}
                />
                <Text className="tk-muted">位</Text>
              </View>
              {capacity ? (
                <>
                  <Button
                    className="tk-capacity-save tk-tap"
                    size="small"
                    type="primary"
                    fill="outline"
                    disabled={change.busy || parsed === null || parsed === capacity}
                    onClick={() => void apply(s, parsed)}
                  >
                    保存
                  </Button>
                  <Button
                    className="tk-capacity-stop tk-tap tk-danger-action"
                    size="small"
                    type="danger"
                    fill="outline"
                    disabled={change.busy}
                    onClick={() => void apply(s, null)}
                  >
                    停止提供
                  </Button>
                </>
              ) : (
                <Button className="tk-capacity-offer tk-tap" size="small" type="primary" disabled={change.busy || parsed === null} onClick={() => void apply(s, parsed)}>
                  {busy ? '保存中…' : '在本店提供'}
                </Button>
              )}
            </View>
            {parsed === null ? <Text className="tk-error tk-capacity-hint">容量须为 1–100 的整数</Text> : null}
            {failed ? <ErrorBlock message={failed.message} onRetry={failed.retryable ? () => void apply(s, failed.args[1], true) : undefined} /> : null}
          </View>
        );
      })}
    </>
  );
}
