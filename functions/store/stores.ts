import { keys } from './keys';
import { getItem, partitionItems, putItem, updateItem } from './query';
import type { StoreRecord } from './records';

export async function listStores(): Promise<StoreRecord[]> {
  return partitionItems<StoreRecord>(keys.storesPartition, keys.storePrefix);
}

/** The store's own record, strongly consistent (a closed day set a second ago is respected). */
export const getStore = (storeId: string) => getItem<StoreRecord>(keys.store(storeId));

export const putStore = (store: StoreRecord) => putItem(keys.store(store.storeId), store);

/** The booking schedule lives on the store's record; only an existing store is changed. */
export async function updateSchedule(
  storeId: string,
  schedule: Pick<StoreRecord, 'openingHours' | 'closedDates' | 'slotMinutes' | 'minNoticeMinutes' | 'horizonDays'>,
): Promise<void> {
  await updateItem({
    Key: keys.store(storeId),
    UpdateExpression: 'SET openingHours = :hours, closedDates = :closed, slotMinutes = :slot, minNoticeMinutes = :notice, horizonDays = :horizon',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: {
      ':hours': schedule.openingHours,
      ':closed': schedule.closedDates,
      ':slot': schedule.slotMinutes,
      ':notice': schedule.minNoticeMinutes,
      ':horizon': schedule.horizonDays,
    },
  });
}
