import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Schedule } from '../../../../shared/api';
import { addDays, shanghaiDate } from '../../../../shared/dates';
import { saveStoreSchedule } from '../../api';
import { Chip } from '../../components/booking/Chip';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Switch } from '../../components/staff/Switch';
import { SubmitBar } from '../../components/SubmitBar';
import { monthDay, weekdayName } from '../../lib/booking';
import {
  HORIZON_OPTIONS,
  NOTICE_OPTIONS,
  SLOT_OPTIONS,
  WEEKDAY_LABELS,
  formProblem,
  noticeLabel,
  toForm,
  toInput,
  withCurrent,
  type DayHours,
  type ScheduleForm,
} from '../../lib/schedule-form';
import { useSubmit } from '../../lib/use-submit';

/** Opening hours, closed days and the booking rules of one store, saved together. */
export function HoursEditor({ storeId, schedule }: { storeId: string; schedule: Schedule }) {
  const [form, setForm] = useState<ScheduleForm>(() => toForm(schedule));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // A PUT of the whole schedule: sending it twice leaves the same schedule, so no key is needed.
  const save = useSubmit('save-schedule', (_key, id: string, input: ReturnType<typeof toInput>) => saveStoreSchedule(id, input));
  const today = shanghaiDate();

  const edit = (change: (f: ScheduleForm) => ScheduleForm) => {
    setForm(change);
    setSaved(false);
    setProblem(null);
    save.clearError();
  };
  const editDay = (weekday: number, change: Partial<DayHours>) => edit((f) => ({ ...f, days: f.days.map((d) => (d.weekday === weekday ? { ...d, ...change } : d)) }));

  const submit = async () => {
    const wrong = formProblem(form);
    setProblem(wrong);
    if (wrong) return;
    const outcome = await save.submit(storeId, toInput(form, today));
    if (!outcome.ok) return;
    setForm(toForm(outcome.value));
    setSaved(true);
    void Taro.showToast({ title: '已保存', icon: 'success' });
  };

  const error = problem ?? save.error?.message ?? null;

  return (
    <>
      <Text className="tk-section-title">营业时间</Text>
      <View className="tk-schedule-card">
        {form.days.map((d) => (
          <View key={d.weekday} className={`tk-hours-row tk-hours-row-${d.weekday}`}>
            <Text className="tk-hours-day">{WEEKDAY_LABELS[d.weekday]}</Text>
            <Switch className={`tk-hours-toggle tk-hours-toggle-${d.weekday}`} on={d.open} onText="营业" offText="休息" onChange={(open) => editDay(d.weekday, { open })} />
            {d.open ? (
              <View className="tk-hours-span">
                <Picker mode="time" value={d.from} onChange={(e) => editDay(d.weekday, { from: e.detail.value })}>
                  <Text className={`tk-hours-time tk-tap tk-nowrap tk-hours-open-${d.weekday}`}>{d.from}</Text>
                </Picker>
                <Text className="tk-muted">至</Text>
                <Picker mode="time" value={d.to} onChange={(e) => editDay(d.weekday, { to: e.detail.value })}>
                  <Text className={`tk-hours-time tk-tap tk-nowrap tk-hours-close-${d.weekday}`}>{d.to}</Text>
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
              className={`tk-closed-date tk-tap tk-closed-date-${date}`}
              selected
              onTap={() => edit((f) => ({ ...f, closedDates: f.closedDates.filter((x) => x !== date) }))}
            >
              <Text className="tk-nowrap">
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
            <Chip className="tk-add-closed-date tk-tap">
              <Text>+ 添加休息日</Text>
            </Chip>
          </Picker>
        </View>
      </View>

      <Text className="tk-section-title">预约时段长度</Text>
      <View className="tk-chip-row">
        {SLOT_OPTIONS.map((n) => (
          <Chip key={n} className={`tk-schedule-option tk-tap tk-slot-minutes-${n}`} selected={form.slotMinutes === n} onTap={() => edit((f) => ({ ...f, slotMinutes: n }))}>
            <Text>{n}分钟</Text>
          </Chip>
        ))}
      </View>

      <Text className="tk-section-title">至少提前多久预约</Text>
      <View className="tk-chip-row">
        {withCurrent(NOTICE_OPTIONS, form.minNoticeMinutes).map((n) => (
          <Chip
            key={n}
            className={`tk-schedule-option tk-tap tk-notice-${n}`}
            selected={form.minNoticeMinutes === n}
            onTap={() => edit((f) => ({ ...f, minNoticeMinutes: n }))}
          >
            <Text>{noticeLabel(n)}</Text>
          </Chip>
        ))}
      </View>

      <Text className="tk-section-title">可提前预约天数</Text>
      <View className="tk-chip-row">
        {withCurrent(HORIZON_OPTIONS, form.horizonDays).map((n) => (
          <Chip key={n} className={`tk-schedule-option tk-tap tk-horizon-${n}`} selected={form.horizonDays === n} onTap={() => edit((f) => ({ ...f, horizonDays: n }))}>
            <Text>{n}天</Text>
          </Chip>
        ))}
      </View>

      <Text className="tk-muted tk-schedule-note">开始前2小时内不可免费取消或改约。修改只影响新预约，已有预约不变。</Text>
      {error ? <ErrorBlock message={error} onRetry={save.error?.retryable ? () => void submit() : undefined} /> : null}
      {saved ? <Text className="tk-schedule-saved">已保存</Text> : null}
      <SubmitBar className="tk-save-schedule" text="保存营业时间与预约设置" busyText="保存中…" busy={save.busy} onSubmit={() => void submit()} />
    </>
  );
}
