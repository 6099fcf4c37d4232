/** Markdown helpers shared by the gate summary and the comparison. */
import type { CompareMetric, Verdict } from '../harness/gate/index.ts';
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
