import { describe, expect, it } from 'vitest';
import type { CellResult, FaultImpact, FaultWindowFigures } from '../model/index.ts';
import { intervalSample } from '../test/helpers/intervals.ts';
import { faultImpactView } from './fault-impact-table.ts';

const t0 = 1_700_000_000_000;
const win = (p99: number, errorRate = 0, rate = 100): FaultWindowFigures => ({
  from: t0,
  to: t0 + 1000,
  requests: rate,
  failed: Math.round(rate * errorRate),
  rate,
  errorRate,
  p50: p99 / 2,
  p99,
});

function cellWith(
  fault: { appliedAt: number; revertedAt?: number },
  impact: Partial<FaultImpact>,
): CellResult {
  return {
    id: 'cached@f/steady/1',
    target: 'cached@f',
    targetKind: 'cached',
    profile: 'steady',
    trial: 1,
    executor: { executor: 'constant-arrival-rate', rate: 100, timeUnit: '1s', duration: '10s' },
    model: 'open',
    status: 'completed',
    intervals: [...Array(10).keys()].map((i) => intervalSample(t0 + i * 1000, { get: { latenciesMs: [5] } })),
    faults: [
      {
        kind: 'latency',
        target: '*→postgres',
        label: 'latency *→postgres',
        requestedAt: fault.appliedAt,
        fault: { kind: 'latency', at: '0s', target: 'postgres', latency: '5ms' },
        ...fault,
        impact: {
          fault: { appliedAt: fault.appliedAt, revertedAt: fault.revertedAt ?? null },
          steadyState: 'thresholds',
          before: null,
          during: win(7),
          after: null,
          detectMs: null,
          recoveryMs: null,
          availability: 1,
          ...impact,
        },
      },
    ],
  } as CellResult;
}

const rowOf = (cell: CellResult) => faultImpactView([cell], 1, [cell.target])!.rows[0]!;

describe('faultImpactView', () => {
  it('a fault that lasted the whole load is not "not recovered": the load ended first', () => {
    const whole = rowOf(cellWith({ appliedAt: t0, revertedAt: t0 + 10_050 }, { endedWithLoad: true }));
    expect(whole.recover).toEqual({ text: 'load ended' });
    // Results written before endedWithLoad: judged from the cell's intervals.
    const old = rowOf(cellWith({ appliedAt: t0, revertedAt: t0 + 10_050 }, {}));
    expect(old.recover).toEqual({ text: 'load ended' });
    const real = rowOf(
      cellWith({ appliedAt: t0 + 2000, revertedAt: t0 + 4000 }, { before: win(5), endedWithLoad: false }),
    );
    expect(real.recover).toEqual({ text: 'not recovered', ok: false });
  });

  it('"unnoticed" only when latency and errors did not move; "within thresholds" when they did', () => {
    const f = { appliedAt: t0 + 2000, revertedAt: t0 + 4000 };
    expect(rowOf(cellWith(f, { before: win(5), during: win(6), moved: false })).detect.text).toBe(
      'unnoticed',
    );
    expect(rowOf(cellWith(f, { before: win(5), during: win(976), moved: true })).detect.text).toBe(
      'within thresholds',
    );
    // Older results without `moved`: the stored windows say it.
    expect(rowOf(cellWith(f, { before: win(5), during: win(976) })).detect.text).toBe('within thresholds');
    expect(rowOf(cellWith(f, { before: win(5, 0), during: win(5, 0.2) })).detect.text).toBe(
      'within thresholds',
    );
    expect(rowOf(cellWith(f, { before: win(5), during: win(5.5) })).detect.text).toBe('unnoticed');
    expect(
      rowOf(cellWith(f, { before: win(5), during: win(976), steadyState: 'baseline', moved: true })).detect
        .text,
    ).toBe('moved');
  });
});
