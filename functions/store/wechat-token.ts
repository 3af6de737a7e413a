import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client';
import { keys } from './keys';
import { conditionFailed, getItem } from './query';

/** WeChat's access token as every function shares it: one item, so one refresh serves all. */
export interface StoredWechatToken {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export async function getWechatAccessToken(): Promise<StoredWechatToken | undefined> {
  const item = await getItem<Record<string, unknown>>(keys.wechatAccessToken());
  if (!item || typeof item.token !== 'string' || typeof item.expiresAt !== 'number') return undefined;
  return { token: item.token, expiresAt: item.expiresAt };
}

/**
 * Stores a token unless a newer one is already there. Tokens all live 7200 s, so a later expiry
 * means a later issue: a slow refresher can never put back a token that a forced refresh has
 * since replaced. The same token (re-stored by a concurrent refresher) and a token a caller saw
 * rejected are always overwritten. Returns false when the stored token was kept.
 */
export async function putWechatAccessToken(value: StoredWechatToken, options: { rejected?: string } = {}): Promise<boolean> {
  const conditions = ['attribute_not_exists(pk)', 'expiresAt < :expiresAt', '#token = :token'];
  const values: Record<string, unknown> = { ':expiresAt': value.expiresAt, ':token': value.token };
  if (options.rejected) {
    conditions.push('#token = :rejected');
    values[':rejected'] = options.rejected;
  }
  try {
    await db().send(
      new PutCommand({
        TableName: table(),
        Item: { ...keys.wechatAccessToken(), token: value.token, expiresAt: value.expiresAt, updatedAt: new Date().toISOString() },
        ConditionExpression: conditions.join(' OR '),
        ExpressionAttributeNames: { '#token': 'token' },
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}
