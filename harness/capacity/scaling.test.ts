import { describe, expect, it } from 'vitest';
import type { CapacitySearch, CellResult } from '../../model/index.ts';
import { scalingCurves } from './scaling.ts';
import { uslThroughput } from './usl.ts';

function search(capacity: number | null, halfWidth = 10): CapacitySearch {
  return {
    capacity,
    bracket: { lower: capacity, upper: capacity === null ? null : capacity + 2 * halfWidth, halfWidth },
    stop: 'converged',
    curve: [],
    hottest: null,
    steps: 8,
    notes: [],
    repeat: 1,
    bottleneck: null,
  };
}

function cell(value: number | string, capacities: (number | null)[], profile = 'capacity'): CellResult {
  return {
    id: `replicated[apps=${value}]/${profile}/1`,
    target: `replicated[apps=${value}]`,
    targetKind: 'replicated',
    profile,
    trial: 1,
    executor: { executor: 'constant-arrival-rate', rate: 100, timeUnit: '1s', duration: '20s' },
    model: 'open',
    status: 'completed',
    intervals: [],
    sweep: { target: 'replicated', param: 'apps', value },
    capacity: { searches: capacities.map((c) => search(c)) } as CellResult['capacity'],
  };
}

describe('scalingCurves', () => {
  it('puts the capacity per N in N order and fits the USL to it', () => {
    const truth = { lambda: 900, sigma: 0.08, kappa: 0.02 };
    const ns = [4, 1, 2, 3, 6];
    const cells = ns.map((n) => cell(n, [uslThroughput(n, truth)]));
    const [curve] = scalingCurves({ cells });
    expect(curve!.points.map((p) => p.value)).toEqual([1, 2, 3, 4, 6]);
    expect(curve!.points[0]).toMatchObject({ target: 'replicated[apps=1]', capacity: 900, searches: 1 });
    expect(curve!.fit!.sigma).toBeCloseTo(0.08, 3);
    expect(curve!.fit!.kappa).toBeCloseTo(0.02, 4);
    expect(curve!.fit!.peakN).toBeCloseTo(Math.sqrt(0.92 / 0.02), 2);
  });

  it('takes the median over trials and repeats at each N', () => {
    const cells = [cell(1, [500, 540]), cell(1, [520]), cell(2, [900]), cell(3, [1200])];
    const [curve] = scalingCurves({ cells });
    expect(curve!.points[0]).toMatchObject({ capacity: 520, searches: 3 });
  });

  it('says why there is no fit: too few N with a capacity, or values that are not numbers', () => {
    const [few] = scalingCurves({ cells: [cell(1, [500]), cell(2, [null]), cell(3, [1100])] });
    expect(few!.fit).toBeNull();
    expect(few!.fitNote).toMatch(/needs capacities at 3 or more different N; got 2/);
    const [named] = scalingCurves({ cells: [cell('roundrobin', [500]), cell('leastconn', [520])] });
    expect(named!.fit).toBeNull();
    expect(named!.fitNote).toMatch(/not numbers/);
    expect(named!.points.map((p) => p.value)).toEqual(['roundrobin', 'leastconn']);
  });

  it('keeps profiles apart and ignores cells that are not swept or not capacity searches', () => {
    const plain = { ...cell(1, [1]), sweep: undefined } as CellResult;
    const steady = { ...cell(1, [1], 'steady'), capacity: undefined } as CellResult;
    const curves = scalingCurves({ cells: [plain, steady, cell(1, [500], 'a'), cell(1, [600], 'b')] });
    expect(curves.map((c) => [c.profile, c.points[0]!.capacity])).toEqual([
      ['a', 500],
      ['b', 600],
    ]);
  });
});
