import { Text, View } from '@tarojs/components';
import type { StaffSummary, Store } from '../../../shared/api';
import { addDays, shanghaiDate } from '../../../shared/dates';
import { dayLabel, monthDay, shortStoreName, weekdayName } from '../lib/booking';
import { Chip } from './booking/Chip';
import './store-day-picker.scss';

/** A day chip's small line: 昨天 / 今天 / 明天 / 后天, otherwise the weekday. */
export function dayChipLabel(date: string, now = Date.now()): string {
  if (date === addDays(shanghaiDate(now), -1)) return '昨天';
  const label = dayLabel(date, now);
  return label === monthDay(date) ? weekdayName(date) : label;
}

/**
 * A staff page's store and day: HQ chooses among the stores (`tk-staff-store-<id>`), everyone else
 * sees their own store's name; then one chip per day (`tk-staff-day-<date>`).
 */
export function StoreDayPicker({
  staff,
  stores,
  storeId,
  onStore,
  days,
  date,
  onDate,
}: {
  staff: StaffSummary;
  /** HQ's choice of stores (null while loading, and for staff of a store). */
  stores: Store[] | null;
  storeId: string | null;
  onStore: (storeId: string) => void;
  days: string[];
  date: string;
  onDate: (date: string) => void;
}) {
  return (
    <>
      {staff.role === 'hq' ? (
        <View className="tk-chip-row tk-staff-stores">
          {(stores ?? []).map((s) => (
            <Chip key={s.id} className={`tk-staff-store-chip tk-tap tk-staff-store-${s.id}`} selected={s.id === storeId} onTap={() => onStore(s.id)}>
              <Text className="tk-chip-main">{shortStoreName(s.name)}</Text>
            </Chip>
          ))}
        </View>
      ) : (
        <Text className="tk-section-title">{staff.storeName}</Text>
      )}

      <View className="tk-staff-days">
        {days.map((d) => (
          <Chip key={d} className={`tk-staff-day tk-tap tk-staff-day-${d}`} selected={d === date} onTap={() => onDate(d)}>
            <Text className="tk-chip-sub">{dayChipLabel(d)}</Text>
            <Text className="tk-chip-main">{d.slice(5).replace('-', '/')}</Text>
          </Chip>
        ))}
      </View>
    </>
  );
}
