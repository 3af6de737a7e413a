import { config } from '../lib/config';
import { RetryableError, UnauthorizedError } from '../lib/errors';
import { logger } from '../lib/log';

/** What code2Session tells us. The session_key stays on the server and is not even kept. */
export interface WechatIdentity {
  openid: string;
  unionid?: string;
}

interface Code2SessionReply {
  openid?: string;
  unionid?: string;
  session_key?: string;
  errcode?: number;
  errmsg?: string;
}

/** WeChat error codes for a login code the user cannot fix by retrying with the same code. */
const BAD_CODE = new Set([40029, 40163, 40226]);

export async function code2Session(code: string): Promise<WechatIdentity> {
  const { apiBase, appId, appSecret } = config.wechat;
  const url = new URL(`${apiBase}/sns/jscode2session`);
  url.search = new URLSearchParams({ appid: appId, secret: appSecret, js_code: code, grant_type: 'authorization_code' }).toString();
  let reply: Code2SessionReply;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    reply = (await response.json()) as Code2SessionReply;
  } catch (error) {
    logger.error('code2Session unreachable', { error: String(error) });
    throw new RetryableError('wechat_unavailable', 'WeChat login is unavailable right now; please retry');
  }
  if (reply.errcode && BAD_CODE.has(reply.errcode)) {
    throw new UnauthorizedError('invalid_wechat_code', 'The WeChat login code is invalid or used; log in again');
  }
  if (reply.errcode === 45011) throw new RetryableError('wechat_rate_limited', 'Too many logins; retry in a minute');
  // -1 is WeChat's "system busy": the same as no answer (README § Failing safely).
  if (reply.errcode === -1) throw new RetryableError('wechat_unavailable', 'WeChat login is unavailable right now; please retry');
  if (reply.errcode || !reply.openid) {
    logger.error('code2Session failed', { errcode: reply.errcode, errmsg: reply.errmsg });
    throw new RetryableError('wechat_login_failed', 'WeChat login failed; please retry');
  }
  return { openid: reply.openid, ...(reply.unionid ? { unionid: reply.unionid } : {}) };
}
