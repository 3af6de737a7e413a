import { Picker, Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { dayChoices, MONTH_CHOICES, NO_YEAR, yearChoices, type BirthdayFields } from '../lib/birthday';
import { usePrivacyGate } from '../lib/privacy-authorization';
import './birthday-picker.scss';

/**
 * The birthday as two pickers (WeChat's wheel on weapp, Taro's on H5): month and day together,
 * and the year apart, optional. `清除` removes it. The fields are BirthdayFields (lib/birthday.ts),
 * which the page validates and turns into what the API takes.
 *
 * On weapp, WeChat's privacy flow comes before a wheel opens (issue 12 §1): until the user has agreed
 * to the mini-program's privacy guide, the rows are plain taps that run it (the page's
 * `<PrivacyAuthorizationPrompt />` shows WeChat's request), and the pickers replace them once agreed.
 * On H5 the gate is always open.
 */
export function BirthdayPicker({ value, onChange }: { value: BirthdayFields; onChange: (next: BirthdayFields) => void }) {
  const [thisYear] = useState(() => new Date().getFullYear());
  const month = Number(value.month) || 1;
  const day = Number(value.day) || 1;
  const year = Number(value.year) || undefined;
  /**
   * The wheels as turned before 确定. The picker is controlled by them (as WeChat's cascading
   * multiSelector is), so the day column can follow the month without the wheels jumping back.
   */
  const [wheel, setWheel] = useState<{ month: number; day: number } | null>(null);
  const turned = wheel ?? { month, day };
  const days = useMemo(() => dayChoices(turned.month, year), [turned.month, year]);
  const range = useMemo(() => [MONTH_CHOICES, days], [days]);
  const turnedDay = Math.min(turned.day, days.length);
  const years = useMemo(() => yearChoices(thisYear), [thisYear]);
  const hasDate = value.month !== '' && value.day !== '';
  const privacy = usePrivacyGate();
  const [refused, setRefused] = useState(false);
  const unlock = async () => setRefused(!(await privacy.unlock()));

  const monthDayRow = (
    <View className="tk-picker-row tk-birthday-month-day">
      <Text className="tk-picker-label">月日</Text>
      <Text className={hasDate ? 'tk-picker-value' : 'tk-picker-placeholder'}>{hasDate ? `${month}月${day}日` : '请选择'}</Text>
      <Text className="tk-picker-arrow">›</Text>
    </View>
  );
  const yearRow = (
    <View className="tk-picker-row tk-birthday-year">
      <Text className="tk-picker-label">出生年份（选填）</Text>
      <Text className={value.year ? 'tk-picker-value' : 'tk-picker-placeholder'}>{value.year ? `${value.year}年` : NO_YEAR}</Text>
      <Text className="tk-picker-arrow">›</Text>
    </View>
  );

  if (!privacy.open) {
    return (
      <View className="tk-birthday-picker tk-birthday-picker-locked">
        <View className="tk-tap" onClick={() => void unlock()}>
          {monthDayRow}
        </View>
        <View className="tk-tap" onClick={() => void unlock()}>
          {yearRow}
        </View>
        {refused ? <Text className="tk-settings-note">需要同意隐私保护指引后才能填写生日</Text> : null}
      </View>
    );
  }

  return (
    <View className="tk-birthday-picker">
      <Picker
        mode="multiSelector"
        range={range}
        value={[turned.month - 1, turnedDay - 1]}
        headerText={`生日：${turned.month}月${turnedDay}日`}
        onColumnChange={(e) => {
          const index = Number(e.detail.value);
          setWheel((now) => {
            const from = now ?? { month, day };
            return e.detail.column === 0 ? { ...from, month: index + 1 } : { ...from, day: index + 1 };
          });
        }}
        onCancel={() => setWheel(null)}
        onChange={(e) => {
          const [m = 0, d = 0] = e.detail.value as number[];
          setWheel(null);
          onChange({ ...value, month: String(m + 1), day: String(Math.min(d + 1, dayChoices(m + 1, year).length)) });
        }}
      >
        {monthDayRow}
      </Picker>
      <Picker
        mode="selector"
        range={years}
        value={Math.max(0, years.indexOf(value.year))}
        onChange={(e) => {
          const picked = years[Number(e.detail.value)] ?? NO_YEAR;
          onChange({ ...value, year: picked === NO_YEAR ? '' : picked });
        }}
      >
        {yearRow}
      </Picker>
      {hasDate || value.year ? (
        <View className="tk-birthday-clear tk-tap" onClick={() => onChange({ year: '', month: '', day: '' })}>
          <Text>清除生日</Text>
        </View>
      ) : null}
    </View>
  );
}
