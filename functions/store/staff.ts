import { keys } from './keys';
import { getItem, putItem } from './query';
import type { StaffRecord } from './records';

/** Read on every staff request (consistent), so disabling a staff member takes effect at once. */
export const getStaffByOpenid = (openid: string) => getItem<StaffRecord>(keys.staffByOpenid(openid));

export const putStaff = (staff: StaffRecord) => putItem(keys.staffByOpenid(staff.openid), staff);
