import { describe, expect, it } from 'vitest';
import type { PresetConfig, ScaleEvent } from '../../model/index.ts';
import { analyzeScaling } from './scaling-analysis.ts';
import { series, T0 } from './series.test-kit.ts';

// 10 s before, 20 s spike, 10 s after. Latency: 10 ms, then 400 ms once the spike hits one replica,
// 20 ms from second 16 on (the second replica served at 15.5 s), 10 ms after the spike.
const spike = {
  preset: 'spike',
  rate: 100,
  factor: 4,
  before: '10s',
  spike: '20s',
  after: '10s',
} as PresetConfig;
const intervals = series(40, (s) =>
  s < 10
    ? { requests: 100, fromMs: 8, toMs: 10 }
    : s < 16
      ? { requests: 150, fromMs: 300, toMs: 400 }
      : s < 30
        ? { requests: 400, fromMs: 15, toMs: 20 }
        : { requests: 100, fromMs: 8, toMs: 10 },
);
const out: ScaleEvent = {
  decidedAt: T0 + 12_000,
  doneAt: T0 + 15_500,
  from: 1,
  to: 2,
  value: 390,
  reason: 'p95 390 ms > 100 ms target',
  added: ['app-1'],
  removed: [],
};
const replicas = intervals.map((s) => ({
  ts: s.ts + 1000,
  replicas: s.ts >= T0 + 15_000 ? 2 : 1,
  desired: 2,
  metric: null,
}));

describe('analyzeScaling', () => {
  it('times the spike to added capacity, and the p95 before, until and after it', () => {
    const a = analyzeScaling(intervals, { events: [out], replicas }, spike);
    expect(a).toMatchObject({
      spikeStartMs: 10_000,
      spikeEndMs: 30_000,
      firstScaleOut: { decidedMs: 12_000, servingMs: 15_500, to: 2 },
      timeToCapacityMs: 5_500,
      peakReplicas: 2,
    });
    expect(a.p95BeforeSpike).toBeCloseTo(10, 0);
    expect(a.p95UntilCapacity).toBeCloseTo(395, -1);
    expect(a.p95AfterCapacity).toBeCloseTo(20, 0);
  });

  it('a scale-out decided before the spike is not the spike’s; no scale-out: no capacity time', () => {
    const early = { ...out, decidedAt: T0 + 2_000, doneAt: T0 + 4_000 };
    const a = analyzeScaling(intervals, { events: [early], replicas }, spike);
    expect(a.firstScaleOut).toBeNull();
    expect(a.timeToCapacityMs).toBeNull();
    expect(a.p95AfterCapacity).toBeNull();
    // Until capacity = the whole spike, when none came.
    expect(a.p95UntilCapacity).toBeGreaterThan(300);
  });

  it('without a spike preset the windows run from the load’s start', () => {
    const a = analyzeScaling(intervals, { events: [out], replicas });
    expect(a).toMatchObject({ spikeStartMs: null, timeToCapacityMs: 15_500, p95BeforeSpike: null });
    expect(a.p95AfterCapacity).toBeCloseTo(20, 0);
  });

  it('a scale-out that failed has no serving time', () => {
    const failed = { ...out, doneAt: undefined, error: 'app-1: exited with code 1' };
    const a = analyzeScaling(intervals, { events: [failed], replicas }, spike);
    expect(a.firstScaleOut).toEqual({ decidedMs: 12_000, servingMs: null, to: 2 });
    expect(a.timeToCapacityMs).toBeNull();
  });
});
