import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ComponentResources, IntervalSample, ThresholdResult } from '../../model/index.ts';
import { intervalSample, spread } from '../../test/helpers/intervals.ts';
import { cellCost } from './cost.ts';

const T0 = 1_700_000_000_000;
const MB = 1024 * 1024;

/** `seconds` intervals of `rate` requests each. */
function load(seconds: number, rate: number): IntervalSample[] {
  return Array.from({ length: seconds }, (_, i) =>
    intervalSample(T0 + i * 1000, { get: { latenciesMs: spread(rate, 1, 3) } }),
  );
}

/** One sample a second from `from` to `to` seconds (relative to T0), plus `jitterMs`. */
function samples(
  from: number,
  to: number,
  cores: (s: number) => number,
  rssMb: (s: number) => number,
  jitterMs = 0,
) {
  const out = [];
  for (let s = from; s <= to; s++)
    out.push({ ts: T0 + s * 1000 + jitterMs, cpuCores: cores(s), rssBytes: rssMb(s) * MB });
  return out;
}

const ok = (pass: boolean): ThresholdResult => ({
  metric: 'http_req_duration',
  expression: 'p(95)<50',
  ok: pass,
  actual: 3,
  abortOnFail: false,
});

describe('cellCost', () => {
  const resources: ComponentResources = {
    'app-0': samples(
      -2,
      10,
      () => 0.5,
      (s) => 100 + Math.max(0, s),
    ),
    'postgres-0': samples(
      -2,
      10,
      () => 0.25,
      () => 200,
      3,
    ),
  };

  it('integrates CPU over the load window and normalises by requests and rate', () => {
    const cost = cellCost({ intervals: load(10, 100), resources, thresholds: [ok(true)] })!;
    expect(cost.windowS).toBe(10);
    expect(cost.requests).toBe(1000);
    expect(cost.rate).toBe(100);
    // 0.75 cores for 10 s; the samples before the load (seeding) are outside the window
    expect(cost.cpuSeconds).toBeCloseTo(7.5, 2);
    expect(cost.cpuSecondsPer1kRequests).toBeCloseTo(7.5, 2);
    expect(cost.meanCores).toBeCloseTo(0.75, 2);
    expect(cost.peakCores).toBeCloseTo(0.75, 6);
    expect(cost.requestsPerCore).toBeCloseTo(100 / 0.75, 1);
    expect(cost.requestsPerCoreAtSlo).toBe(cost.requestsPerCore);
    expect(cost.sloMet).toBe(true);
    // app grows 101 → 110 MB, postgres 200 MB: the peak is the sum at one tick (samples 3 ms apart)
    expect(cost.peakRssBytes).toBe(310 * MB);
    expect(cost.meanRssBytes / MB).toBeCloseTo(305.5, 1);
    expect(cost.peakRssBytesPer1kRps! / MB).toBeCloseTo(3100, 6);
    expect(cost.byComponent.app).toMatchObject({ instances: 1, peakRssBytes: 110 * MB });
    expect(cost.byComponent.app!.cpuSeconds).toBeCloseTo(5, 2);
    expect(cost.byComponent.postgres!.meanCores).toBeCloseTo(0.25, 2);
  });

  it('gives no figure at the SLO when a threshold failed, and says so when there were none', () => {
    const failed = cellCost({ intervals: load(10, 100), resources, thresholds: [ok(true), ok(false)] })!;
    expect(failed.sloMet).toBe(false);
    expect(failed.requestsPerCoreAtSlo).toBeNull();
    expect(failed.requestsPerCore).not.toBeNull();
    expect(cellCost({ intervals: load(10, 100), resources })!.sloMet).toBeNull();
  });

  it('a killed instance costs nothing while it is gone, and its restart does not count the gap', () => {
    const gone: ComponentResources = {
      'app-0': [
        ...samples(
          0,
          3,
          () => 1,
          () => 100,
        ),
        ...samples(
          8,
          10,
          () => 1,
          () => 100,
        ),
      ],
    };
    const cost = cellCost({ intervals: load(10, 100), resources: gone })!;
    // (0,3] and the periods before 8, 9, 10: 3 + 3 seconds at 1 core
    expect(cost.cpuSeconds).toBeCloseTo(6, 6);
    expect(cost.meanRssBytes / MB).toBeCloseTo(60, 6);
  });

  it('is undefined without intervals or without samples in the window', () => {
    expect(cellCost({ intervals: [], resources })).toBeUndefined();
    expect(cellCost({ intervals: load(10, 100) })).toBeUndefined();
    const before = {
      'app-0': samples(
        -10,
        -3,
        () => 1,
        () => 1,
      ),
    };
    expect(cellCost({ intervals: load(10, 100), resources: before })).toBeUndefined();
  });

  it('on a recorded cell: a monolith at 100 req/s with a 50 ms database fault', () => {
    // scenarios/chaos/db-latency.ts on this machine: the cell's intervals and sampled resources
    const recorded = JSON.parse(
      readFileSync(new URL('../../test/fixtures/recorded/db-latency-50ms.json', import.meta.url), 'utf8'),
    ) as { intervals: IntervalSample[]; resources: ComponentResources };
    const { intervals, resources: res } = recorded;
    const cost = cellCost({ intervals, resources: res })!;
    expect(cost.requests).toBe(4000);
    expect(cost.windowS).toBeCloseTo(40, 1);
    // by hand: each sample after the load started, times the time since the one before
    const w0 = intervals[0]!.ts;
    let byHand = 0;
    for (const list of Object.values(res))
      list.forEach((x, i) => {
        if (i > 0 && x.ts > w0 + 500) byHand += (x.cpuCores * (x.ts - list[i - 1]!.ts)) / 1000;
      });
    expect(cost.cpuSeconds).toBeGreaterThan(byHand * 0.97);
    expect(cost.cpuSeconds).toBeLessThan(byHand * 1.03);
    // the seeding burst before the load (0.7 cores on app-0) is not part of it
    expect(cost.peakCores).toBeLessThan(0.5);
    expect(cost.cpuSecondsPer1kRequests!).toBeCloseTo((cost.cpuSeconds / 4000) * 1000, 9);
    expect(Object.keys(cost.byComponent)).toEqual(['app', 'postgres']);
    expect(cost.byComponent.app!.cpuSeconds).toBeGreaterThan(cost.byComponent.postgres!.cpuSeconds);
  });
});
