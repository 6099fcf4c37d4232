import { describe, expect, it } from 'vitest';
import type { CellResult } from '../model/index.ts';
import { targetMetricsMatrix } from './target-metrics-table.ts';

const cell = (target: string, targetMetrics: Record<string, Record<string, number>>) =>
  ({ target, trial: 1, targetMetrics, summary: { requests: 1_000 } }) as unknown as CellResult;

describe('architecture figures in the inside-the-targets table', () => {
  it('shows cqrs lag (worst projector), reads behind and stale; replay by source; saga outcomes', () => {
    const view = targetMetricsMatrix(
      [
        cell('cqrs', {
          'app-0': {
            'cqrs_reads_total{entity="items",freshness="fresh"}': 90,
            'cqrs_reads_total{entity="items",freshness="behind"}': 8,
            'cqrs_reads_total{entity="items",freshness="stale"}': 2,
          },
          'projector-0': {
            'cqrs_projection_lag_seconds{quantile="0.5"}': 0.004,
            'cqrs_projection_lag_seconds{quantile="0.99"}': 0.02,
            cqrs_events_projected_total: 500,
          },
          'projector-1': {
            'cqrs_projection_lag_seconds{quantile="0.5"}': 0.006,
            'cqrs_projection_lag_seconds{quantile="0.99"}': 0.015,
            cqrs_events_projected_total: 300,
          },
        }),
        cell('event-sourced', {
          'app-0': {
            'es_replay_seconds{quantile="0.99",source="snapshot"}': 0.0021,
            'es_replay_events{quantile="0.99",source="snapshot"}': 48,
            'es_replay_seconds{quantile="0.99",source="log"}': 0.0004,
            es_snapshots_written_total: 12,
          },
        }),
        cell('saga', {
          'app-0': {
            saga_started_total: 100,
            'saga_ended_total{outcome="committed"}': 90,
            'saga_ended_total{outcome="compensated"}': 10,
            'saga_duration_seconds{quantile="0.5",outcome="committed"}': 0.003,
            'saga_compensations_total{participant="inventory"}': 10,
          },
        }),
      ],
      1,
    );
    const rows = Object.fromEntries((view?.rows ?? []).map((r) => [r.label, r.cells.map((c) => c.text)]));
    expect(rows['projection lag p50']).toEqual(['6.00 ms', '–', '–']);
    expect(rows['projection lag p99']?.[0]).toBe('20.0 ms');
    expect(rows['events projected']?.[0]).toBe('800');
    expect(rows['reads behind, within the bound']?.[0]).toBe('8 (8.00%)');
    expect(rows['stale reads']?.[0]).toBe('2 (2.00%)');
    expect(rows['replay from snapshot p99']?.[1]).toBe('2.10 ms');
    expect(rows['events replayed, from snapshot p99']?.[1]).toBe('48');
    expect(rows['snapshots written']).toEqual(['–', '12', '–']);
    expect(rows['sagas begun']?.[2]).toBe('100');
    expect(rows['└ committed']?.[2]).toBe('90 (90.0%)');
    expect(rows['committed saga p50']?.[2]).toBe('3.00 ms');
    expect(rows['compensations issued']?.[2]).toBe('10');
    expect(rows['stale reads']?.[1]).toBe('–');
  });
});
