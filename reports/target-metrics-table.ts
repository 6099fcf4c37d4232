/**
 * "Inside the targets": what each architecture did with the load, from the
 * Prometheus counters its services and workers exposed at the end of the cell
 * (`CellResult.targetMetrics`), summed over instances. Database reads in total
 * and per replica or shard, writes per shard, cache hits and the hit ratio,
 * replica fallbacks, queue latency, circuit and bulkhead activity — the
 * reasons behind the latency and throughput figures. One row per figure any
 * cell has, one column per cell.
 */
import type { CellResult } from '../model/index.ts';
import { architectureRows } from './architecture-figures.ts';
import { cellLabel, inOrder } from './cell-label.ts';
import { DASH, fmtInt, fmtMs, fmtPct } from './format.ts';
import type { MatrixView } from './profile-tables.ts';

type Metrics = Record<string, Record<string, number>>;

export interface Series {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function series(m: Metrics | undefined): Series[] {
  const out: Series[] = [];
  for (const instance of Object.values(m ?? {})) {
    if (typeof instance !== 'object' || instance === null) continue;
    for (const [key, value] of Object.entries(instance)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?$/.exec(key);
      if (!match) continue;
      const labels: Record<string, string> = {};
      for (const l of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
        labels[l[1]!] = l[2]!;
      out.push({ name: match[1]!, labels, value });
    }
  }
  return out;
}

/** Sum of a metric over instances, optionally where a label has a value; undefined when the cell never exposed it. */
function sum(s: Series[], name: string, label?: [string, string]): number | undefined {
  let total: number | undefined;
  for (const x of s) {
    if (x.name !== name) continue;
    if (label && x.labels[label[0]] !== label[1]) continue;
    total = (total ?? 0) + x.value;
  }
  return total;
}

function labelValues(all: Series[][], name: string, label: string): string[] {
  const values = inOrder(
    all.flatMap((s) => s.filter((x) => x.name === name && label in x.labels).map((x) => x.labels[label]!)),
  );
  return values.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

export interface Row {
  label: string;
  title: string;
  /** Cell index → text, or undefined: the cell has no such figure. */
  value: (s: Series[], cell: CellResult) => string | undefined;
  sub?: boolean;
}

const count = (v: number | undefined) => (v === undefined ? undefined : fmtInt(v));
const share = (v: number | undefined, total: number | undefined) =>
  v === undefined ? undefined : total ? `${fmtInt(v)} (${fmtPct(v / total)})` : fmtInt(v);

export function targetMetricsMatrix(cells: readonly CellResult[], trials: number): MatrixView | null {
  const all = cells.map((c) => series(c.targetMetrics));
  if (all.every((s) => s.length === 0)) return null;
  const rows: Row[] = [];
  const reads = (s: Series[]) => sum(s, 'db_reads_total');
  rows.push({
    label: 'database reads',
    title: 'db_reads_total, every instance',
    value: (s) => count(reads(s)),
  });
  rows.push({
    label: 'database reads / request',
    title: 'db_reads_total over the requests the load generator completed',
    value: (s, c) => {
      const r = reads(s);
      const n = c.summary?.requests;
      return r === undefined || !n ? undefined : (r / n).toFixed(2);
    },
  });
  for (const t of labelValues(all, 'db_reads_total', 'target'))
    rows.push({
      label: `reads from ${t}`,
      title: `db_reads_total{target="${t}"}`,
      sub: true,
      value: (s) => share(sum(s, 'db_reads_total', ['target', t]), reads(s)),
    });
  for (const sh of labelValues(all, 'db_reads_total', 'shard'))
    rows.push({
      label: `reads from shard ${sh}`,
      title: `db_reads_total{shard="${sh}"}`,
      sub: true,
      value: (s) => share(sum(s, 'db_reads_total', ['shard', sh]), reads(s)),
    });
  const writes = (s: Series[]) => sum(s, 'db_writes_total');
  rows.push({
    label: 'database writes',
    title: 'db_writes_total, every instance',
    value: (s) => count(writes(s)),
  });
  for (const sh of labelValues(all, 'db_writes_total', 'shard'))
    rows.push({
      label: `writes to shard ${sh}`,
      title: `db_writes_total{shard="${sh}"}`,
      sub: true,
      value: (s) => share(sum(s, 'db_writes_total', ['shard', sh]), writes(s)),
    });
  rows.push({
    label: 'cache hits',
    title: 'cache_hits_total',
    value: (s) => count(sum(s, 'cache_hits_total')),
  });
  rows.push({
    label: 'cache misses',
    title: 'cache_misses_total',
    value: (s) => count(sum(s, 'cache_misses_total')),
  });
  rows.push({
    label: 'cache hit ratio',
    title: 'hits / (hits + misses)',
    value: (s) => {
      const h = sum(s, 'cache_hits_total');
      const m = sum(s, 'cache_misses_total');
      if (h === undefined && m === undefined) return undefined;
      const total = (h ?? 0) + (m ?? 0);
      return total === 0 ? DASH : fmtPct((h ?? 0) / total);
    },
  });
  rows.push({
    label: 'replica fallbacks',
    title: 'db_replica_fallbacks_total: reads a replica failed and the primary answered',
    value: (s) => count(sum(s, 'db_replica_fallbacks_total')),
  });
  rows.push({
    label: 'queue end-to-end mean',
    title: 'queue_end_to_end_seconds sum / count: from the API accepting a write to a worker committing it',
    value: (s) => {
      const total = sum(s, 'queue_end_to_end_seconds_sum');
      const n = sum(s, 'queue_end_to_end_seconds_count');
      if (total === undefined || n === undefined) return undefined;
      return n === 0 ? DASH : `${fmtMs((total / n) * 1000)} ms`;
    },
  });
  rows.push({
    label: 'queued writes committed',
    title: 'queue_end_to_end_seconds_count',
    sub: true,
    value: (s) => count(sum(s, 'queue_end_to_end_seconds_count')),
  });
  rows.push({
    label: 'circuit transitions',
    title: 'circuit_transitions_total, every dependency and state',
    value: (s) => count(sum(s, 'circuit_transitions_total')),
  });
  for (const to of labelValues(all, 'circuit_transitions_total', 'to'))
    rows.push({
      label: `to ${to}`,
      title: `circuit_transitions_total{to="${to}"}`,
      sub: true,
      value: (s) => count(sum(s, 'circuit_transitions_total', ['to', to])),
    });
  rows.push({
    label: 'bulkhead rejections',
    title: 'bulkhead_rejected_total: calls refused because the bulkhead and its queue were full',
    value: (s) => count(sum(s, 'bulkhead_rejected_total')),
  });

  rows.push(...architectureRows()); // cqrs, event-sourced, saga: architecture-figures.ts

  const kept = rows
    .map((row) => ({ row, texts: cells.map((c, i) => row.value(all[i]!, c)) }))
    .filter(({ texts }) => texts.some((t) => t !== undefined));
  if (kept.length === 0) return null;
  return {
    columns: cells.map((c) => cellLabel(c, trials)),
    rows: kept.map(({ row, texts }) => ({
      label: row.sub ? `└ ${row.label}` : row.label,
      title: row.title,
      cells: texts.map((t) => ({ text: t ?? DASH })),
    })),
  };
}
