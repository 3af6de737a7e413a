/**
 * WeChat subscribe messages (subscribeMessage.send). Every WeChat answer becomes an outcome the
 * daily jobs act on; nothing here throws for what WeChat or the network does.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { config } from '../lib/config';
import { logger } from '../lib/log';
import { count } from '../lib/metrics';
import { accessToken, WechatTokenError } from './access-token';

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  /** A page of the mini-program, e.g. `pages/coupons/index?from=birthday`. */
  page: string;
  /** Template keys (`thing1`, `date2`, …) to plain values; fitted to WeChat's limits by key type. */
  data: Record<string, string>;
}

export type SendOutcome =
  /** msgid is WeChat's int64, kept as a string so no digit is lost. */
  | { status: 'sent'; msgid: string }
  /** The member has no acceptance left for this template (or unsubscribed): zero the credit. */
  | { status: 'refused'; errcode: 43101 }
  /** Bad data, template id, openid or page: report it; retrying cannot help. */
  | { status: 'invalid'; errcode: number; errmsg: string }
  /** A WeChat quota (45009 daily, 45011 per minute): stop sending for this run. */
  | { status: 'rate_limited'; errcode: number }
  /** Unreachable, HTTP 5xx, timeouts, system busy, after every attempt. */
  | { status: 'failed'; reason: string };

export interface SendOptions {
  /** Attempts for transient failures (default 3). */
  attempts?: number;
  /** First backoff in ms, doubled per attempt, with jitter (default env WECHAT_RETRY_BASE_MS or 250). */
  retryBaseMs?: number;
  /** Per request (default 5000). */
  timeoutMs?: number;
}

/** The token WeChat no longer accepts: refresh it once and resend once. 40014 is "invalid token". */
const TOKEN_REJECTED = new Set([40001, 40014, 42001]);
const RATE_LIMITED = new Set([45009, 45011]);
const MINIPROGRAM_STATES = new Set(['formal', 'trial', 'developer']);

function miniprogramState(): string {
  const state = process.env.WECHAT_MINIPROGRAM_STATE || 'formal';
  if (!MINIPROGRAM_STATES.has(state)) throw new Error(`WECHAT_MINIPROGRAM_STATE must be formal, trial or developer, not ${state}`);
  return state;
}

function retryBaseMs(options: SendOptions): number {
  if (options.retryBaseMs !== undefined) return options.retryBaseMs;
  const fromEnv = process.env.WECHAT_RETRY_BASE_MS ? Number(process.env.WECHAT_RETRY_BASE_MS) : NaN;
  return Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : 250;
}

type Attempt = SendOutcome | { status: 'transient'; reason: string } | { status: 'token_rejected'; token: string };

export async function sendSubscribeMessage(msg: SubscribeMessage, options: SendOptions = {}): Promise<SendOutcome> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const base = retryBaseMs(options);
  const timeoutMs = options.timeoutMs ?? 5_000;
  // WeChat's own answers for these, without asking it (a member without an openid, an unset template).
  if (!msg.touser) return { status: 'invalid', errcode: 40003, errmsg: 'touser is empty (no openid)' };
  if (!msg.templateId) return { status: 'invalid', errcode: 40037, errmsg: 'template_id is empty' };
  const body = JSON.stringify({
    touser: msg.touser,
    template_id: msg.templateId,
    page: msg.page,
    data: Object.fromEntries(Object.entries(msg.data).map(([key, value]) => [key, { value: fitValue(key, value) }])),
    miniprogram_state: miniprogramState(),
    lang: 'zh_CN',
  });

  let rejected: string | undefined;
  let tokenRefreshed = false;
  let reason = '';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (attempt > 1) {
      // Exponential backoff with jitter: base·2^(n-2) · [0.5, 1).
      await sleep(base * 2 ** (attempt - 2) * (0.5 + Math.random() / 2));
    }
    let result = await attemptSend(body, rejected, timeoutMs);
    if (result.status === 'token_rejected') {
      if (tokenRefreshed) return { status: 'failed', reason: 'access token rejected again after a refresh' };
      tokenRefreshed = true;
      // Every later attempt asks with the rejected token, so a failed refresh is retried, and a
      // successful one is not repeated (the new token is cached).
      rejected = result.token;
      result = await attemptSend(body, rejected, timeoutMs);
      if (result.status === 'token_rejected') return { status: 'failed', reason: 'access token rejected again after a refresh' };
    }
    if (result.status === 'sent') count('PushesSent'); // every push: campaigns and booking reminders
    if (result.status !== 'transient') return result;
    reason = result.reason;
    logger.warn('subscribe send: transient failure', { attempt, reason });
  }
  return { status: 'failed', reason: `${reason} (after ${attempts} attempts)` };
}

async function attemptSend(body: string, rejected: string | undefined, timeoutMs: number): Promise<Attempt> {
  let token: string;
  try {
    token = await accessToken(rejected !== undefined ? { rejected } : {});
  } catch (error) {
    if (!(error instanceof WechatTokenError)) throw error;
    if (error.errcode !== undefined && RATE_LIMITED.has(error.errcode)) return { status: 'rate_limited', errcode: error.errcode };
    return { status: 'transient', reason: error.detail };
  }

  let status: number;
  let text: string;
  try {
    const url = `${config.wechat.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    const name = (error as { name?: string }).name;
    return { status: 'transient', reason: name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : `unreachable: ${String(error)}` };
  }
  if (status >= 500 || status === 429) return { status: 'transient', reason: `HTTP ${status}` };
  if (status < 200 || status >= 300) return { status: 'failed', reason: `HTTP ${status}` };

  let reply: { errcode?: number; errmsg?: string };
  try {
    reply = JSON.parse(text) as typeof reply;
  } catch {
    return { status: 'transient', reason: 'unreadable reply' };
  }
  const errcode = typeof reply.errcode === 'number' ? reply.errcode : 0;
  const errmsg = typeof reply.errmsg === 'string' ? reply.errmsg : '';
  if (errcode === 0) {
    // msgid is an int64: read its digits from the text, not from the parsed (double) number.
    const msgid = text.match(/"msgid"\s*:\s*"?(\d+)/)?.[1] ?? '';
    return { status: 'sent', msgid };
  }
  if (TOKEN_REJECTED.has(errcode)) return { status: 'token_rejected', token };
  if (errcode === 43101) return { status: 'refused', errcode };
  if (RATE_LIMITED.has(errcode)) return { status: 'rate_limited', errcode };
  if (errcode === -1) return { status: 'transient', reason: `errcode -1: ${errmsg}` };
  logger.error('subscribe send refused as invalid', { errcode, errmsg });
  return { status: 'invalid', errcode, errmsg };
}

// ---------------------------------------------------------------------------------------------
// Values. WeChat's limits per key type (the key is the type followed by a number: thing1, date2):
//   thing ≤ 20 chars · short_thing ≤ 5 · name ≤ 10 (20 if purely letters; 10 kept: it always fits)
//   phrase ≤ 5 Chinese characters only · character_string ≤ 32 digits, letters or symbols
//   number ≤ 32 digits (decimals allowed) · letter ≤ 32 letters · symbol ≤ 5 symbols
//   amount: one currency sign + ≤ 10 digits, optional decimals, optional trailing 元
//   date / time: 2019年10月1日 15:01, 2019-10-01, 15:01, ranges joined by ~ · phone_number ≤ 17
// No control characters (newlines) anywhere. Text types are shortened (by code points, with '…'
// where an ellipsis is allowed); formats (number, amount, date, …) are only normalised, never cut —
// a cut number or date would be wrong, so WeChat's 47003 reports it instead.
// ---------------------------------------------------------------------------------------------

const TEXT_LIMITS: Record<string, number> = { thing: 20, short_thing: 5, name: 10 };
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/u;

function clean(value: string): string {
  return value
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function truncate(value: string, max: number): string {
  const points = [...value];
  if (points.length <= max) return value;
  return `${points
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/** Fits a value to what WeChat accepts for its key's type (`thing1` → thing). */
export function fitValue(key: string, value: string): string {
  const type = key.replace(/\d+$/, '');
  const text = clean(String(value));
  const limit = TEXT_LIMITS[type];
  if (limit !== undefined) return truncate(text, limit);
  switch (type) {
    case 'phrase':
      return [...text]
        .filter((c) => HAN.test(c))
        .slice(0, 5)
        .join('');
    case 'character_string':
      return [...text.replace(/[^\x21-\x7e]/g, '')].slice(0, 32).join('');
    case 'number':
    case 'amount':
      // 1,234.50 → 1234.50; ￥ 12 → ￥12
      return text.replace(/[\s,，]/g, '');
    case 'letter':
      return text.replace(/\s/g, '');
    default:
      return text;
  }
}
