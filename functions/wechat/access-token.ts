/**
 * WeChat's access token (getStableAccessToken), shared by every Lambda function through one
 * DynamoDB item rather than fetched per container.
 *
 * - Normal mode (`force_refresh: false`) answers the same token to every caller while it is valid,
 *   and a new one in its last 5 minutes, so concurrent refreshers in different containers agree.
 * - Forced mode invalidates the previous token and is limited to 20 a day, 30 s apart: it is used
 *   only when a caller reports a rejected token and normal mode still hands out that same token,
 *   and then at most once per report.
 */
import { RetryableError } from '../lib/errors';
import { config } from '../lib/config';
import { logger } from '../lib/log';
import { getWechatAccessToken, putWechatAccessToken, type StoredWechatToken } from '../store/wechat-token';

/** A token is used while it has more than this left (WeChat renews it 5 minutes before expiry). */
const MARGIN_MS = 5 * 60_000;
const TIMEOUT_MS = 5_000;

/** stable_token failed: WeChat unreachable, or it answered an errcode (kept for the caller). */
export class WechatTokenError extends RetryableError {
  constructor(
    readonly errcode: number | undefined,
    readonly detail: string,
  ) {
    super('wechat_unavailable', 'WeChat is unavailable right now; please retry');
  }
}

let memory: StoredWechatToken | undefined;
/** One refresh at a time per container and per reason ('' normal, else the rejected token). */
const inflight = new Map<string, Promise<string>>();

const usable = (entry: StoredWechatToken | undefined, rejected: string | undefined, now = Date.now()): entry is StoredWechatToken =>
  entry !== undefined && entry.token !== rejected && entry.expiresAt - now > MARGIN_MS;

/**
 * The current access token. Pass `rejected` with the token WeChat just answered 40001/42001 to;
 * the answer is then a different token if WeChat will give one (normal mode first, one forced
 * refresh if normal mode returns the rejected token again). Throws WechatTokenError when WeChat
 * cannot be reached or refuses (errcode kept), never loops.
 */
export async function accessToken(options: { rejected?: string } = {}): Promise<string> {
  const { rejected } = options;
  if (usable(memory, rejected)) return memory.token;
  const key = rejected ?? '';
  let pending = inflight.get(key);
  if (!pending) {
    pending = refresh(rejected).finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  return pending;
}

/** Test-only: behave like a fresh container (the DynamoDB item is left alone). */
export function forgetCachedToken(): void {
  memory = undefined;
  inflight.clear();
}

async function refresh(rejected: string | undefined): Promise<string> {
  // Another function or container may have refreshed already (or replaced the rejected token).
  const stored = await getWechatAccessToken();
  if (usable(stored, rejected)) {
    memory = stored;
    return stored.token;
  }
  let fetched = await fetchStableToken(false);
  if (rejected !== undefined && fetched.token === rejected) fetched = await fetchStableToken(true);
  const kept = await putWechatAccessToken(fetched, rejected !== undefined ? { rejected } : {});
  if (!kept) {
    // A newer token was stored meanwhile (a forced refresh elsewhere): prefer it.
    const newer = await getWechatAccessToken();
    if (usable(newer, rejected)) {
      memory = newer;
      return newer.token;
    }
  }
  memory = fetched;
  return fetched.token;
}

interface StableTokenReply {
  access_token?: string;
  expires_in?: number;
  errcode?: number;
  errmsg?: string;
}

async function fetchStableToken(forceRefresh: boolean): Promise<StoredWechatToken> {
  const { apiBase, appId, appSecret } = config.wechat;
  const startedAt = Date.now();
  let reply: StableTokenReply;
  try {
    const response = await fetch(`${apiBase}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: forceRefresh }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    reply = (await response.json()) as StableTokenReply;
  } catch (error) {
    throw new WechatTokenError(undefined, `stable_token unreachable: ${String(error)}`);
  }
  if (reply.errcode || typeof reply.access_token !== 'string' || !reply.access_token || typeof reply.expires_in !== 'number') {
    logger.error('stable_token failed', { errcode: reply.errcode, errmsg: reply.errmsg });
    throw new WechatTokenError(reply.errcode, `stable_token errcode ${reply.errcode ?? 'none'}: ${reply.errmsg ?? 'no token'}`);
  }
  // Counted from when we asked, so the stored expiry is never later than WeChat's.
  return { token: reply.access_token, expiresAt: startedAt + reply.expires_in * 1000 };
}
