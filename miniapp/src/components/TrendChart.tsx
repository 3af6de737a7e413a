import { Canvas as TaroCanvas, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Axis, Canvas, Chart, Legend, Line, jsx, type CanvasProps } from '@antv/f2';
import { useEffect, useMemo, useRef, useState } from 'react';
import { CHART_TOKENS, SERIES_COLORS } from './chart-colors';
import './trend-chart.scss';

/** One point: the day on the x axis, the value, and which line it belongs to. */
export interface TrendPoint {
  day: string;
  value: number;
  series: string;
}

const isH5 = process.env.TARO_ENV === 'h5';
let nextId = 0;

/**
 * F2's own JSX factory, called as a function (the app's JSX is React's). Its typings want each
 * component's required props at the type level, which a plain call cannot carry: checked here by
 * F2 at run time instead.
 */
const f2 = jsx as unknown as (type: unknown, props: object | null, ...children: unknown[]) => ReturnType<typeof jsx>;

/** F2's sizes are written on the 750 px design, like our stylesheets: half of one is a CSS px. */
const px2hd = (value: number) => value / 2;

/** Counts: whole-number ticks from 0, four steps up to at least the largest value. */
function countScale(data: TrendPoint[]) {
  const step = Math.max(1, Math.ceil(Math.max(0, ...data.map((d) => d.value)) / 4));
  return { min: 0, max: step * 4, tickInterval: step };
}

/** Days: every label for a week, five spread over a month (thirty would overlap at 320 px). */
function dayScale(data: TrendPoint[]) {
  const days = new Set(data.map((d) => d.day)).size;
  return { type: 'cat', tickCount: days <= 7 ? days : 5 };
}

/** The canvas to draw on, its CSS size and the screen's pixel ratio. */
interface Surface {
  context: CanvasRenderingContext2D;
  width: number;
  height: number;
  pixelRatio: number;
  requestAnimationFrame?: (cb: () => void) => number;
  cancelAnimationFrame?: (id: number) => void;
  /** weapp: where F2 measures text (it would otherwise reach for the browser's OffscreenCanvas or document.createElement). */
  offscreenCanvas?: CanvasProps['offscreenCanvas'];
}

/** weapp: the `type="2d"` canvas node, once WeChat has laid it out (asked again a few times until then). */
async function weappSurface(id: string): Promise<Surface | null> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const found = await new Promise<{ node?: WechatCanvas; width: number; height: number } | null>((resolve) => {
      try {
        Taro.createSelectorQuery()
          .select(`#${id}`)
          .fields({ node: true, size: true })
          .exec((res: Array<{ node?: WechatCanvas; width: number; height: number } | null>) => resolve(res?.[0] ?? null));
      } catch {
        // A host without canvas nodes (an old base library, a simulator): no chart, the table stays.
        resolve(null);
      }
    });
    if (found?.node && found.width > 0) {
      const pixelRatio = Taro.getWindowInfo?.().pixelRatio ?? Taro.getSystemInfoSync().pixelRatio;
      const node = found.node;
      node.width = Math.round(found.width * pixelRatio);
      node.height = Math.round(found.height * pixelRatio);
      return {
        context: node.getContext('2d'),
        width: found.width,
        height: found.height,
        pixelRatio,
        requestAnimationFrame: (cb) => node.requestAnimationFrame(cb),
        cancelAnimationFrame: (handle) => node.cancelAnimationFrame(handle),
        offscreenCanvas: Taro.createOffscreenCanvas({ type: '2d', width: 10, height: 10 }) as unknown as CanvasProps['offscreenCanvas'],
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

interface WechatCanvas {
  width: number;
  height: number;
  getContext: (type: '2d') => CanvasRenderingContext2D;
  requestAnimationFrame: (cb: () => void) => number;
  cancelAnimationFrame: (id: number) => void;
}

/** H5: the page's own <canvas>, sized to its box at the screen's density. */
function h5Surface(canvas: HTMLCanvasElement | null): Surface | null {
  if (!canvas) return null;
  const { width, height } = canvas.getBoundingClientRect();
  if (width === 0 || height === 0) return null;
  const pixelRatio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * pixelRatio);
  canvas.height = Math.round(height * pixelRatio);
  return { context: canvas.getContext('2d')!, width, height, pixelRatio };
}

/**
 * A line chart of a trend, one line per series, drawn with AntV F2 on a canvas: WeChat's 2D canvas in
 * the mini-program, a plain <canvas> on H5. `label` names it for screen readers; the same numbers are
 * always in a table beside it. Redrawn whenever the points change.
 */
export function TrendChart({ data, label, className = '' }: { data: TrendPoint[]; label: string; className?: string }) {
  const [id] = useState(() => `tk-trend-${++nextId}`);
  const h5Canvas = useRef<HTMLCanvasElement | null>(null);
  const [drawn, setDrawn] = useState(false);
  const series = useMemo(() => [...new Set(data.map((d) => d.series))], [data]);

  useEffect(() => {
    let chart: Canvas | null = null;
    let gone = false;
    setDrawn(false);
    void (async () => {
      // weapp: let the canvas reach the view first.
      if (!isH5) await new Promise<void>((resolve) => Taro.nextTick(resolve));
      const surface = isH5 ? h5Surface(h5Canvas.current) : await weappSurface(id);
      if (!surface || gone) return;
      const many = series.length > 1;
      const tick = { fill: CHART_TOKENS.muted, fontSize: '20px' };
      try {
        chart = new Canvas({
          ...surface,
          px2hd,
          animate: false,
          children: f2(
            Chart,
            { data, scale: { value: countScale(data), day: dayScale(data) } },
            f2(Axis, { field: 'day', style: { label: tick, line: { stroke: CHART_TOKENS.line } } }),
            f2(Axis, { field: 'value', style: { label: tick, grid: { stroke: CHART_TOKENS.line, lineDash: null } } }),
            f2(Line, { x: 'day', y: 'value', color: many ? { field: 'series', range: SERIES_COLORS } : SERIES_COLORS[0], style: { lineWidth: '4px' } }),
            many ? f2(Legend, { position: 'top', style: { justifyContent: 'flex-start' }, nameStyle: { fill: CHART_TOKENS.text, fontSize: '22px' } }) : null,
          ),
        });
        await chart.render();
      } catch {
        return; // The figures are in the table beside it; a chart that cannot draw says nothing.
      }
      // F2 paints on the next frame: say so after it (the e2e waits for this, then reads pixels).
      const frame = surface.requestAnimationFrame ?? ((cb: () => void) => requestAnimationFrame(cb));
      await new Promise<void>((resolve) => frame(() => frame(() => resolve())));
      if (!gone) setDrawn(true);
    })();
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [data, series, id]);

  if (data.length === 0) {
    return (
      <View className={`tk-trend tk-trend-empty ${className}`}>
        <Text className="tk-muted">暂无趋势数据</Text>
      </View>
    );
  }
  return (
    <View className={`tk-trend ${className}`} data-drawn={drawn ? 'yes' : 'no'}>
      {isH5 ? <canvas ref={h5Canvas} className="tk-trend-canvas" role="img" aria-label={label} /> : <TaroCanvas type="2d" id={id} className="tk-trend-canvas" />}
    </View>
  );
}
