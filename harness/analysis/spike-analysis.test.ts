import { describe, expect, it } from 'vitest';
import { PresetProfile } from '../../model/index.ts';
import { type SecondSpec, series } from './series.test-kit.ts';
import { analyzeSpike } from './spike-analysis.ts';

// before [0, 10 s) at 20/s, spike [10 s, 15 s) at 100/s, after [15 s, 35 s) at 20/s.
const profile = PresetProfile.parse({
  preset: 'spike',
  rate: 20,
  factor: 5,
  before: '10s',
  spike: '5s',
  after: '20s',
});
if (profile.preset !== 'spike') throw new Error('unreachable');
const calm: SecondSpec = { requests: 20, fromMs: 5, toMs: 15 };
const spiking: SecondSpec = { requests: 70, fromMs: 200, toMs: 1500, failed: 7, dropped: 30 };

/** A cell whose latency stays elevated for `slowAfter` seconds after the spike's end. */
const cell = (
  slowAfter: number,
  extra: (second: number) => Partial<SecondSpec> | undefined = () => undefined,
) =>
  series(35, (i) => {
    const base =
      i < 10 ? calm : i < 15 ? spiking : i < 15 + slowAfter ? { requests: 20, fromMs: 60, toMs: 400 } : calm;
    return { ...base, ...extra(i) };
  });

describe('analyzeSpike', () => {
  it('measures the baseline, the impact and a 3-interval recovery', () => {
    const a = analyzeSpike(cell(3), { profile });
    expect(a.baseline).toMatchObject({ intervals: 10, offeredRate: 20, errorRate: 0 });
    expect(a.baseline.p95!).toBeCloseTo(14.5, 0);
    expect(a.band!.p95MaxMs).toBeCloseTo(a.baseline.p95! * 1.5);
    expect(a.band!.errorRateMax).toBeCloseTo(0.01);
    expect(a.impact).toMatchObject({ offeredRate: 100, droppedIterations: 150 });
    expect(a.impact.maxP99!).toBeGreaterThan(1400);
    expect(a.impact.maxErrorRate).toBeCloseTo(0.1);
    expect(a.impact.minAchievedRatio!).toBeCloseTo(0.7);
    // Truth: back in band from 3 s after the spike's end.
    expect(a.recovery.recovered).toBe(true);
    expect(Math.abs(a.recovery.recoveryMs! - 3000)).toBeLessThanOrEqual(1000);
    expect(a.recovery).toMatchObject({ recoveryMs: 3000, atMs: 18_000, consecutive: 3 });
    expect(a.recovery.maxP99After!).toBeGreaterThan(300);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it('an immediate recovery takes 0 ms', () => {
    expect(analyzeSpike(cell(0), { profile }).recovery.recoveryMs).toBe(0);
  });

  it('a blip back in band shorter than N intervals is not a recovery', () => {
    // Seconds 15–22 slow except 17 and 18 (two in band): recovery starts at 23, 8 s after the end.
    const a = analyzeSpike(
      cell(8, (i) => (i === 17 || i === 18 ? calm : undefined)),
      { profile },
    );
    expect(a.recovery.recoveryMs).toBe(8000);
    expect(
      analyzeSpike(
        cell(8, (i) => (i === 17 || i === 18 ? calm : undefined)),
        { profile, consecutive: 2 },
      ).recovery.recoveryMs,
    ).toBe(2000);
  });

  it('errors above baseline + 1 pp keep it out of band', () => {
    const a = analyzeSpike(
      cell(0, (i) => (i >= 15 && i < 20 ? { failed: 1 } : undefined)),
      { profile },
    );
    // 1 failure in 20 = 5 % > 0 % + 1 pp, until second 20.
    expect(a.recovery.recoveryMs).toBe(5000);
  });

  it('never back in band: recovered false', () => {
    const a = analyzeSpike(cell(20), { profile });
    expect(a.recovery).toMatchObject({ recovered: false, recoveryMs: null, atMs: null });
  });

  it('intervals without a response are not "back"', () => {
    const a = analyzeSpike(
      cell(0, (i) => (i >= 15 && i < 19 ? { requests: 0 } : undefined)),
      { profile },
    );
    expect(a.recovery.recoveryMs).toBe(4000);
  });
});
