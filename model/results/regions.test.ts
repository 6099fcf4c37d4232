import { describe, expect, it } from 'vitest';
import { intervalSample } from '../../test/helpers/intervals.ts';
import type { CellExecutor } from '../scenario/schema.ts';
import { regionLatency } from './regions.ts';

const T0 = 1_700_000_000_000;
const open = {
  executor: 'constant-arrival-rate',
  rate: 10,
  timeUnit: '1s',
  duration: '2s',
  preAllocatedVUs: 1,
  maxVUs: 5,
} as const;
const executor = {
  executor: 'scenarios',
  scenarios: {
    eu: { ...open, entry: 'eu', weights: { 'get-eu': 8, 'put-eu': 2, 'get-us': 0, shared: 1 } },
    us: { ...open, entry: 'us', weights: { 'get-eu': 0, 'get-us': 1, shared: 1 } },
  },
} as unknown as CellExecutor;

describe('regionLatency', () => {
  it('merges the requests only a region sends, over every interval; a name two regions send counts for none', () => {
    const intervals = [
      intervalSample(T0, {
        'get-eu': { latenciesMs: [2, 2, 2, 2] },
        'put-eu': { latenciesMs: [4], failed: 1 },
        'get-us': { latenciesMs: [40, 41] },
        shared: { latenciesMs: [500] },
      }),
      intervalSample(T0 + 1000, {
        'get-eu': { latenciesMs: [2, 2, 2, 2, 100] },
        'get-us': { latenciesMs: [42] },
      }),
    ];
    const out = regionLatency(executor, intervals)!;
    expect(out.shared).toEqual(['shared']);
    const [eu, us] = out.regions;
    expect(eu).toMatchObject({ region: 'eu', requests: ['get-eu', 'put-eu'], count: 10, failed: 1 });
    expect(eu!.p50).toBeCloseTo(2, 0);
    expect(eu!.p99).toBeGreaterThan(99);
    expect(us).toMatchObject({ region: 'us', requests: ['get-us'], count: 3, failed: 0 });
    expect(us!.p50).toBeGreaterThan(39);
    expect(us!.p99).toBeLessThan(43);
  });

  it('is absent when no executor names an entry, and has null quantiles for a region that sent nothing', () => {
    expect(regionLatency({ ...open } as unknown as CellExecutor, [])).toBeUndefined();
    expect(regionLatency(executor, [])!.regions[1]).toMatchObject({ count: 0, p95: null });
  });
});
