import { keys } from './keys';
import { conditionFailed, getItem, updateItem } from './query';
import { updateItemTx, type LabeledItem } from './transactions';

const countUpdate = (action: string, subject: string, window: string, limit: number, expiresAtSeconds: number) => ({
  Key: keys.rateCounter(action, subject, window),
  UpdateExpression: 'ADD #count :one SET #ttl = if_not_exists(#ttl, :ttl)',
  ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
  ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
  ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': expiresAtSeconds },
});

/**
 * Counts one attempt in a window, only while fewer than `limit` were counted: a conditional ADD on
 * one item, so concurrent attempts can never pass the limit together. The item expires by TTL once
 * its window is over (TTL may lag; a later window has its own item, so a lag never blocks anyone).
 * Answers false when the limit was already reached (nothing is counted then).
 */
export async function countAttempt(action: string, subject: string, window: string, limit: number, expiresAtSeconds: number): Promise<boolean> {
  try {
    await updateItem(countUpdate(action, subject, window, limit, expiresAtSeconds));
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

/**
 * The same count as an item of a transaction, under `label`: the transaction then happens only
 * within the limit, and a cancelled one counts nothing (the label says the limit stopped it).
 */
export function countAttemptItem(label: string, action: string, subject: string, window: string, limit: number, expiresAtSeconds: number): LabeledItem {
  return updateItemTx(label, countUpdate(action, subject, window, limit, expiresAtSeconds));
}

/** How many attempts a window has counted so far (0 when none). */
export async function countOf(action: string, subject: string, window: string): Promise<number> {
  return Number((await getItem<{ count?: number }>(keys.rateCounter(action, subject, window)))?.count ?? 0);
}
