/**
 * Rows of the "inside the targets" table for the architectures whose
 * trade-off is a figure of their own: cqrs (projection lag, reads that miss
 * an acknowledged write), event-sourced (replay time and length, from a
 * snapshot or from the first event), saga (outcomes, duration, step timeouts,
 * compensations). Quantiles come from each instance's Prometheus summary; with
 * several instances (projectors) a row shows the worst one, and says so.
 */
import { DASH, fmtInt, fmtMs, fmtPct } from './format.ts';
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

export function architectureRows(): Row[] {
  return [...cqrsRows(), ...eventSourcedRows(), ...sagaRows()];
}
