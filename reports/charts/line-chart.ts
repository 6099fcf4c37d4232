/**
 * A small line-chart renderer that returns one self-contained `<svg>` string:
 * axes with nice ticks, horizontal grid lines, a legend, gaps where a series
 * has no data, and per-point tooltips through SVG `<title>` (no scripts).
 * The x axis is elapsed time in seconds unless `xAxis` says otherwise.
 * Optional overlays: shaded bands (fault windows) and dashed vertical
 * markers (stage boundaries). Long series are min/max downsampled.
 */
import { downsample } from './downsample.ts';
import { formatElapsed, linearScale, niceTicks, timeTicks } from './scale.ts';
import { escapeXml, px } from './svg.ts';

export interface ChartSeries {
  name: string;
  color: string;
  dashed?: boolean;
  /** Stroke opacity; faint lines (single trials behind their median) use ~0.3 and get no tooltips. */
  opacity?: number;
  /** Leave the series out of the legend. */
  hideInLegend?: boolean;
  /** `[seconds, value]`; a `null` value is a gap in the line. */
  points: ReadonlyArray<readonly [number, number | null]>;
}

/** A shaded span of the x axis, e.g. a fault window. */
export interface ChartBand {
  from: number;
  to: number;
  label: string;
  /** Tooltip text. */
  title: string;
}

/** A dashed vertical line, e.g. a stage boundary. */
export interface ChartMarker {
  at: number;
  label: string;
}

/** A custom x axis (default: elapsed seconds with time ticks). */
export interface XAxis {
  ticks: readonly number[];
  format: (value: number) => string;
}

export interface LineChartOptions {
  /** Accessible title (the visible caption is the page's business). */
  title: string;
  /** Unit shown on the y axis: `req/s`, `ms`, `%`, `VUs`. */
  unit: string;
  series: readonly ChartSeries[];
  formatY?: (value: number) => string;
  bands?: readonly ChartBand[];
  markers?: readonly ChartMarker[];
  xAxis?: XAxis;
  /**
   * A custom y axis: its ticks (the first and last bound the plot) and their
   * labels — e.g. decades of log₁₀(ms) for latency that spans 1 ms to 10 s.
   * Tooltips print values with `formatY`. Default: nice ticks from 0.
   */
  yAxis?: { ticks: readonly number[]; format: (value: number) => string };
  /** Most points drawn per series before min/max downsampling (default 600). */
  maxPoints?: number;
  width?: number;
  height?: number;
}

const MARGIN = { left: 58, right: 14, top: 12, bottom: 30 };
const LEGEND_ROW = 18;
const MAX_MARKERS = 240;
const CHAR_W = 6.4;

export function renderLineChart(opts: LineChartOptions): string {
  const width = opts.width ?? 640;
  const fmtY = opts.formatY ?? defaultFormat;
  const legend = layoutLegend(
    opts.series.filter((s) => !s.hideInLegend),
    width - MARGIN.left - MARGIN.right,
  );
  const maxPoints = opts.maxPoints ?? 600;
  const series = opts.series.map((s) => ({ ...s, points: downsample(s.points, maxPoints) }));
  const legendH = legend.rows * LEGEND_ROW;
  const height = (opts.height ?? 260) + legendH;
  const plotTop = MARGIN.top + legendH;
  const plotBottom = height - MARGIN.bottom;
  const plotLeft = MARGIN.left;
  const plotRight = width - MARGIN.right;

  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of series) {
    for (const [x, y] of s.points) {
      xs.push(x);
      if (y !== null && Number.isFinite(y)) ys.push(y);
    }
  }
  const out: string[] = [];
  out.push(
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" font-size="11">`,
    `<title>${escapeXml(opts.title)}</title>`,
  );
  out.push(...legend.items);

  if (ys.length === 0) {
    out.push(
      `<rect x="${plotLeft}" y="${plotTop}" width="${plotRight - plotLeft}" height="${plotBottom - plotTop}" class="plot-bg"/>`,
      `<text x="${(plotLeft + plotRight) / 2}" y="${(plotTop + plotBottom) / 2}" text-anchor="middle" class="no-data">no data</text>`,
      '</svg>',
    );
    return out.join('');
  }

  const formatX = opts.xAxis?.format ?? formatElapsed;
  const xTicks = opts.xAxis?.ticks ?? timeTicks(Math.max(...xs, ...(opts.bands ?? []).map((b) => b.to), 1));
  const x = linearScale([0, xTicks.at(-1)!], [plotLeft, plotRight], xTicks);
  // 5 % headroom so a flat line at the maximum does not sit on the frame
  const yTicks = opts.yAxis?.ticks ?? niceTicks(0, Math.max(...ys) * 1.05);
  const y = linearScale([yTicks[0]!, yTicks.at(-1)!], [plotBottom, plotTop], yTicks);
  const fmtTick = opts.yAxis?.format ?? fmtY;

  // grid and axes
  for (const t of yTicks) {
    const py = px(y(t));
    out.push(
      `<line x1="${plotLeft}" x2="${plotRight}" y1="${py}" y2="${py}" class="grid"/>`,
      `<text x="${plotLeft - 6}" y="${py}" dy="0.32em" text-anchor="end" class="tick">${escapeXml(fmtTick(t))}</text>`,
    );
  }
  for (const t of xTicks) {
    const pxx = px(x(t));
    out.push(
      `<line x1="${pxx}" x2="${pxx}" y1="${plotBottom}" y2="${plotBottom + 4}" class="axis"/>`,
      `<text x="${pxx}" y="${plotBottom + 16}" text-anchor="${opts.xAxis && t === xTicks.at(-1) ? 'end' : 'middle'}" class="tick">${escapeXml(formatX(t))}</text>`,
    );
  }
  out.push(
    `<line x1="${plotLeft}" x2="${plotRight}" y1="${plotBottom}" y2="${plotBottom}" class="axis"/>`,
    `<line x1="${plotLeft}" x2="${plotLeft}" y1="${plotTop}" y2="${plotBottom}" class="axis"/>`,
    `<text transform="translate(12 ${px((plotTop + plotBottom) / 2)}) rotate(-90)" text-anchor="middle" class="unit">${escapeXml(opts.unit)}</text>`,
  );

  const xMax = xTicks.at(-1)!;
  const clampX = (v: number) => px(x(Math.min(Math.max(v, 0), xMax)));
  for (const b of opts.bands ?? []) {
    const x0 = clampX(b.from);
    const x1 = clampX(b.to);
    out.push(
      `<g class="band"><rect x="${x0}" y="${plotTop}" width="${px(Math.max(1, Number(x1) - Number(x0)))}" height="${plotBottom - plotTop}"><title>${escapeXml(b.title)}</title></rect>`,
      `<text x="${px(Number(x0) + 3)}" y="${plotTop + 11}">${escapeXml(b.label)}</text></g>`,
    );
  }
  for (const m of opts.markers ?? []) {
    if (m.at <= 0 || m.at > xMax) continue;
    const mx = clampX(m.at);
    out.push(
      `<g class="stage"><line x1="${mx}" x2="${mx}" y1="${plotTop}" y2="${plotBottom}" stroke-dasharray="4 4"/>`,
      `<text x="${mx}" y="${plotBottom - 4}" text-anchor="end" dx="-3">${escapeXml(m.label)}</text></g>`,
    );
  }

  // lines, then invisible-until-hover markers carrying the tooltips
  for (const s of series) {
    const d = pathData(s.points, x, y);
    if (d === '') continue;
    const dash = s.dashed ? ' stroke-dasharray="5 3"' : '';
    const faint = s.opacity !== undefined ? ` stroke-opacity="${s.opacity}"` : '';
    const width = s.opacity !== undefined && s.opacity < 1 ? '1.2' : '1.8';
    out.push(
      `<path d="${d}" fill="none" stroke="${escapeXml(s.color)}" stroke-width="${width}" stroke-linejoin="round"${dash}${faint}><title>${escapeXml(s.name)}</title></path>`,
    );
  }
  for (const s of series) {
    if (s.opacity !== undefined && s.opacity < 1) continue;
    const defined = s.points.filter((p): p is readonly [number, number] => p[1] !== null);
    const stride = Math.max(1, Math.ceil(defined.length / MAX_MARKERS));
    out.push(`<g class="markers" fill="${escapeXml(s.color)}">`);
    for (let i = 0; i < defined.length; i += stride) {
      const [px0, py0] = defined[i]!;
      out.push(
        `<circle cx="${px(x(px0))}" cy="${px(y(py0))}" r="3.5"><title>${escapeXml(`${s.name} · ${formatX(px0)} · ${fmtY(py0)} ${opts.unit}`)}</title></circle>`,
      );
    }
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('');
}

function pathData(points: ChartSeries['points'], x: (v: number) => number, y: (v: number) => number): string {
  const parts: string[] = [];
  let pen = false;
  for (const [px0, py0] of points) {
    if (py0 === null || !Number.isFinite(py0)) {
      pen = false;
      continue;
    }
    parts.push(`${pen ? 'L' : 'M'}${px(x(px0))} ${px(y(py0))}`);
    pen = true;
  }
  return parts.join('');
}

function layoutLegend(series: readonly ChartSeries[], maxWidth: number): { rows: number; items: string[] } {
  const items: string[] = [];
  let cx = 0;
  let row = 0;
  for (const s of series) {
    const w = 26 + s.name.length * CHAR_W + 14;
    if (cx > 0 && cx + w > maxWidth) {
      row += 1;
      cx = 0;
    }
    const lx = MARGIN.left + cx;
    const ly = MARGIN.top + row * LEGEND_ROW + 6;
    const dash = s.dashed ? ' stroke-dasharray="5 3"' : '';
    items.push(
      `<g class="legend"><line x1="${px(lx)}" x2="${px(lx + 20)}" y1="${ly}" y2="${ly}" stroke="${escapeXml(s.color)}" stroke-width="2.5"${dash}/>`,
      `<text x="${px(lx + 26)}" y="${ly}" dy="0.32em">${escapeXml(s.name)}</text></g>`,
    );
    cx += w;
  }
  return { rows: series.length === 0 ? 0 : row + 1, items };
}

function defaultFormat(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) >= 10_000) return `${Math.round(v / 1000)}k`;
  if (Math.abs(v) >= 1000) return `${(v / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3)));
}
