import { describe, expect, it } from 'vitest';
import type { ThresholdsConfig } from '../../model/index.ts';
import { PresetProfile } from '../../model/index.ts';
import { analyzeReference } from './reference-analysis.ts';
import { series } from './series.test-kit.ts';

const slo: ThresholdsConfig = {
  http_req_duration: ['p(95)<100', 'p(99)<200'],
  http_req_failed: ['rate<0.01'],
};

describe('analyzeReference', () => {
  it('baseline: reference figures over the whole steady run', () => {
    const profile = PresetProfile.parse({ preset: 'baseline', duration: '10s' });
    if (profile.preset !== 'baseline') throw new Error('unreachable');
    const a = analyzeReference(
      series(10, () => ({ requests: 20, fromMs: 1, toMs: 20 })),
      { profile, thresholds: slo },
    );
    expect(a).toMatchObject({ kind: 'baseline', phase: 'steady' });
    expect(a.figures).toMatchObject({
      startMs: 0,
      endMs: 10_000,
      intervals: 10,
      requests: 200,
      offeredRate: 20,
    });
    expect(a.figures.achievedRate).toBeCloseTo(20);
    expect(a.figures.p50!).toBeCloseTo(10.5, 0);
    expect(a.figures.p95!).toBeCloseTo(19, 0);
    expect(a.figures.p99!).toBeCloseTo(20, 0);
    expect(a.slo.evaluated).toBe(true);
    expect(a.slo.ok).toBe(true);
    expect(a.slo.results.map((r) => r.expression)).toEqual(['p(95)<100', 'p(99)<200', 'rate<0.01']);
  });

  it('load: judged over the hold phase only — a slow ramp-up neither passes nor fails it', () => {
    const profile = PresetProfile.parse({
      preset: 'load',
      rate: 50,
      rampUp: '5s',
      hold: '10s',
      rampDown: '5s',
    });
    if (profile.preset !== 'load') throw new Error('unreachable');
    const cold = series(20, (i) =>
      i < 5 ? { requests: 10 * i, fromMs: 300, toMs: 900 } : { requests: 50, fromMs: 5, toMs: 50 },
    );
    const ok = analyzeReference(cold, { profile, thresholds: slo });
    expect(ok).toMatchObject({ kind: 'load', phase: 'hold' });
    expect(ok.figures).toMatchObject({ startMs: 5000, endMs: 15_000, intervals: 10, offeredRate: 50 });
    expect(ok.slo.ok).toBe(true);

    const slowHold = series(20, (i) => ({ requests: 50, fromMs: 5, toMs: i >= 5 && i < 15 ? 400 : 50 }));
    const bad = analyzeReference(slowHold, { profile, thresholds: slo });
    expect(bad.slo.ok).toBe(false);
    expect(bad.slo.results.filter((r) => !r.ok).map((r) => r.expression)).toEqual(['p(95)<100', 'p(99)<200']);
  });
});
