/**
 * The HDR percentile plot (as HdrHistogram's plotter draws it): latency
 * against percentile on a log-scaled axis, x = −log₁₀(1 − p/100), so
 * 90 %, 99 %, 99.9 %… sit one step apart and the tail gets the room it deserves.
 */
import { type ChartSeries, renderLineChart } from './line-chart.ts';

/** 0 % → 99.999 %. */
const MAX_NINES = 5;
const STEPS_PER_NINE = 20;
const LABELS = ['0%', '90%', '99%', '99.9%', '99.99%', '99.999%'];

/** A histogram of µs values: LatencyHistogram and CountsHistogram both fit. */
export interface PercentileSource {
  readonly count: number;
  percentile(p: number): number;
}

export interface PercentileSeries {
  name: string;
  color: string;
  dashed?: boolean;
  histogram: PercentileSource;
}

/** The percentile (0..100) at position x of the log axis. */
export function percentileAt(x: number): number {
  return 100 * (1 - 10 ** -x);
}

/** `[x, ms]` points of a histogram along the log axis; empty when it holds nothing. */
export function percentilePoints(h: PercentileSource): [number, number][] {
  if (h.count === 0) return [];
  const points: [number, number][] = [];
  for (let i = 0; i <= MAX_NINES * STEPS_PER_NINE; i++) {
    const x = i / STEPS_PER_NINE;
    points.push([x, h.percentile(Math.min(percentileAt(x), 100)) / 1000]);
  }
  return points;
}

export function renderPercentileChart(title: string, series: readonly PercentileSeries[]): string {
  const lines: ChartSeries[] = series.map((s) => ({
    name: s.name,
    color: s.color,
    ...(s.dashed ? { dashed: true } : {}),
    points: percentilePoints(s.histogram),
  }));
  return renderLineChart({
    title,
    unit: 'ms',
    series: lines,
    xAxis: {
      ticks: Array.from({ length: MAX_NINES + 1 }, (_, i) => i),
      format: (x) => LABELS[Math.round(x)] ?? fmtPercentile(percentileAt(x)),
    },
  });
}

function fmtPercentile(p: number): string {
  return `${Number(p.toPrecision(6))}%`;
}
