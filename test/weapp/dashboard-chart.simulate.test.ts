/**
 * @jest-environment ./test/weapp/support/simulate-environment.ts
 */
/**
 * 数据看板's trend chart as the WeChat build runs it (miniapp/src/components/TrendChart.tsx: AntV F2
 * on a `type="2d"` canvas): the built admin/dashboard page rendered by miniprogram-simulate, its
 * figures from the real API. miniprogram-simulate has no canvas nodes, so WeChat's part is played
 * here: `wx.createSelectorQuery` answers the page's canvas (by its id) with a node whose 2D context
 * records what is drawn on it — the path F2 takes in WeChat, from the node query to the painted lines.
 */
import { api, seed, startTestStack, type TestStack } from '../support/stack';
import { bootMiniProgram, type MiniProgram, type SimulatedPage } from './support/mini-program';

const SESSION_KEY = 'tongka.session';

/** A 2D context that records each call (name and first argument) and answers what F2 reads back. */
function recordingContext(calls: Array<[string, unknown]>): CanvasRenderingContext2D {
  const state: Record<string | symbol, unknown> = { canvas: { width: 0, height: 0 } };
  return new Proxy(state, {
    get(target, key) {
      if (key in target) return target[key];
      if (key === 'measureText') return (text: string) => ({ width: String(text).length * 6 });
      if (key === 'getLineDash') return () => [];
      // F2 measures a font's height from the pixels of a sample drawn off screen: a blank bitmap.
      if (key === 'getImageData') return (_x: number, _y: number, w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(Math.max(1, w * h * 4)) });
      if (key === 'createLinearGradient' || key === 'createRadialGradient' || key === 'createPattern') return () => ({ addColorStop: () => undefined });
      if (typeof key === 'symbol') return undefined;
      return (first?: unknown) => void calls.push([key, first]);
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

let stack: TestStack;
let mp: MiniProgram;
let session: { token: string; expiresAt: string; staff: unknown };
let page: SimulatedPage | undefined;
/** The selectors the app asked wx.createSelectorQuery for, with the fields it wanted. */
const queried: Array<{ selector: string; fields: Record<string, unknown> }> = [];
const drawCalls: Array<[string, unknown]> = [];
const canvasNode = {
  width: 0,
  height: 0,
  getContext: () => recordingContext(drawCalls),
  requestAnimationFrame: (cb: () => void) => setTimeout(cb, 16),
  cancelAnimationFrame: clearTimeout,
};

beforeAll(async () => {
  stack = await startTestStack();
  await seed(stack);
  const login = await api(stack).post('/v1/auth/wechat', { body: { code: 'dev-demo-manager-jingan' } });
  expect(login.status).toBe(200);
  session = { token: login.body.token, expiresAt: login.body.expiresAt, staff: login.body.staff };
  mp = await bootMiniProgram({ apiUrl: stack.api.url });
  // WeChat's canvas node, laid out 300 × 180 CSS px, for any selector the app queries.
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wx.createSelectorQuery = () => {
    let selector = '';
    let fields: Record<string, unknown> = {};
    const query = {
      in: () => query,
      select: (s: string) => ((selector = s), query),
      fields: (f: Record<string, unknown>) => ((fields = f), query),
      exec: (cb: (res: unknown[]) => void) => {
        queried.push({ selector, fields });
        setTimeout(() => cb([{ node: canvasNode, width: 300, height: 180 }]), 0);
      },
    };
    return query;
  };
  wx.createOffscreenCanvas = () => ({ width: 10, height: 10, getContext: () => recordingContext([]) });
  wx.getWindowInfo = () => ({ pixelRatio: 2, windowWidth: 375, windowHeight: 812 });
});
afterAll(() => stack?.stop());
afterEach(() => {
  page?.close();
  page = undefined;
});

describe('the dashboard chart of the WeChat build', () => {
  it('queries the type="2d" canvas node by its id, sizes it for the pixel ratio and draws the trend with F2', async () => {
    mp.storage.set(SESSION_KEY, session);
    page = await mp.open('admin/dashboard/index');
    await mp.waitFor(page, () => page!.text().includes('各项指标'));
    // F2 strokes the axes and the line once the figures have arrived and the node answered.
    await mp.waitFor(page, () => drawCalls.some(([name]) => name === 'stroke'), 30_000);

    // The canvas rendered by WXML, asked for as WeChat's 2D canvas wants: by id, node and size.
    const canvas = page.find('.tk-trend-canvas');
    expect(canvas?.attrs.type).toBe('2d');
    const ask = queried.find((q) => q.selector === `#${String(canvas?.attrs.id)}`);
    expect(ask?.fields).toMatchObject({ node: true, size: true });
    // Sized in device pixels (300 × 180 CSS px at a pixel ratio of 2).
    expect([canvasNode.width, canvasNode.height]).toEqual([600, 360]);
    // Drawn: the line and the axes (paths stroked), the day labels written.
    const names = drawCalls.map(([name]) => name);
    expect(names.filter((n) => n === 'lineTo').length).toBeGreaterThan(5);
    expect(names).toContain('stroke');
    expect(drawCalls.filter(([name]) => name === 'fillText').length).toBeGreaterThan(3);
  });
});
