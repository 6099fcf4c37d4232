/**
 * A small line-chart renderer that returns one self-contained `<svg>` string:
 * axes with nice ticks, horizontal grid lines, a legend, gaps where a series
 * has no data, and per-point tooltips through SVG `<title>` (no scripts).
 * The x axis is elapsed time in seconds.
 */
import { formatElapsed, linearScale, niceTicks, timeTicks } from './scale.ts';
import { escapeXml, px } from './svg.ts';

export interface ChartSeries {
  name: string;
  color: string;
  dashed?: boolean;
  /** `[seconds, value]`; a `null` value is a gap in the line. */
  points: ReadonlyArray<readonly [number, number | null]>;
}

export interface LineChartOptions {
  /** Accessible title (the visible caption is the page's business). */
  title: string;
  /** Unit shown on the y axis: `req/s`, `ms`, `%`, `VUs`. */
  unit: string;
  series: readonly ChartSeries[];
  formatY?: (value: number) => string;
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
  const legend = layoutLegend(opts.series, width - MARGIN.left - MARGIN.right);
  const legendH = legend.rows * LEGEND_ROW;
  const height = (opts.height ?? 260) + legendH;
  const plotTop = MARGIN.top + legendH;
  const plotBottom = height - MARGIN.bottom;
  const plotLeft = MARGIN.left;
  const plotRight = width - MARGIN.right;

  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of opts.series) {
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

  const xTicks = timeTicks(Math.max(...xs, 1));
  const x = linearScale([0, xTicks.at(-1)!], [plotLeft, plotRight], xTicks);
  // 5 % headroom so a flat line at the maximum does not sit on the frame
  const yTicks = niceTicks(0, Math.max(...ys) * 1.05);
  const y = linearScale([yTicks[0]!, yTicks.at(-1)!], [plotBottom, plotTop], yTicks);

  // grid and axes
  for (const t of yTicks) {
    const py = px(y(t));
    out.push(
      `<line x1="${plotLeft}" x2="${plotRight}" y1="${py}" y2="${py}" class="grid"/>`,
      `<text x="${plotLeft - 6}" y="${py}" dy="0.32em" text-anchor="end" class="tick">${escapeXml(fmtY(t))}</text>`,
    );
  }
  for (const t of xTicks) {
    const pxx = px(x(t));
    out.push(
      `<line x1="${pxx}" x2="${pxx}" y1="${plotBottom}" y2="${plotBottom + 4}" class="axis"/>`,
      `<text x="${pxx}" y="${plotBottom + 16}" text-anchor="middle" class="tick">${formatElapsed(t)}</text>`,
    );
  }
  out.push(
    `<line x1="${plotLeft}" x2="${plotRight}" y1="${plotBottom}" y2="${plotBottom}" class="axis"/>`,
    `<line x1="${plotLeft}" x2="${plotLeft}" y1="${plotTop}" y2="${plotBottom}" class="axis"/>`,
    `<text transform="translate(12 ${px((plotTop + plotBottom) / 2)}) rotate(-90)" text-anchor="middle" class="unit">${escapeXml(opts.unit)}</text>`,
  );

  // lines, then invisible-until-hover markers carrying the tooltips
  for (const s of opts.series) {
    const d = pathData(s.points, x, y);
    if (d === '') continue;
    const dash = s.dashed ? ' stroke-dasharray="5 3"' : '';
    out.push(
      `<path d="${d}" fill="none" stroke="${escapeXml(s.color)}" stroke-width="1.8" stroke-linejoin="round"${dash}><title>${escapeXml(s.name)}</title></path>`,
    );
  }
  for (const s of opts.series) {
    const defined = s.points.filter((p): p is readonly [number, number] => p[1] !== null);
    const stride = Math.max(1, Math.ceil(defined.length / MAX_MARKERS));
    out.push(`<g class="markers" fill="${escapeXml(s.color)}">`);
    for (let i = 0; i < defined.length; i += stride) {
      const [px0, py0] = defined[i]!;
      out.push(
        `<circle cx="${px(x(px0))}" cy="${px(y(py0))}" r="3.5"><title>${escapeXml(`${s.name} · ${formatElapsed(px0)} · ${fmtY(py0)} ${opts.unit}`)}</title></circle>`,
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
