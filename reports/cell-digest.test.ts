import { describe, expect, it } from 'vitest';
import type { CellResult, IntervalSample } from '../model/index.ts';
import { intervalSample, spread } from '../test/helpers/intervals.ts';
import { cellDigest, intervalGroups } from './cell-digest.ts';

const T0 = 1_700_000_000_000;

function cell(intervals: IntervalSample[]): CellResult {
  return {
    id: 'm/steady/1',
    target: 'm',
    targetKind: 'monolith',
    profile: 'steady',
    trial: 1,
    executor: { executor: 'constant-vus', vus: 1, duration: '10s' },
    model: 'closed',
    status: 'completed',
    intervals,
  } as CellResult;
}

/** 400 requests a second for `n` seconds, then the run's last partial interval. */
function run(n: number, last: { ms: number; requests: number }): IntervalSample[] {
  const out = Array.from({ length: n }, (_, i) =>
    intervalSample(T0 + i * 1000, {
      get: { latenciesMs: spread(360, 1, 5) },
      put: { latenciesMs: spread(40, 4, 40), failed: 4 },
    }),
  );
  out.push(
    intervalSample(
      T0 + n * 1000,
      last.requests ? { get: { latenciesMs: spread(last.requests, 1, 5) } } : {},
      { durationMs: last.ms },
    ),
  );
  return out;
}

describe('cellDigest', () => {
  it('folds the run`s last sliver into the interval before: no throughput collapse at the end', () => {
    // as recorded: 10 s at 400/s, then 20 ms holding 2 responses (alone: 100 req/s)
    const d = cellDigest(cell(run(10, { ms: 20, requests: 2 })));
    expect(d.figures).toHaveLength(10);
    const last = d.figures.at(-1)!;
    expect(last.t).toBe(9);
    expect(last.seconds).toBeCloseTo(1.02, 9);
    expect(last.rate).toBeCloseTo(402 / 1.02, 6);
    expect(d.span).toBeCloseTo(10.02, 9);
    // an empty sliver (5 ms, nothing completed) alone would read 0 req/s
    expect(cellDigest(cell(run(10, { ms: 5, requests: 0 }))).figures.at(-1)!.rate).toBeCloseTo(
      400 / 1.005,
      6,
    );
  });

  it('keeps a partial last interval of half a second or more, normalised by its own length', () => {
    const d = cellDigest(cell(run(10, { ms: 600, requests: 240 })));
    expect(d.figures).toHaveLength(11);
    expect(d.figures.at(-1)!).toMatchObject({ t: 10, seconds: 0.6 });
    expect(d.figures.at(-1)!.rate).toBeCloseTo(400, 6);
  });

  it('gives p50/p90/p95/p99/max per interval and the same per request name', () => {
    const d = cellDigest(cell(run(3, { ms: 1000, requests: 400 })));
    const f = d.figures[0]!;
    expect(f.rate).toBe(400);
    expect(f.errorRate).toBe(0.01);
    expect(f.p50!).toBeLessThan(f.p90!);
    expect(f.p99!).toBeLessThanOrEqual(f.max!);
    expect(f.max!).toBeCloseTo(40, 0);
    expect(d.perRequest).toEqual(['get', 'put']);
    expect(f.requests.get!.rate).toBe(360);
    expect(f.requests.put!.rate).toBe(40);
    expect(f.requests.get!.p99!).toBeLessThan(5.1);
    expect(f.requests.put!.p95!).toBeGreaterThan(30);
    // the last interval had no `put`: a gap, not a zero latency
    expect(d.figures.at(-1)!.requests.put).toEqual({ rate: 0, p95: null, p99: null });
  });

  it('has no per-request figures with a single request name', () => {
    const one = Array.from({ length: 3 }, (_, i) =>
      intervalSample(T0 + i * 1000, { get: { latenciesMs: [1, 2] } }),
    );
    expect(cellDigest(cell(one)).perRequest).toEqual([]);
  });

  it('groups intervals one by one, the sliver with its neighbour', () => {
    const iv = run(2, { ms: 10, requests: 1 });
    expect(intervalGroups(iv).map((g) => g.length)).toEqual([1, 2]);
    expect(intervalGroups(iv.slice(0, 2)).map((g) => g.length)).toEqual([1, 1]);
    expect(intervalGroups([])).toEqual([]);
  });
});
