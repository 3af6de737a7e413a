/**
 * Runs the built WeChat mini-program (miniapp/dist/weapp) under miniprogram-simulate, in jsdom:
 * the very files WeChat would load — app.js, the shared chunks, a page's .js/.json/.wxml/.wxss —
 * with the WXML compiled by WeChat's own wcc. What WeChat's runtime would provide is shimmed here:
 *
 * - `App`, `getApp`, `getCurrentPages`, `requirePlugin`;
 * - `Page`, mapped onto `Component` (miniprogram-simulate only builds components): the page's
 *   functions become methods, and the page lifecycle (onLoad → onShow) is driven by `open()`;
 * - `wx` storage (sync and async, kept in a Map), and `wx.request`, routed over real HTTP to an
 *   API of the test's choosing (the compiled API base is replaced by that API's origin).
 *
 * Everything else in `wx` is miniprogram-simulate's mock. Load this module in a test file whose
 * environment is ./simulate-environment (jsdom plus Node globals).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const WEAPP_DIST = resolve(__dirname, '..', '..', '..', 'miniapp', 'dist', 'weapp');

export interface RecordedRequest {
  /** The URL the app asked for (with the compiled API base). */
  url: string;
  /** Where it was sent (the test's API). */
  sentTo: string;
  method: string;
  header: Record<string, string>;
  statusCode?: number;
}

export interface SimulatedPage {
  /** The page's root element, rendered through WeChat's compiled WXML. */
  dom: HTMLElement;
  /** The page instance (`this` of its lifecycle methods), as Taro sees it. */
  instance: Record<string, any>;
  /** Concatenated text of the rendered page, whitespace collapsed. */
  text(): string;
  /**
   * The first rendered element matching `selector` (matched by j-component on the WXML tree, with
   * the class names as written in the source): its text and the attributes WXML gave it.
   */
  find(selector: string): { text: string; attrs: Record<string, unknown> } | null;
  /** Taps the first element matching `selector` (as `find`): WXML's bindtap fires as in WeChat. */
  tap(selector: string): Promise<void>;
  /**
   * Fires a component event WeChat raises itself on the first element matching `selector` (e.g.
   * `agreeprivacyauthorization` when the user taps a button of that open-type), with its detail.
   */
  trigger(selector: string, event: string, detail?: Record<string, unknown>): Promise<void>;
  /** onHide + onUnload (stops the page's timers) and detaches it. */
  close(): void;
}

export interface MiniProgram {
  storage: Map<string, unknown>;
  requests: RecordedRequest[];
  /** Calls to wx.reLaunch / navigateTo / switchTab / redirectTo, in order. */
  navigations: Array<{ api: string; url: string }>;
  /** The tmplIds of each wx.requestSubscribeMessage call, in order. */
  subscribePrompts: string[][];
  /** What the member answers WeChat's subscribe prompt, per template id (default 'reject'). */
  subscribeAnswers: Record<string, 'accept' | 'reject' | 'ban' | 'filter'>;
  /** wx.showToast titles, in order. */
  toasts: string[];
  /**
   * WeChat's privacy flow: whether the user still has to agree to the mini-program's privacy guide
   * (wx.getPrivacySetting's needAuthorization; false once agreed), and each wx.requirePrivacyAuthorize
   * call that had to ask, in order. WeChat asks through the app's wx.onNeedPrivacyAuthorization
   * listener, which the app answers from its prompt's button.
   */
  privacy: { needAuthorization: boolean; asked: number };
  /** Loads the page (like a navigation to it), runs onLoad and onShow, and attaches it. */
  open(pagePath: string, query?: Record<string, string>): Promise<SimulatedPage>;
  /** Resolves when `predicate` holds for the page, or rejects with the page's text after `timeoutMs`. */
  waitFor(page: SimulatedPage, predicate: (page: SimulatedPage) => boolean, timeoutMs?: number): Promise<void>;
}

/** The parts of j-component's rendered component (miniprogram-simulate's `render`) used here. */
interface RenderedNode {
  readonly dom: HTMLElement;
  readonly instance: Record<string, any>;
  querySelector(selector: string): RenderedNode | undefined;
  dispatchEvent(eventName: string, options?: Record<string, unknown>): void;
  toJSON(): { attrs?: Array<{ name: string; value: unknown }> };
}
interface RenderedRoot extends RenderedNode {
  attach(parent: Node): void;
  detach(): void;
}
interface SimulateModule {
  load(componentPath: string, options?: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): RenderedRoot;
  sleep(ms: number): Promise<void>;
}

type WxCallbacks = { success?: (res: unknown) => void; fail?: (res: unknown) => void; complete?: (res: unknown) => void };

function settle(options: WxCallbacks | undefined, ok: boolean, res: Record<string, unknown>): void {
  // WeChat calls back asynchronously, success/fail before complete.
  setTimeout(() => {
    if (ok) options?.success?.(res);
    else options?.fail?.(res);
    options?.complete?.(res);
  }, 0);
}

function withPromise<T extends WxCallbacks>(options: T | undefined, run: (options: T) => void): Promise<unknown> | undefined {
  if (options && (options.success || options.fail || options.complete)) {
    run(options);
    return undefined;
  }
  return new Promise((resolvePromise, reject) => run({ ...(options ?? ({} as T)), success: resolvePromise, fail: reject }));
}

/** WeChat keeps storage as JSON-like copies; JSON here also keeps the copy in this realm. */
function copyOf<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function headersToRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

/**
 * Boots the built app — once per test file (its globals and module cache are the file's): installs
 * the shims, then requires app.js (which pulls in the runtime, taro, vendors and common chunks and
 * calls App()) and launches it.
 */
export async function bootMiniProgram(options: { apiUrl: string; launchPath?: string; storage?: Record<string, unknown> }): Promise<MiniProgram> {
  if (!existsSync(join(WEAPP_DIST, 'app.js'))) {
    throw new Error(`No WeChat build in ${WEAPP_DIST}: run \`npm run build:weapp\` (npm run test:weapp does).`);
  }
  const g = globalThis as unknown as Record<string, any>;
  if (g.__tongkaMiniProgramBooted) throw new Error('bootMiniProgram() runs once per test file: the app, like WeChat, launches once.');
  g.__tongkaMiniProgramBooted = true;
  // miniprogram-simulate installs `wx`, `Component` and `Behavior` on the global when required.
  // Its typings import miniprogram-api-typings, whose global `wx`/`Page`/`App` declarations would
  // leak into the whole program (miniapp/src included): it is required untyped on purpose.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as SimulateModule;
  const wx = g.wx as Record<string, any>;

  const storage = new Map<string, unknown>(Object.entries(options.storage ?? {}));
  const requests: RecordedRequest[] = [];
  const navigations: Array<{ api: string; url: string }> = [];
  const api = new URL(options.apiUrl);

  // --- wx storage: WeChat stores a copy of what was set (objects too) and gives '' for a missing key.
  Object.assign(wx, {
    setStorageSync: (key: string, data: unknown) => void storage.set(key, copyOf(data)),
    getStorageSync: (key: string) => (storage.has(key) ? copyOf(storage.get(key)) : ''),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    setStorage: (o: WxCallbacks & { key: string; data: unknown }) =>
      withPromise(o, (opts) => {
        storage.set(opts.key, copyOf(opts.data));
        settle(opts, true, { errMsg: 'setStorage:ok' });
      }),
    getStorage: (o: WxCallbacks & { key: string }) =>
      withPromise(o, (opts) => {
        const found = storage.has(opts.key);
        settle(opts, found, found ? { errMsg: 'getStorage:ok', data: copyOf(storage.get(opts.key)) } : { errMsg: 'getStorage:fail data not found' });
      }),
    removeStorage: (o: WxCallbacks & { key: string }) =>
      withPromise(o, (opts) => {
        storage.delete(opts.key);
        settle(opts, true, { errMsg: 'removeStorage:ok' });
      }),
    clearStorage: (o?: WxCallbacks) =>
      withPromise(o, (opts) => {
        storage.clear();
        settle(opts, true, { errMsg: 'clearStorage:ok' });
      }),
  });

  // --- wx.request over real HTTP to the test's API (WeChat's result shape and errMsg).
  wx.request = (o: WxCallbacks & { url: string; method?: string; header?: Record<string, string>; data?: unknown; dataType?: string; timeout?: number }) => {
    const target = new URL(o.url);
    target.protocol = api.protocol;
    target.host = api.host;
    const method = (o.method ?? 'GET').toUpperCase();
    const header = { ...(o.header ?? {}) };
    const controller = new AbortController();
    let body: string | undefined;
    if (o.data && typeof o.data === 'object' && method === 'GET') {
      // WeChat turns a GET's data into query parameters.
      for (const [key, value] of Object.entries(o.data as Record<string, unknown>)) target.searchParams.append(key, String(value));
    } else if (o.data !== undefined && method !== 'GET') {
      body = typeof o.data === 'string' ? o.data : JSON.stringify(o.data);
      if (!Object.keys(header).some((k) => k.toLowerCase() === 'content-type')) header['Content-Type'] = 'application/json';
    }
    const record: RecordedRequest = { url: o.url, sentTo: target.toString(), method, header };
    requests.push(record);
    const timer = setTimeout(() => controller.abort(), o.timeout ?? 60_000);
    fetch(target, { method, headers: header, body, signal: controller.signal })
      .then(async (res) => {
        const text = await res.text();
        let data: unknown = text;
        if ((o.dataType ?? 'json') === 'json') {
          try {
            data = JSON.parse(text);
          } catch {
            // WeChat hands over the raw string when the body is not JSON.
          }
        }
        record.statusCode = res.status;
        settle(o, true, { errMsg: 'request:ok', statusCode: res.status, header: headersToRecord(res.headers), data, cookies: [] });
      })
      .catch((error: unknown) => {
        const aborted = controller.signal.aborted;
        settle(o, false, { errMsg: `request:fail ${aborted ? 'timeout' : String((error as Error)?.message ?? error)}` });
      })
      .finally(() => clearTimeout(timer));
    return {
      abort: () => controller.abort(),
      onHeadersReceived: () => undefined,
      offHeadersReceived: () => undefined,
      onChunkReceived: () => undefined,
      offChunkReceived: () => undefined,
    };
  };

  // --- Navigation is recorded, not performed: the tests look at one page at a time.
  for (const name of ['reLaunch', 'navigateTo', 'redirectTo', 'switchTab']) {
    wx[name] = (o: WxCallbacks & { url: string }) =>
      withPromise(o, (opts) => {
        navigations.push({ api: name, url: opts.url });
        settle(opts, true, { errMsg: `${name}:ok` });
      });
  }

  // --- WeChat's subscribe prompt answers as the test says; its result shape is WeChat's.
  const subscribePrompts: string[][] = [];
  const subscribeAnswers: MiniProgram['subscribeAnswers'] = {};
  wx.requestSubscribeMessage = (o: WxCallbacks & { tmplIds: string[] }) =>
    withPromise(o, (opts) => {
      subscribePrompts.push([...opts.tmplIds]);
      const answers = Object.fromEntries(opts.tmplIds.map((id) => [id, subscribeAnswers[id] ?? 'reject']));
      settle(opts, true, { errMsg: 'requestSubscribeMessage:ok', ...answers });
    });
  const toasts: string[] = [];
  wx.showToast = (o: WxCallbacks & { title: string }) =>
    withPromise(o, (opts) => {
      toasts.push(opts.title);
      settle(opts, true, { errMsg: 'showToast:ok' });
    });

  // --- WeChat's privacy flow: asked through the app's listener, settled by the app's answer.
  const privacy: MiniProgram['privacy'] = { needAuthorization: false, asked: 0 };
  let needPrivacyAuthorization: ((resolve: (answer: { event: string; buttonId?: string }) => void) => void) | undefined;
  Object.assign(wx, {
    onNeedPrivacyAuthorization: (listener: typeof needPrivacyAuthorization) => void (needPrivacyAuthorization = listener),
    getPrivacySetting: (o: WxCallbacks) =>
      withPromise(o, (opts) =>
        settle(opts, true, { errMsg: 'getPrivacySetting:ok', needAuthorization: privacy.needAuthorization, privacyContractName: '《通卡小程序隐私保护指引》' }),
      ),
    requirePrivacyAuthorize: (o: WxCallbacks) =>
      withPromise(o, (opts) => {
        if (!privacy.needAuthorization) return settle(opts, true, { errMsg: 'requirePrivacyAuthorize:ok' });
        privacy.asked += 1;
        if (!needPrivacyAuthorization) return settle(opts, false, { errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' });
        needPrivacyAuthorization((answer) => {
          if (answer.event === 'agree') privacy.needAuthorization = false;
          settle(opts, answer.event === 'agree', { errMsg: `requirePrivacyAuthorize:${answer.event === 'agree' ? 'ok' : 'fail privacy permission is not authorized'}` });
        });
      }),
    openPrivacyContract: (o?: WxCallbacks) => withPromise(o, (opts) => settle(opts, true, { errMsg: 'openPrivacyContract:ok' })),
  });

  // --- App, getApp, getCurrentPages, Page.
  const pageStack: Array<Record<string, any>> = [];
  let app: Record<string, any> | undefined;
  g.App = (appOptions: Record<string, any>) => {
    app = appOptions;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => [...pageStack];
  g.requirePlugin = () => ({});
  g.Page = (pageOptions: Record<string, any>) => {
    // A page is a component whose functions are methods; data and behaviors carry over.
    const methods: Record<string, unknown> = {};
    const rest: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(pageOptions)) {
      if (typeof value === 'function') methods[key] = value;
      else rest[key] = value;
    }
    return g.Component({ ...rest, methods });
  };

  const launch = { path: options.launchPath ?? 'pages/card/index', query: {}, scene: 1001, referrerInfo: {} };
  // app.js is a plain script (WeChat evaluates it first); it requires the runtime, taro, vendors
  // and common chunks itself and calls App().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(WEAPP_DIST, 'app.js'));
  if (!app) throw new Error('app.js did not call App()');
  app.onLaunch?.call(app, launch);
  app.onShow?.call(app, launch);

  const text = (dom: HTMLElement) => (dom.textContent ?? '').replace(/\s+/g, ' ').trim();

  // As in WeChat, a page's code runs once (its module stays cached); every visit is a new instance.
  const pageIds = new Map<string, string>();

  async function open(pagePath: string, query: Record<string, string> = {}): Promise<SimulatedPage> {
    const route = pagePath.replace(/^\//, '');
    let id = pageIds.get(route);
    if (!id) {
      id = simulate.load(join(WEAPP_DIST, route), {
        rootPath: WEAPP_DIST,
        compiler: 'official',
        compilerOptions: { maxBuffer: 64 * 1024 * 1024 },
      });
      pageIds.set(route, id);
    }
    const component = simulate.render(id);
    const parent = document.createElement('parent-wrapper');
    document.body.appendChild(parent);
    component.attach(parent);
    const instance = component.instance;
    // What WeChat sets on a page instance before onLoad.
    instance.route = route;
    instance.__route__ = route;
    pageStack.push(instance);
    instance.onLoad(query);
    instance.onShow();
    instance.onReady?.();
    const page: SimulatedPage = {
      dom: component.dom,
      instance,
      text: () => text(component.dom),
      find(selector: string) {
        const found = component.querySelector(selector);
        if (!found) return null;
        return { text: text(found.dom), attrs: Object.fromEntries((found.toJSON().attrs ?? []).map((a) => [a.name, a.value])) };
      },
      async tap(selector: string) {
        // j-component's tap: a DOM event plus the exparser event that WXML's bindtap listens to.
        const target = component.querySelector(selector);
        if (!target) throw new Error(`Nothing matches ${selector} on ${route}; the page shows: ${text(component.dom)}`);
        target.dispatchEvent('tap');
        await simulate.sleep(10);
      },
      async trigger(selector: string, event: string, detail: Record<string, unknown> = {}) {
        const target = component.querySelector(selector);
        if (!target) throw new Error(`Nothing matches ${selector} on ${route}; the page shows: ${text(component.dom)}`);
        target.dispatchEvent(event, { detail });
        await simulate.sleep(10);
      },
      close() {
        instance.onHide?.();
        instance.onUnload?.();
        const index = pageStack.indexOf(instance);
        if (index >= 0) pageStack.splice(index, 1);
        component.detach();
        parent.remove();
      },
    };
    return page;
  }

  async function waitFor(page: SimulatedPage, predicate: (page: SimulatedPage) => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(page)) {
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms; the page shows: ${page.text()}`);
      await simulate.sleep(20);
    }
  }

  return { storage, requests, navigations, subscribePrompts, subscribeAnswers, toasts, privacy, open, waitFor };
}
