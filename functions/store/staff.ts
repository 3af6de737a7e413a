import { keys } from './keys';
import { conditionFailed, getItem, indexItems, putItem, updateItem } from './query';
import type { InviteRecord, StaffRecord } from './records';
import { putItemTx, updateItemTx, type LabeledItem } from './transactions';

/** Read on every staff request (consistent), so disabling a staff member takes effect at once. */
export const getStaffByOpenid = (openid: string) => getItem<StaffRecord>(keys.staffByOpenid(openid));

/** The staff record with the attributes that list it under its store (gsi1). */
function staffItem(staff: StaffRecord): Record<string, unknown> {
  return {
    ...keys.staffByOpenid(staff.openid),
    ...staff,
    ...keys.indexEntry(keys.storeStaffIndex.name, keys.storeStaffIndex.pk(staff.storeId), keys.storeStaffIndex.sort(staff.name, staff.staffId)),
  };
}

/** Set-up and seed data: the record and its staff-id reference, replacing what was there. */
export async function putStaff(staff: StaffRecord): Promise<void> {
  const { pk: _pk, sk: _sk, ...record } = staffItem(staff);
  await putItem(keys.staffByOpenid(staff.openid), record);
  await putItem(keys.staffRef(staff.staffId), { staffId: staff.staffId, openid: staff.openid });
}

export async function getStaffById(staffId: string): Promise<StaffRecord | undefined> {
  const ref = await getItem<{ openid: string }>(keys.staffRef(staffId));
  if (!ref) return undefined;
  const staff = await getStaffByOpenid(ref.openid);
  return staff?.staffId === staffId ? staff : undefined;
}

/** A new account: only if this openid has never had one, and the staff id is new. */
export function newStaffPutItems(staff: StaffRecord): LabeledItem[] {
  return [putItemTx('staff', staffItem(staff), 'new'), putItemTx('staffRef', { ...keys.staffRef(staff.staffId), staffId: staff.staffId, openid: staff.openid }, 'new')];
}

/**
 * Replaces an account's role, store, status and rights version, conditioned on the rights version
 * that was read: a change decided on a record that changed meanwhile (HQ moved the clerk while their
 * manager disabled them) fails and is decided again.
 */
export function staffReplaceItem(staff: StaffRecord, readVersion: number): LabeledItem {
  const unchanged = readVersion === 0 ? '(attribute_not_exists(rightsVersion) OR rightsVersion = :v)' : 'rightsVersion = :v';
  return putItemTx('staff', staffItem(staff), {
    ConditionExpression: `attribute_exists(pk) AND ${unchanged}`,
    ExpressionAttributeValues: { ':v': readVersion },
  });
}

/** Every staff record of a store (null: the HQ admins), by name. */
export const listStoreStaff = (storeId: string | null) => indexItems<StaffRecord>(keys.storeStaffIndex.name, keys.storeStaffIndex.pk(storeId));

/**
 * Records the staff member's last request, at most once per `everyMs`: the condition makes the write
 * a no-op for everyone who was active recently, and a lost race or a throttle costs nothing.
 */
export async function touchStaff(openid: string, at: string, notBefore: string): Promise<void> {
  try {
    await updateItem({
      Key: keys.staffByOpenid(openid),
      UpdateExpression: 'SET lastActiveAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastActiveAt) OR lastActiveAt < :notBefore)',
      ExpressionAttributeValues: { ':at': at, ':notBefore': notBefore },
    });
  } catch (error) {
    if (!conditionFailed(error)) throw error;
  }
}

// Invites ------------------------------------------------------------------------------------------

/** TTL removes invites a day after they expire (expiry itself is checked in the domain). */
const ttlOf = (invite: InviteRecord) => Math.floor(Date.parse(invite.expiresAt) / 1000) + 24 * 3600;

export const getInvite = (code: string) => getItem<InviteRecord>(keys.invite(code));

/** A new open invite, listed under its store: only if the code is not taken. */
export function invitePutItem(invite: InviteRecord): LabeledItem {
  const index = keys.openInvitesIndex;
  return putItemTx(
    'invite',
    { ...keys.invite(invite.code), ...invite, ttl: ttlOf(invite), ...keys.indexEntry(index.name, index.pk(invite.storeId), index.sort(invite.createdAt, invite.code)) },
    'new',
  );
}

/** Seed data: an open invite, replacing what was there (so re-seeding reopens it). */
export async function putInvite(invite: InviteRecord): Promise<void> {
  const index = keys.openInvitesIndex;
  await putItem(keys.invite(invite.code), {
    ...invite,
    ttl: ttlOf(invite),
    ...keys.indexEntry(index.name, index.pk(invite.storeId), index.sort(invite.createdAt, invite.code)),
  });
}

/**
 * Uses the invite: only while it is open and not expired. This one condition is what lets exactly
 * one of several accounts redeeming the same code at once win. It leaves the open-invites index.
 */
export function inviteUseItem(code: string, use: { openid: string; staffId: string; at: string }): LabeledItem {
  return updateItemTx('invite', {
    Key: keys.invite(code),
    UpdateExpression: 'SET #status = :used, usedByOpenid = :openid, usedByStaffId = :staffId, usedAt = :at REMOVE gsi1pk, gsi1sk',
    ConditionExpression: 'attribute_exists(pk) AND #status = :open AND expiresAt > :at',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':used': 'used', ':open': 'open', ':openid': use.openid, ':staffId': use.staffId, ':at': use.at },
  });
}

/** Revokes the invite: only while it is open (a used one stays used). */
export function inviteRevokeItem(code: string, revoke: { staffId: string; at: string }): LabeledItem {
  return updateItemTx('invite', {
    Key: keys.invite(code),
    UpdateExpression: 'SET #status = :revoked, revokedBy = :staffId, revokedAt = :at REMOVE gsi1pk, gsi1sk',
    ConditionExpression: 'attribute_exists(pk) AND #status = :open',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':revoked': 'revoked', ':open': 'open', ':staffId': revoke.staffId, ':at': revoke.at },
  });
}

/** The open (and, until TTL removes them, expired) invites of a store, or HQ's (null). */
export const listOpenInvites = (storeId: string | null) => indexItems<InviteRecord>(keys.openInvitesIndex.name, keys.openInvitesIndex.pk(storeId), true);
