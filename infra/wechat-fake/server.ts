/**
 * A fake of WeChat's server-side APIs on loopback, for `npm start` and the tests. It speaks WeChat's
 * real request and response shapes and error codes, records everything sent, and can be told to
 * fail, so tests can inject faults:
 *   GET  /sns/jscode2session                      code `dev-<openid>` → that openid; else 40029
 *   POST /cgi-bin/stable_token                    access token (7200 s); force_refresh rotates it
 *   POST /wxa/business/getuserphonenumber         code `phone-<11 digits>[-<nonce>[-<issued epoch ms>]]` →
 *                                                 that mainland number; `phone+<country code>-<digits>[…]` →
 *                                                 a foreign one; a code used before, one issued over 5 min
 *                                                 ago, or anything else → 40029
 *   POST /cgi-bin/message/subscribe/send          checks token, template and data; records the send
 * Control (not WeChat's): GET /__fake/sent, GET /__fake/calls, POST /__fake/faults, POST /__fake/reset
 * (sends, calls, faults and used phone codes), POST /__fake/expire-tokens.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeWechatOptions {
  port?: number;
  host?: string;
  appId?: string;
  appSecret?: string;
  /** Template ids the fake knows; a send to another gives 40037. Empty: any id is accepted. */
  templateIds?: string[];
}

export interface RecordedSend {
  at: string;
  body: unknown;
}

/**
 * A scripted failure: the next `times` calls to `path` answer with this errcode or HTTP status
 * (neither: WeChat's -1 "system busy"), or, with `delayMs` alone, answer normally but that late.
 */
export interface Fault {
  path: string;
  times: number;
  errcode?: number;
  errmsg?: string;
  httpStatus?: number;
  /**
   * Answer this many ms late (then the errcode or status if given, else the normal answer): a slow
   * WeChat, or a timeout when it is longer than the caller waits. A caller that gave up by then gets
   * nothing, and the fake does not act on its request (nothing recorded as sent).
   */
  delayMs?: number;
  /** Only for sends to this openid. */
  touser?: string;
}

export interface FakeWechat {
  url: string;
  sent(): RecordedSend[];
  calls(): Array<{ path: string; at: string }>;
  fail(fault: Fault): void;
  /** Forgets sends, calls, faults and used getPhoneNumber codes. */
  reset(): void;
  expireTokens(): void;
  stop(): Promise<void>;
}

/** A getPhoneNumber code is valid this long after it was issued (WeChat's 5 minutes). */
const PHONE_CODE_TTL_MS = 5 * 60_000;

interface PhoneInfo {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

/**
 * The number a fake getPhoneNumber code stands for, or undefined for a code WeChat would not know
 * (or one issued more than 5 minutes ago). `phone-13800001234`, `phone-13800001234-a1b2`,
 * `phone-13800001234-a1b2-1735689600000` (issued then), `phone+852-51234567-a1b2` (Hong Kong).
 */
export function phoneOfCode(code: string, now = Date.now()): PhoneInfo | undefined {
  const match = code.match(/^phone(?:-(1\d{10})|\+([1-9]\d{0,3})-(\d{4,15}))(?:-([A-Za-z0-9]{1,32})(?:-(\d{10,16}))?)?$/);
  if (!match) return undefined;
  const [, mainland, countryCode, foreign, , issuedAt] = match;
  if (issuedAt !== undefined && now - Number(issuedAt) > PHONE_CODE_TTL_MS) return undefined;
  if (mainland) return { phoneNumber: mainland, purePhoneNumber: mainland, countryCode: '86' };
  return { phoneNumber: `+${countryCode} ${foreign}`, purePhoneNumber: foreign!, countryCode: countryCode! };
}

const rid = () => `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
const error = (errcode: number, errmsg: string) => ({ errcode, errmsg: `${errmsg} rid: ${rid()}` });

/** subscribe/send value limits by key type (WeChat's documented ones for the common types). */
const VALUE_LIMITS: Record<string, RegExp> = {
  thing: /^[\s\S]{1,20}$/u,
  number: /^[\d.]{1,32}$/,
  letter: /^[A-Za-z]{1,32}$/,
  symbol: /^[^\w\s]{1,5}$/,
  character_string: /^[\w\-.:#/]{1,32}$/,
  time: /^[\s\S]{1,40}$/,
  date: /^[\s\S]{1,40}$/,
  amount: /^[¥￥]?\d+(\.\d{1,2})?元?$/,
  phone_number: /^[\d+\-\s]{1,17}$/,
  car_number: /^[\s\S]{1,8}$/,
  name: /^[\s\S]{1,10}$/u,
  phrase: /^[\u4e00-\u9fa5]{1,5}$/,
  short_thing: /^[\s\S]{1,5}$/u,
};

function validData(data: unknown): boolean {
  if (!data || typeof data !== 'object') return false;
  for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
    const type = key.replace(/\d+$/, '');
    const value = (entry as { value?: unknown })?.value;
    if (typeof value !== 'string') return false;
    const limit = VALUE_LIMITS[type];
    if (limit && !limit.test(value)) return false;
    if ([...value].length > 20 && type === 'thing') return false;
  }
  return true;
}

async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function startFakeWechat(options: FakeWechatOptions = {}): Promise<FakeWechat> {
  const appId = options.appId ?? process.env.WECHAT_APP_ID ?? 'wx0000000000000000';
  const appSecret = options.appSecret ?? process.env.WECHAT_APP_SECRET ?? 'dev-app-secret';
  const templateIds = new Set(options.templateIds ?? []);
  let sent: RecordedSend[] = [];
  let calls: Array<{ path: string; at: string }> = [];
  let faults: Fault[] = [];
  let validTokens = new Set<string>();
  let currentToken: { token: string; expiresAt: number } | undefined;
  /** getPhoneNumber codes already exchanged: a second use is 40029, as with WeChat. */
  let usedPhoneCodes = new Set<string>();

  const takeFault = (path: string, touser?: string): Fault | undefined => {
    const index = faults.findIndex((f) => f.path === path && f.times > 0 && (!f.touser || f.touser === touser));
    if (index < 0) return undefined;
    const fault = faults[index]!;
    fault.times -= 1;
    if (fault.times <= 0) faults.splice(index, 1);
    return fault;
  };

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  };

  /** Answers the fault if one is scripted; returns true when it did (or the caller has gone). */
  const injected = async (res: ServerResponse, path: string, touser?: string): Promise<boolean> => {
    const fault = takeFault(path, touser);
    if (!fault) return false;
    if (fault.delayMs) {
      let gone = false;
      res.once('close', () => (gone = true));
      await new Promise((done) => setTimeout(done, fault.delayMs));
      if (gone) return true;
      if (!fault.httpStatus && fault.errcode === undefined) return false;
    }
    if (fault.httpStatus) reply(res, fault.httpStatus, { message: 'injected failure' });
    else reply(res, 200, error(fault.errcode ?? -1, fault.errmsg ?? 'system error'));
    return true;
  };

  const tokenOk = (url: URL) => validTokens.has(url.searchParams.get('access_token') ?? '');
  const tokenError = (url: URL) =>
    url.searchParams.get('access_token') && currentToken === undefined
      ? error(42001, 'access_token expired')
      : error(40001, 'invalid credential, access_token is invalid or not latest');

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (!path.startsWith('/__fake/')) calls.push({ path, at: new Date().toISOString() });
    try {
      if (req.method === 'GET' && path === '/sns/jscode2session') {
        if (await injected(res, path)) return;
        if (url.searchParams.get('appid') !== appId) return reply(res, 200, error(40013, 'invalid appid'));
        if (url.searchParams.get('secret') !== appSecret) return reply(res, 200, error(40125, 'invalid appsecret'));
        const code = url.searchParams.get('js_code') ?? '';
        const openid = code.match(/^dev-([\w-]{1,100})$/)?.[1];
        if (!openid) return reply(res, 200, error(40029, 'invalid code'));
        return reply(res, 200, { session_key: randomBytes(16).toString('base64'), openid });
      }

      if (req.method === 'POST' && path === '/cgi-bin/stable_token') {
        if (await injected(res, path)) return;
        const body = await readJson(req);
        if (!body || body.grant_type !== 'client_credential') return reply(res, 200, error(40002, 'invalid grant_type'));
        if (body.appid !== appId) return reply(res, 200, error(40013, 'invalid appid'));
        if (body.secret !== appSecret) return reply(res, 200, error(40125, 'invalid appsecret'));
        if (body.force_refresh || !currentToken || currentToken.expiresAt <= Date.now()) {
          currentToken = { token: `fake-token-${randomBytes(12).toString('hex')}`, expiresAt: Date.now() + 7200_000 };
          validTokens = new Set([currentToken.token]);
        }
        return reply(res, 200, { access_token: currentToken.token, expires_in: Math.floor((currentToken.expiresAt - Date.now()) / 1000) });
      }

      if (req.method === 'POST' && path === '/wxa/business/getuserphonenumber') {
        if (!tokenOk(url)) return reply(res, 200, tokenError(url));
        if (await injected(res, path)) return;
        const body = await readJson(req);
        if (!body || typeof body.code !== 'string' || !body.code) return reply(res, 200, error(47001, 'data format error'));
        const phone = usedPhoneCodes.has(body.code) ? undefined : phoneOfCode(body.code);
        if (!phone) return reply(res, 200, error(40029, 'invalid code'));
        usedPhoneCodes.add(body.code);
        return reply(res, 200, {
          errcode: 0,
          errmsg: 'ok',
          phone_info: { ...phone, watermark: { timestamp: Math.floor(Date.now() / 1000), appid: appId } },
        });
      }

      if (req.method === 'POST' && path === '/cgi-bin/message/subscribe/send') {
        if (!tokenOk(url)) return reply(res, 200, tokenError(url));
        const body = await readJson(req);
        if (await injected(res, path, body?.touser)) return;
        if (!body || typeof body.touser !== 'string' || typeof body.template_id !== 'string') {
          return reply(res, 200, error(47003, 'argument invalid! data.touser or template_id missing'));
        }
        if (templateIds.size > 0 && !templateIds.has(body.template_id)) return reply(res, 200, error(40037, 'invalid template_id'));
        if (!validData(body.data)) return reply(res, 200, error(47003, 'argument invalid! data format error'));
        sent.push({ at: new Date().toISOString(), body });
        return reply(res, 200, { errcode: 0, errmsg: 'ok', msgid: Date.now() * 1000 + sent.length });
      }

      // Control routes for tests and for looking at what `npm start` sent.
      if (req.method === 'GET' && path === '/__fake/sent') return reply(res, 200, { items: sent });
      if (req.method === 'GET' && path === '/__fake/calls') return reply(res, 200, { items: calls });
      if (req.method === 'POST' && path === '/__fake/faults') {
        const fault = (await readJson(req)) as Fault;
        faults.push({ ...fault, times: fault.times ?? 1 });
        return reply(res, 200, { ok: true });
      }
      if (req.method === 'POST' && path === '/__fake/reset') {
        sent = [];
        calls = [];
        faults = [];
        usedPhoneCodes = new Set();
        return reply(res, 200, { ok: true });
      }
      if (req.method === 'POST' && path === '/__fake/expire-tokens') {
        currentToken = undefined;
        validTokens = new Set();
        return reply(res, 200, { ok: true });
      }
      reply(res, 404, error(-1, `unknown api ${path}`));
    } catch (caught) {
      reply(res, 500, { message: String(caught) });
    }
  });

  await new Promise<void>((done) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    sent: () => sent,
    calls: () => calls,
    fail: (fault) => faults.push({ ...fault }),
    reset: () => {
      sent = [];
      calls = [];
      faults = [];
      usedPhoneCodes = new Set();
    },
    expireTokens: () => {
      currentToken = undefined;
      validTokens = new Set();
    },
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
