import { describe, expect, it } from 'vitest';
import type { CellResult, CellScaling } from '../model/index.ts';
import { intervalSample, spread } from '../test/helpers/intervals.ts';
import { ChartData } from './interactive/chart-data.ts';
import { scalingView } from './scaling-view.ts';

const T0 = 1_700_000_000_000;
/** 30 s: 10 ms before 10 s, 400 ms from 10 s until the scaled cell's replica served at 14 s (fixed: 400 ms to 25 s), 20 ms after. */
function cell(target: string, slowUntil: number, scaling?: CellScaling): CellResult {
  return {
    id: `${target}/spike/1`,
    target,
    targetKind: target,
    profile: 'spike',
    trial: 1,
    executor: { executor: 'constant-arrival-rate', rate: 100, timeUnit: '1s', duration: '30s' },
    model: 'open',
    status: 'completed',
    intervals: Array.from({ length: 30 }, (_, s) =>
      intervalSample(T0 + s * 1000, {
        get: {
          latenciesMs:
            s < 10 ? spread(100, 8, 10) : s < slowUntil ? spread(100, 350, 400) : spread(100, 18, 20),
        },
      }),
    ),
    ...(scaling ? { scaling } : {}),
  } as CellResult;
}

const scaling: CellScaling = {
  policy: {
    component: 'app',
    metric: 'cpu',
    target: 0.6,
    min: 1,
    max: 3,
    step: 1,
    cooldownMs: 20_000,
    tolerance: 0.1,
    periodMs: 1000,
  },
  replicas: Array.from({ length: 30 }, (_, s) => ({
    ts: T0 + (s + 1) * 1000,
    replicas: s >= 14 ? 2 : 1,
    desired: s >= 11 ? 2 : 1,
    metric: s >= 10 && s < 14 ? 0.95 : 0.4,
  })),
  events: [
    {
      decidedAt: T0 + 11_000,
      doneAt: T0 + 14_000,
      from: 1,
      to: 2,
      value: 0.95,
      reason: 'cpu 0.95 cores > 0.60 cores target',
      added: ['app-1'],
      removed: [],
    },
  ],
  analysis: {
    spikeStartMs: 10_000,
    spikeEndMs: 25_000,
    firstScaleOut: { decidedMs: 11_000, servingMs: 14_000, to: 2 },
    timeToCapacityMs: 4_000,
    peakReplicas: 2,
    p95BeforeSpike: 10,
    p95UntilCapacity: 400,
    p95AfterCapacity: 20,
  },
};

describe('the Scaling section', () => {
  it('is absent without a scaled cell', () => {
    expect(
      scalingView('spike', [cell('fixed', 25)], 1, ['fixed'], { bands: [], markers: [] }, new ChartData()),
    ).toBeNull();
  });

  it('draws replicas (stepped) and the cpu metric against its target; compares a fixed cell over the same windows', () => {
    const data = new ChartData();
    const cells = [cell('autoscaled', 14, scaling), cell('fixed', 25)];
    const view = scalingView('spike', cells, 1, ['autoscaled', 'fixed'], { bands: [], markers: [] }, data)!;
    expect(view.charts.map((c) => c.title)).toEqual([
      'Replicas serving (solid) and wanted (dashed)',
      'Scaler metric: CPU per serving replica (dashed: target)',
    ]);
    const replicas = data.charts[Number(view.charts[0]!.chart)]!;
    expect(replicas.series.map((s) => [s.label, s.col, s.stepped])).toEqual([
      ['autoscaled serving', 'replicas', true],
      ['autoscaled wanted', 'desired', true],
    ]);
    const table = data.tables[replicas.series[0]!.table]!;
    expect(table.t.slice(0, 2)).toEqual([1, 2]);
    expect(table.cols.replicas!.slice(13, 16)).toEqual([1, 2, 2]);

    const rows = Object.fromEntries(view.table.rows.map((r) => [r.label, r.cells.map((c) => c.text)]));
    expect(view.table.columns).toEqual(['autoscaled', 'fixed']);
    expect(rows.scaler).toEqual([
      'app 1..3 on cpu 60 % of a core, step 1, cooldown 20.0 s',
      'none (fixed size)',
    ]);
    expect(rows.replicas).toEqual(['1 → 2', '–']);
    expect(rows['spike → added capacity']).toEqual(['4.0 s', '–']);
    expect(rows['└ decided after']).toEqual(['1.0 s', '–']);
    // The fixed cell is still slow after 14 s, in the window where the scaled one is back.
    const after = rows['p95 spike, after scale-out, ms']!.map(Number);
    expect(after[0]).toBeCloseTo(20, 0);
    expect(after[1]).toBeGreaterThan(350);
    expect(rows['p95 spike, until capacity, ms']!.map(Number)[1]).toBeGreaterThan(350);
    expect(view.events).toEqual([
      {
        cell: 'autoscaled',
        lines: ['11.0 s: 1 → 2 — cpu 0.95 cores > 0.60 cores target; serving (app-1) at 14.0 s'],
      },
    ]);
  });
});
