import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { keys } from './keys';
import type { StaffRecord } from './records';

/** Read on every staff request (consistent), so disabling a staff member takes effect at once. */
export async function getStaffByOpenid(openid: string): Promise<StaffRecord | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: table(), Key: keys.staffByOpenid(openid), ConsistentRead: true }),
  );
  return Item as StaffRecord | undefined;
}

export async function putStaff(staff: StaffRecord): Promise<void> {
  await db().send(new PutCommand({ TableName: table(), Item: { ...keys.staffByOpenid(staff.openid), ...staff } }));
}
