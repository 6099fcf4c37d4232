import { describe, expect, it } from 'vitest';
import type { ThresholdsConfig } from '../../model/index.ts';
import { PresetProfile } from '../../model/index.ts';
import { type SecondSpec, series } from './series.test-kit.ts';
import { analyzeStress } from './stress-analysis.ts';

// Five steps of 5 s: 10, 20, 30, 40, 50 iterations/s.
const profile = PresetProfile.parse({
  preset: 'stress',
  startRate: 10,
  step: 10,
  maxRate: 50,
  stepDuration: '5s',
});
if (profile.preset !== 'stress') throw new Error('unreachable');
const slo: ThresholdsConfig = { http_req_duration: ['p(95)<200'], http_req_failed: ['rate<0.01'] };
const rateAt = (second: number) => 10 * (Math.floor(second / 5) + 1);
const stepOf = (second: number) => Math.floor(second / 5) + 1;
const healthy = (second: number): SecondSpec => ({ requests: rateAt(second), fromMs: 5, toMs: 40 });
const staircase = (bad: (step: number, rate: number) => Partial<SecondSpec> | undefined) =>
  series(25, (i) => ({ ...healthy(i), ...bad(stepOf(i), rateAt(i)) }));

describe('analyzeStress', () => {
  it('latency explodes at step 4: breaking point is step 3 (30/s), failure mode latency', () => {
    const intervals = staircase((step) => (step >= 4 ? { fromMs: 300, toMs: 2000 } : undefined));
    const a = analyzeStress(intervals, { profile, thresholds: slo });
    expect(a.steps.map((s) => [s.step, s.offeredRate, s.ok])).toEqual([
      [1, 10, true],
      [2, 20, true],
      [3, 30, true],
      [4, 40, false],
      [5, 50, false],
    ]);
    expect(a.steps[2]!.achievedRate).toBeCloseTo(30);
    expect(a.breakingPoint).toMatchObject({ step: 3, offeredRate: 30 });
    expect(a.breakingPoint!.p95!).toBeLessThan(40);
    expect(a.failure).toMatchObject({
      step: 4,
      offeredRate: 40,
      mode: 'latency',
      modes: ['latency'],
      errorRate: 0,
    });
    expect(a.failure!.p95!).toBeGreaterThan(1500);
    expect(a.failure!.failedThresholds).toEqual([
      expect.objectContaining({ metric: 'http_req_duration', expression: 'p(95)<200', ok: false }),
    ]);
    expect(a.consistent).toBe(true);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it('errors at step 3: breaking point 20/s, failure mode errors with the error rate', () => {
    const a = analyzeStress(
      staircase((step, rate) => (step >= 3 ? { failed: Math.round(rate * 0.2) } : undefined)),
      { profile, thresholds: slo },
    );
    expect(a.breakingPoint?.offeredRate).toBe(20);
    expect(a.failure).toMatchObject({ step: 3, mode: 'errors' });
    expect(a.failure!.errorRate).toBeCloseTo(0.2);
  });

  it('throughput: achieved below 95 % of offered fails the step even when thresholds pass', () => {
    const a = analyzeStress(
      staircase((step, rate) => (step >= 5 ? { requests: Math.round(rate * 0.8) } : undefined)),
      { profile, thresholds: slo },
    );
    expect(a.breakingPoint?.offeredRate).toBe(40);
    expect(a.failure).toMatchObject({ step: 5, mode: 'throughput', modes: ['throughput'] });
    expect(a.failure!.achievedRatio!).toBeCloseTo(0.8);
  });

  it('dropped iterations beyond 1 % of the offered fail the step', () => {
    const a = analyzeStress(
      staircase((step) => (step === 2 ? { dropped: 2 } : undefined)),
      { profile, thresholds: slo },
    );
    expect(a.steps[1]!.modes).toEqual(['dropped']);
    expect(a.breakingPoint?.offeredRate).toBe(50);
    expect(a.failure).toBeNull();
    expect(a.consistent).toBe(false);
  });

  it('several modes at once are all reported, latency first', () => {
    const a = analyzeStress(
      staircase((step, rate) =>
        step >= 2
          ? { fromMs: 500, toMs: 900, failed: rate, requests: Math.round(rate / 2), dropped: rate }
          : undefined,
      ),
      { profile, thresholds: slo },
    );
    expect(a.breakingPoint?.offeredRate).toBe(10);
    expect(a.failure?.modes).toEqual(['latency', 'errors', 'throughput', 'dropped']);
    expect(a.failure?.mode).toBe('latency');
  });

  it('no step holds: no breaking point, the failure is step 1', () => {
    const a = analyzeStress(
      staircase(() => ({ fromMs: 400, toMs: 500 })),
      { profile, thresholds: slo },
    );
    expect(a.breakingPoint).toBeNull();
    expect(a.failure).toMatchObject({ step: 1, mode: 'latency' });
  });

  it('every step holds: the breaking point is maxRate or beyond, no failure', () => {
    const a = analyzeStress(
      staircase(() => undefined),
      { profile, thresholds: slo },
    );
    expect(a.breakingPoint?.offeredRate).toBe(50);
    expect(a.failure).toBeNull();
  });

  it('without thresholds, only throughput and drops can fail a step', () => {
    const a = analyzeStress(
      staircase((step) => (step >= 4 ? { fromMs: 300, toMs: 2000 } : undefined)),
      { profile, thresholds: undefined },
    );
    expect(a.failure).toBeNull();
    expect(a.steps[3]!.slo).toEqual({ evaluated: false, ok: true, results: [] });
    expect(a.criteria.thresholds).toBe(0);
  });

  it('a cell stopped early: unreached steps did not run, the breaking point still stands', () => {
    const intervals = staircase((step) => (step >= 4 ? { fromMs: 300, toMs: 2000 } : undefined)).slice(0, 17);
    const a = analyzeStress(intervals, { profile, thresholds: slo });
    expect(a.steps.map((s) => [s.ran, s.ok, s.modes])).toEqual([
      [true, true, []],
      [true, true, []],
      [true, true, []],
      [true, false, ['latency']],
      [false, false, []],
    ]);
    expect(a.breakingPoint?.offeredRate).toBe(30);
    expect(a.failure?.step).toBe(4);
    expect(a.complete).toBe(false);
    expect(analyzeStress(intervals.slice(0, 15), { profile, thresholds: slo }).failure).toBeNull();
  });

  it('an explicit profile start shifts the step windows', () => {
    // The load started 2 s before the first interval: step 1 has only 3 intervals.
    const intervals = staircase((step) => (step >= 4 ? { fromMs: 300, toMs: 2000 } : undefined)).map((s) => ({
      ...s,
      ts: s.ts + 2000,
    }));
    const a = analyzeStress(intervals, { profile, thresholds: slo, startMs: intervals[0]!.ts - 2000 });
    expect(a.steps.map((s) => s.intervals)).toEqual([3, 5, 5, 5, 5]);
  });
});
