/**
 * Rows of the "inside the targets" table for the architectures whose
 * trade-off is a figure of their own: cqrs (projection lag, reads that miss
 * an acknowledged write), event-sourced (replay time and length, from a
 * snapshot or from the first event), saga (outcomes, duration, step timeouts,
 * compensations), autoscaled (replicas), multi-region (latency per region,
 * cross-region writes, replication lag). Quantiles come from each instance's Prometheus summary; with
 * several instances (projectors) a row shows the worst one, and says so.
 */
import type { CellResult } from '../model/index.ts';
import { DASH, fmtInt, fmtMs, fmtPct, fmtSecs } from './format.ts';
import type { Row, Series } from './target-metrics-table.ts';

/** Sum over instances, optionally where a label has a value; undefined when no instance exposed it. */
function sum(s: Series[], name: string, label?: [string, string]): number | undefined {
  let total: number | undefined;
  for (const x of s)
    if (x.name === name && (!label || x.labels[label[0]] === label[1])) total = (total ?? 0) + x.value;
  return total;
}

/** A quantile of a summary: the highest over instances (and label sets matching `label`). */
function worst(s: Series[], name: string, q: string, label?: [string, string]): number | undefined {
  let max: number | undefined;
  for (const x of s) {
    if (x.name !== name || x.labels.quantile !== q) continue;
    if (label && x.labels[label[0]] !== label[1]) continue;
    max = Math.max(max ?? Number.NEGATIVE_INFINITY, x.value);
  }
  return max;
}

const ms = (seconds: number | undefined) =>
  seconds === undefined ? undefined : `${fmtMs(seconds * 1000)} ms`;
const count = (v: number | undefined) => (v === undefined ? undefined : fmtInt(v));

function quantileRows(
  label: string,
  name: string,
  title: string,
  format: (v: number | undefined) => string | undefined,
  filter?: [string, string],
): Row[] {
  const where = filter ? `{${filter[0]}="${filter[1]}"}` : '';
  return ['0.5', '0.99'].map((q) => ({
    label: `${label} p${Number(q) * 100}`,
    title: `${name}${where} quantile ${q}: ${title}; the highest over instances`,
    value: (s: Series[]) => format(worst(s, name, q, filter)),
  }));
}

function cqrsRows(): Row[] {
  const reads = (s: Series[]) => sum(s, 'cqrs_reads_total');
  const freshness = (f: string): Row => ({
    label: f === 'stale' ? 'stale reads' : 'reads behind, within the bound',
    title:
      f === 'stale'
        ? 'cqrs_reads_total{freshness="stale"}: reads that missed a write acknowledged longer ago than the lag bound'
        : 'cqrs_reads_total{freshness="behind"}: reads that missed only writes younger than the lag bound',
    value: (s) => {
      const n = sum(s, 'cqrs_reads_total', ['freshness', f]);
      const total = reads(s);
      if (total === undefined) return undefined;
      return `${fmtInt(n ?? 0)} (${total ? fmtPct((n ?? 0) / total) : DASH})`;
    },
  });
  return [
    ...quantileRows(
      'projection lag',
      'cqrs_projection_lag_seconds',
      'write model commit → read model commit',
      ms,
    ),
    {
      label: 'events projected',
      title: 'cqrs_events_projected_total, every projector',
      value: (s) => count(sum(s, 'cqrs_events_projected_total')),
    },
    freshness('behind'),
    freshness('stale'),
  ];
}

function eventSourcedRows(): Row[] {
  return [
    ...quantileRows(
      'replay from snapshot',
      'es_replay_seconds',
      'rebuilding an aggregate from its latest snapshot',
      ms,
      ['source', 'snapshot'],
    ),
    ...quantileRows(
      'replay from first event',
      'es_replay_seconds',
      'rebuilding an aggregate from its first event',
      ms,
      ['source', 'log'],
    ),
    ...quantileRows(
      'events replayed, from snapshot',
      'es_replay_events',
      'events folded per rebuild',
      count,
      ['source', 'snapshot'],
    ),
    ...quantileRows(
      'events replayed, from first event',
      'es_replay_events',
      'events folded per rebuild',
      count,
      ['source', 'log'],
    ),
    {
      label: 'snapshots written',
      title: 'es_snapshots_written_total',
      value: (s) => count(sum(s, 'es_snapshots_written_total')),
    },
    {
      label: 'events in the log',
      title: 'es_log_events: the log’s last sequence number',
      value: (s) => count(sum(s, 'es_log_events')),
    },
  ];
}

function sagaRows(): Row[] {
  const ended = (s: Series[]) => sum(s, 'saga_ended_total');
  return [
    { label: 'sagas begun', title: 'saga_started_total', value: (s) => count(sum(s, 'saga_started_total')) },
    ...['committed', 'compensated', 'cancelled', 'failed'].map(
      (outcome): Row => ({
        label: outcome,
        title: `saga_ended_total{outcome="${outcome}"}`,
        sub: true,
        value: (s) => {
          const total = ended(s);
          if (total === undefined) return undefined;
          const n = sum(s, 'saga_ended_total', ['outcome', outcome]) ?? 0;
          return total ? `${fmtInt(n)} (${fmtPct(n / total)})` : fmtInt(n);
        },
      }),
    ),
    ...quantileRows(
      'committed saga',
      'saga_duration_seconds',
      'from the order to its commit in every service',
      ms,
      ['outcome', 'committed'],
    ),
    {
      label: 'saga step timeouts',
      title: 'saga_step_timeouts_total: steps that waited longer than the step timeout',
      value: (s) => count(sum(s, 'saga_step_timeouts_total')),
    },
    {
      label: 'compensations issued',
      title: 'saga_compensations_total: release and refund commands sent (repeats not counted)',
      value: (s) => count(sum(s, 'saga_compensations_total')),
    },
  ];
}

/** autoscaled: from the scaler's record (`cells[].scaling`), not from /metrics. */
function scalingRows(): Row[] {
  return [
    {
      label: 'replicas, start → peak',
      title: 'cells[].scaling: app replicas serving when the load began → the most serving at once',
      value: (_s, c) =>
        c.scaling === undefined
          ? undefined
          : `${c.scaling.replicas[0]?.replicas ?? DASH} → ${c.scaling.analysis?.peakReplicas ?? DASH}`,
    },
    {
      label: 'scale-outs / scale-ins',
      title: 'cells[].scaling.events: decisions that added / removed replicas',
      value: (_s, c) => {
        if (c.scaling === undefined) return undefined;
        const out = c.scaling.events.filter((e) => e.to > e.from).length;
        return `${out} / ${c.scaling.events.length - out}`;
      },
    },
    {
      label: 'spike → added capacity',
      title: 'from the spike’s start to the first added replica serving behind the balancer',
      value: (_s, c) => (c.scaling === undefined ? undefined : fmtSecs(c.scaling.analysis?.timeToCapacityMs)),
    },
  ];
}

const regionNames = ['eu', 'us', 'ap'];

/**
 * multi-region: the clients' latency per home region (`cells[].regions`,
 * from the load generator), the writes that crossed to another region's
 * primary, and the replication lag of each cross-region copy (each region's
 * service samples its own copies: region_replication_lag_seconds{home,region}).
 */
function regionRows(): Row[] {
  const rows: Row[] = [];
  for (const r of regionNames) {
    const of = (c: CellResult) => c.regions?.regions.find((x) => x.region === r);
    rows.push({
      label: `clients in ${r}: p50 / p95 / p99`,
      title: `cells[].regions: the requests the executors with entry "${r}" sent (by request name), from the load generator`,
      value: (_s, c) => {
        const x = of(c);
        if (x === undefined) return undefined;
        const f = (v: number | null) => (v === null ? DASH : fmtMs(v));
        return `${f(x.p50)} / ${f(x.p95)} / ${f(x.p99)} ms`;
      },
    });
    rows.push({
      label: `clients in ${r}: failed`,
      title: `cells[].regions: failed requests of the executors with entry "${r}"`,
      sub: true,
      value: (_s, c) => {
        const x = of(c);
        return x === undefined
          ? undefined
          : `${fmtInt(x.failed)} (${x.count ? fmtPct(x.failed / x.count) : DASH})`;
      },
    });
  }
  rows.push({
    label: 'writes to another region',
    title: 'region_writes_total{remote="true"}: writes whose key’s primary is in another region',
    value: (s) => {
      const all = sum(s, 'region_writes_total');
      if (all === undefined) return undefined;
      const remote = sum(s, 'region_writes_total', ['remote', 'true']) ?? 0;
      return `${fmtInt(remote)} (${all ? fmtPct(remote / all) : DASH})`;
    },
  });
  for (const home of regionNames)
    for (const region of regionNames) {
      if (home === region) continue;
      const lag = (s: Series[], q: string) => {
        let max: number | undefined;
        for (const x of s)
          if (
            x.name === 'region_replication_lag_seconds' &&
            x.labels.quantile === q &&
            x.labels.home === home &&
            x.labels.region === region
          )
            max = Math.max(max ?? Number.NEGATIVE_INFINITY, x.value);
        return max;
      };
      rows.push({
        label: `replication lag ${home} → ${region}: p50 / p99`,
        title: `region_replication_lag_seconds{home="${home}",region="${region}"}: age of the newest transaction ${region}’s copy of ${home}’s data had replayed (a heartbeat every 50 ms), sampled in ${region}`,
        value: (s) => {
          const p50 = lag(s, '0.5');
          const p99 = lag(s, '0.99');
          return p50 === undefined && p99 === undefined
            ? undefined
            : `${ms(p50) ?? DASH} / ${ms(p99) ?? DASH}`;
        },
      });
    }
  return rows;
}

export function architectureRows(): Row[] {
  return [...cqrsRows(), ...eventSourcedRows(), ...sagaRows(), ...scalingRows(), ...regionRows()];
}
