/** Markdown helpers shared by the gate summary and the comparison. */
import type { CompareMetric, Verdict } from '../model/index.ts';
import { fmtMs, fmtPct, fmtRate } from './format.ts';

/** Text safe inside a Markdown table cell. */
export function mdCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}

export function mdTable(
  head: readonly string[],
  align: readonly ('l' | 'r')[],
  rows: readonly string[][],
): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

export const VERDICT_ICON: Record<Verdict, string> = {
  better: '🟢',
  worse: '🔴',
  'no-change': '⚪',
  inconclusive: '🟡',
};

export const METRIC_LABEL: Record<CompareMetric, string> = {
  throughput: 'req/s',
  p50: 'p50 ms',
  p95: 'p95 ms',
  p99: 'p99 ms',
  errorRate: 'errors',
};

export function fmtMetricValue(metric: CompareMetric, v: number | null): string {
  if (metric === 'throughput') return fmtRate(v);
  if (metric === 'errorRate') return fmtPct(v);
  return fmtMs(v);
}

/** A metric value with its unit: `412 req/s`, `23.1 ms`, `0.42 %`. */
export function fmtMetric(metric: CompareMetric, v: number): string {
  if (metric === 'throughput') return `${fmtNumber(v)} req/s`;
  if (metric === 'errorRate') return `${fmtNumber(v * 100)} %`;
  return `${fmtNumber(v)} ms`;
}

/** A signed delta: `+12.3 %`, `+0.40 pp`. */
export function fmtDelta(metric: CompareMetric, delta: number, deltaPct: number | null): string {
  const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '±');
  if (metric === 'errorRate') return `${sign(delta)}${Math.abs(delta * 100).toFixed(2)} pp`;
  if (deltaPct === null) return `${sign(delta)}${fmtNumber(Math.abs(delta))}`;
  return `${sign(deltaPct)}${Math.abs(deltaPct * 100).toFixed(1)} %`;
}

/** A number to about three significant figures: `412`, `23.1`, `0.42`. */
export function fmtNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 100) return Math.round(v).toLocaleString('en-US');
  if (a >= 10) return v.toFixed(1);
  if (a >= 0.01) return v.toFixed(2);
  return Number(v.toPrecision(2)).toString();
}
