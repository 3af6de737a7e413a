import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { Service, Store } from '../../../../shared/api';
import { addDays, shanghaiDate } from '../../../../shared/dates';
import { formatYuan } from '../../../../shared/money';
import { currentSession, getServices, getStoreSchedule, getStores, messageOf, saveStoreSchedule, setServiceCapacity, type Session } from '../../api';
import { Chip } from '../../components/booking/Chip';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loading } from '../../components/Loading';
import { Button, Input } from '../../components/ui';
import { durationText, monthDay, shortStoreName, weekdayName } from '../../lib/booking';
import { useSignedInShow } from '../../lib/use-signed-in';
import {
  HORIZON_OPTIONS,
  NOTICE_OPTIONS,
  SLOT_OPTIONS,
  WEEKDAY_LABELS,
  formProblem,
  noticeLabel,
  parseCapacity,
  toForm,
  toInput,
  withCurrent,
  type DayHours,
  type ScheduleForm,
} from '../../lib/schedule-form';
import './index.scss';

/**
 * 门店排班 (store managers for their store, HQ for any): opening hours per weekday, closed days,
 * the slot grid, the minimum notice and how far ahead members may book; and which services the
 * store offers with how many seats per slot. Changes apply to new bookings only.
 */
export default function SchedulePage() {
  const [session, setSession] = useState<Session | null>(() => currentSession());
  const staff = session?.staff ?? null;
  const isHq = staff?.role === 'hq';
  const allowed = staff?.role === 'manager' || isHq;

  const [stores, setStores] = useState<Store[] | null>(null);
  const [storeId, setStoreId] = useState<string | null>(isHq ? null : (staff?.storeId ?? null));
  const [form, setForm] = useState<ScheduleForm | null>(null);
  const [services, setServices] = useState<Service[] | null>(null);
  const [capacityText, setCapacityText] = useState<Record<string, string>>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  const [capacityBusy, setCapacityBusy] = useState<string | null>(null);
  const [capacityError, setCapacityError] = useState<{ serviceId: string; message: string } | null>(null);
  const [reloads, setReloads] = useState(0);

  useSignedInShow(setSession);

  useEffect(() => {
    if (!isHq) return;
    getStores()
      .then((res) => {
        setStores(res.items);
        setStoreId((current) => current ?? res.items[0]?.id ?? null);
      })
      .catch((err: unknown) => setLoadError(messageOf(err)));
  }, [isHq, reloads]);

  const showCapacities = useCallback((list: Service[], store: string) => {
    setServices(list);
    setCapacityText(Object.fromEntries(list.map((s) => [s.id, String(s.capacityByStore[store] ?? 2)])));
  }, []);

  useEffect(() => {
    if (!storeId || !allowed) return;
    let live = true;
    setForm(null);
    setServices(null);
    setLoadError(null);
    setSaved(false);
    Promise.all([getStoreSchedule(storeId), getServices()])
      .then(([schedule, list]) => {
        if (!live) return;
        setForm(toForm(schedule));
        showCapacities(list.items, storeId);
      })
      .catch((err: unknown) => live && setLoadError(messageOf(err)));
    return () => {
      live = false;
    };
  }, [storeId, allowed, reloads, showCapacities]);

  const edit = (change: (f: ScheduleForm) => ScheduleForm) => {
    setForm((f) => (f ? change(f) : f));
    setSaved(false);
    setSaveError(null);
  };
  const editDay = (weekday: number, change: Partial<DayHours>) =>
    edit((f) => ({ ...f, days: f.days.map((d) => (d.weekday === weekday ? { ...d, ...change } : d)) }));

  const save = async () => {
    if (!form || !storeId || saving) return;
    const problem = formProblem(form);
    if (problem) {
      setSaveError(problem);
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      const schedule = await saveStoreSchedule(storeId, toInput(form, shanghaiDate()));
      setForm(toForm(schedule));
      setSaved(true);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (err) {
      setSaveError(messageOf(err));
    } finally {
      setSaving(false);
    }
  };

  const changeCapacity = async (service: Service, capacity: number | null) => {
    if (!storeId || capacityBusy) return;
    if (capacity === null) {
      const { confirm } = await Taro.showModal({
        title: '停止提供',
        content: `${service.name}将不再接受本店的新预约，已有预约不受影响。`,
        confirmText: '停止提供',
        cancelText: '取消',
      });
      if (!confirm) return;
    }
    setCapacityBusy(service.id);
    setCapacityError(null);
    try {
      const updated = await setServiceCapacity(service.id, storeId, capacity);
      setServices((list) => list?.map((s) => (s.id === updated.id ? updated : s)) ?? null);
      void Taro.showToast({ title: capacity === null ? '已停止提供' : '已保存', icon: 'success' });
    } catch (err) {
      setCapacityError({ serviceId: service.id, message: messageOf(err) });
    } finally {
      setCapacityBusy(null);
    }
  };

  if (!allowed) {
    return (
      <View className="tk-page tk-schedule-page">
        <ErrorBlock message="仅限店长或总部使用" />
      </View>
    );
  }

  const today = shanghaiDate();
  const storeName = isHq ? (stores?.find((s) => s.id === storeId)?.name ?? '') : (staff?.storeName ?? '');

  return (
    <View className="tk-page tk-schedule-page">
      {isHq ? (
        <View className="tk-chip-row tk-schedule-stores">
          {(stores ?? []).map((s) => (
            <Chip key={s.id} className={`tk-schedule-store tk-schedule-store-${s.id}`} selected={s.id === storeId} onTap={() => setStoreId(s.id)}>
              <Text className="tk-chip-main">{shortStoreName(s.name)}</Text>
            </Chip>
          ))}
        </View>
      ) : null}
      <Text className="tk-schedule-store-name">{storeName}</Text>

      {loadError ? <ErrorBlock message={loadError} onRetry={() => setReloads((n) => n + 1)} /> : null}
      {form === null ? (
        loadError ? null : <Loading />
      ) : (
        <>
          <Text className="tk-section-title">营业时间</Text>
          <View className="tk-schedule-card">
            {form.days.map((d) => (
              <View key={d.weekday} className={`tk-hours-row tk-hours-row-${d.weekday}`}>
                <Text className="tk-hours-day">{WEEKDAY_LABELS[d.weekday]}</Text>
                <Chip className={`tk-hours-toggle tk-hours-toggle-${d.weekday}`} selected={d.open} onTap={() => editDay(d.weekday, { open: !d.open })}>
                  <Text>{d.open ? '营业' : '休息'}</Text>
                </Chip>
                {d.open ? (
                  <View className="tk-hours-span">
                    <Picker mode="time" value={d.from} onChange={(e) => editDay(d.weekday, { from: e.detail.value })}>
                      <Text className={`tk-hours-time tk-hours-open-${d.weekday}`}>{d.from}</Text>
                    </Picker>
                    <Text className="tk-muted">至</Text>
                    <Picker mode="time" value={d.to} onChange={(e) => editDay(d.weekday, { to: e.detail.value })}>
                      <Text className={`tk-hours-time tk-hours-close-${d.weekday}`}>{d.to}</Text>
                    </Picker>
                  </View>
                ) : (
                  <Text className="tk-muted tk-hours-span">全天休息</Text>
                )}
              </View>
            ))}
          </View>

          <Text className="tk-section-title">休息日（节假日、盘点等）</Text>
          <View className="tk-schedule-card">
            <View className="tk-chip-row">
              {form.closedDates.map((date) => (
                <Chip
                  key={date}
                  className={`tk-closed-date tk-closed-date-${date}`}
                  selected
                  onTap={() => edit((f) => ({ ...f, closedDates: f.closedDates.filter((x) => x !== date) }))}
                >
                  <Text>
                    {monthDay(date)} {weekdayName(date)} ×
                  </Text>
                </Chip>
              ))}
              <Picker
                mode="date"
                value={addDays(today, 1)}
                start={today}
                end={addDays(today, 365)}
                onChange={(e) => {
                  const date = e.detail.value;
                  edit((f) => ({ ...f, closedDates: [...new Set([...f.closedDates, date])].sort() }));
                }}
              >
                <Chip className="tk-add-closed-date">
                  <Text>+ 添加休息日</Text>
                </Chip>
              </Picker>
            </View>
          </View>

          <Text className="tk-section-title">预约时段长度</Text>
          <View className="tk-chip-row">
            {SLOT_OPTIONS.map((n) => (
              <Chip key={n} className={`tk-option tk-slot-minutes-${n}`} selected={form.slotMinutes === n} onTap={() => edit((f) => ({ ...f, slotMinutes: n }))}>
                <Text>{n}分钟</Text>
              </Chip>
            ))}
          </View>

          <Text className="tk-section-title">至少提前多久预约</Text>
          <View className="tk-chip-row">
            {withCurrent(NOTICE_OPTIONS, form.minNoticeMinutes).map((n) => (
              <Chip key={n} className={`tk-option tk-notice-${n}`} selected={form.minNoticeMinutes === n} onTap={() => edit((f) => ({ ...f, minNoticeMinutes: n }))}>
                <Text>{noticeLabel(n)}</Text>
              </Chip>
            ))}
          </View>

          <Text className="tk-section-title">可提前预约天数</Text>
          <View className="tk-chip-row">
            {withCurrent(HORIZON_OPTIONS, form.horizonDays).map((n) => (
              <Chip key={n} className={`tk-option tk-horizon-${n}`} selected={form.horizonDays === n} onTap={() => edit((f) => ({ ...f, horizonDays: n }))}>
                <Text>{n}天</Text>
              </Chip>
            ))}
          </View>

          <Text className="tk-muted tk-schedule-note">开始前2小时内不可免费取消或改约。修改只影响新预约，已有预约不变。</Text>
          {saveError ? <ErrorBlock message={saveError} /> : null}
          {saved ? <Text className="tk-schedule-saved">已保存</Text> : null}
          <View className="tk-form-actions">
            <Button className="tk-save-schedule" type="primary" block disabled={saving} onClick={() => void save()}>
              {saving ? '保存中…' : '保存排班'}
            </Button>
          </View>
        </>
      )}

      {form && services ? (
        <>
          <Text className="tk-section-title">服务与容量（每个时段可接待人数）</Text>
          {services.length === 0 ? <Text className="tk-muted">总部尚未设置可预约的服务</Text> : null}
          {services.map((s) => {
            const capacity = storeId ? s.capacityByStore[storeId] : undefined;
            const typed = capacityText[s.id] ?? '';
            const parsed = parseCapacity(typed);
            const busy = capacityBusy === s.id;
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
                      value={typed}
                      onChange={(value) => setCapacityText((m) => ({ ...m, [s.id]: value.replace(/\D/g, '') }))}
                    />
                    <Text className="tk-muted">位</Text>
                  </View>
                  {capacity ? (
                    <>
                      <Button
                        className="tk-capacity-save"
                        size="small"
                        type="primary"
                        fill="outline"
                        disabled={busy || parsed === null || parsed === capacity}
                        onClick={() => void changeCapacity(s, parsed)}
                      >
                        保存
                      </Button>
                      <Button className="tk-capacity-stop" size="small" fill="outline" disabled={busy} onClick={() => void changeCapacity(s, null)}>
                        停止提供
                      </Button>
                    </>
                  ) : (
                    <Button
                      className="tk-capacity-offer"
                      size="small"
                      type="primary"
                      disabled={busy || parsed === null}
                      onClick={() => void changeCapacity(s, parsed)}
                    >
                      在本店提供
                    </Button>
                  )}
                </View>
                {parsed === null ? <Text className="tk-error tk-capacity-hint">容量须为 1–100 的整数</Text> : null}
                {capacityError?.serviceId === s.id ? <ErrorBlock message={capacityError.message} /> : null}
              </View>
            );
          })}
        </>
      ) : null}
    </View>
  );
}
