import { Text, View } from '@tarojs/components';
import type { StaffSummary } from '../../../../shared/api';
import { getServices, getStoreSchedule } from '../../api';
import { Chip } from '../../components/booking/Chip';
import { Loadable } from '../../components/Loadable';
import { shortStoreName } from '../../lib/booking';
import { staffPage } from '../../lib/staff-gate';
import { useHqStores } from '../../lib/use-hq-stores';
import { useLoad } from '../../lib/use-load';
import { HoursEditor } from './HoursEditor';
import { ServiceCapacities } from './ServiceCapacities';
import './index.scss';

/**
 * 营业时间与预约设置 (store managers for their store, HQ for any): opening hours per weekday, closed
 * days, the slot grid, the minimum notice and how far ahead members may book; and which services
 * the store offers with how many seats per slot. Changes apply to new bookings only.
 */
export default staffPage('managers', 'tk-schedule-page', Schedule);

function Schedule({ staff }: { staff: StaffSummary }) {
  const hq = useHqStores(staff);
  const { stores, storeId } = hq;
  if (staff.role === 'hq' && !stores) return <Loadable state={hq.load}>{() => null}</Loadable>;
  const storeName = stores ? (stores.find((s) => s.id === storeId)?.name ?? '') : (staff.storeName ?? '');

  return (
    <>
      {stores ? (
        <View className="tk-chip-row tk-schedule-stores">
          {stores.map((s) => (
            <Chip key={s.id} className={`tk-schedule-store tk-tap tk-schedule-store-${s.id}`} selected={s.id === storeId} onTap={() => hq.setStoreId(s.id)}>
              <Text className="tk-chip-main">{shortStoreName(s.name)}</Text>
            </Chip>
          ))}
        </View>
      ) : null}
      <Text className="tk-schedule-store-name">{storeName}</Text>
      {storeId ? <StoreSettings key={storeId} storeId={storeId} /> : null}
    </>
  );
}

/** One store's settings: read once when the store is chosen (not on every show, so edits stay). */
function StoreSettings({ storeId }: { storeId: string }) {
  const settings = useLoad(() => Promise.all([getStoreSchedule(storeId), getServices()]), [storeId], { reloadOnShow: false });
  return (
    <Loadable state={settings}>
      {([schedule, services]) => (
        <>
          <HoursEditor storeId={storeId} schedule={schedule} />
          <ServiceCapacities storeId={storeId} services={services.items} />
        </>
      )}
    </Loadable>
  );
}
