/**
 * WeChat's getPhoneNumber exchange (phonenumber.getPhoneNumber): the code from the mini-program's
 * getPhoneNumber button becomes the member's phone number. A code is valid 5 minutes and works
 * once, so nothing here retries it: a failure says whether to tap the button again
 * (invalid_phone_code) or to retry later (wechat_unavailable, wechat_rate_limited). The number and
 * the code are never logged.
 */
import { config } from '../lib/config';
import { BusinessRuleError, RetryableError } from '../lib/errors';
import { logger } from '../lib/log';
import { accessToken, WechatTokenError } from './access-token';

export interface PhoneNumberOptions {
  /** Per request (default 5000). */
  timeoutMs?: number;
}

interface PhoneNumberReply {
  errcode?: number;
  errmsg?: string;
  phone_info?: { phoneNumber?: string; purePhoneNumber?: string; countryCode?: string };
}

/** The token WeChat no longer accepts: refresh it once and ask once more. 40014 is "invalid token". */
const TOKEN_REJECTED = new Set([40001, 40014, 42001]);
const MAINLAND_MOBILE = /^1\d{10}$/;

const unavailable = () => new RetryableError('wechat_unavailable', 'WeChat is unavailable right now; please retry');
const rateLimited = () => new RetryableError('wechat_rate_limited', 'WeChat is busy; retry in a minute', 60);

/**
 * The 11-digit mainland mobile number behind a getPhoneNumber code.
 * Throws BusinessRuleError invalid_phone_code (400, field `code`) for a code WeChat does not accept
 * (invalid, expired or used), phone_not_mainland (422) for any other number, and RetryableError
 * wechat_unavailable / wechat_rate_limited (503 with Retry-After) when WeChat cannot answer now.
 */
export async function phoneNumberOf(code: string, options: PhoneNumberOptions = {}): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  // WeChat's own answer for these, without asking it.
  if (typeof code !== 'string' || !code.trim() || code.length > 512) throw invalidCode();

  let token = await tokenFor(undefined);
  let reply = await ask(code, token, timeoutMs);
  if (reply.errcode !== undefined && TOKEN_REJECTED.has(reply.errcode)) {
    // Rejected before the code was looked at: refresh the token once (shared with every container)
    // and ask once more with the same code.
    token = await tokenFor(token);
    reply = await ask(code, token, timeoutMs);
    if (reply.errcode !== undefined && TOKEN_REJECTED.has(reply.errcode)) {
      log('getuserphonenumber: access token rejected again after a refresh', reply);
      throw unavailable();
    }
  }

  const errcode = typeof reply.errcode === 'number' ? reply.errcode : 0;
  if (errcode === 40029) throw invalidCode();
  if (errcode === 45011) throw rateLimited();
  if (errcode === -1) {
    logger.warn('getuserphonenumber: system busy', { errcode, errmsg: reply.errmsg });
    throw unavailable();
  }
  if (errcode !== 0) {
    log('getuserphonenumber failed', reply);
    throw unavailable();
  }

  const info = reply.phone_info;
  if (!info || typeof info.purePhoneNumber !== 'string' || typeof info.countryCode !== 'string') {
    log('getuserphonenumber: no phone_info in the reply', { errcode: 0 });
    throw unavailable();
  }
  if (info.countryCode !== '86' || !MAINLAND_MOBILE.test(info.purePhoneNumber)) {
    throw new BusinessRuleError('phone_not_mainland', 'Only a mainland China mobile number can be bound');
  }
  return info.purePhoneNumber;
}

function invalidCode(): BusinessRuleError {
  return new BusinessRuleError('invalid_phone_code', 'The phone-number code is invalid, expired or already used; tap 绑定手机号 again', [
    { field: 'code', message: 'invalid, expired or already used' },
  ]);
}

/** errcode and errmsg only: the reply's phone_info never reaches a log. */
function log(message: string, reply: { errcode?: number; errmsg?: string }): void {
  logger.error(message, { errcode: reply.errcode, errmsg: reply.errmsg });
}

async function tokenFor(rejected: string | undefined): Promise<string> {
  try {
    return await accessToken(rejected !== undefined ? { rejected } : {});
  } catch (error) {
    // stable_token's own minute quota; anything else it says is already wechat_unavailable.
    if (error instanceof WechatTokenError && error.errcode === 45011) throw rateLimited();
    throw error;
  }
}

async function ask(code: string, token: string, timeoutMs: number): Promise<PhoneNumberReply> {
  let status: number;
  let text: string;
  try {
    const url = `${config.wechat.apiBase}/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    const name = (error as { name?: string }).name;
    const reason = name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : `unreachable: ${String(error)}`;
    logger.error('getuserphonenumber unreachable', { reason });
    throw unavailable();
  }
  if (status < 200 || status >= 300) {
    logger.error('getuserphonenumber failed', { httpStatus: status });
    throw unavailable();
  }
  try {
    const reply = JSON.parse(text) as unknown;
    if (reply && typeof reply === 'object') return reply as PhoneNumberReply;
  } catch {
    // below
  }
  logger.error('getuserphonenumber: unreadable reply', { httpStatus: status });
  throw unavailable();
}
