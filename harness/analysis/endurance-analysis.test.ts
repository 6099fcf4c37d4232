import { describe, expect, it } from 'vitest';
import { PresetProfile } from '../../model/index.ts';
import { analyzeEndurance } from './endurance-analysis.ts';
import { rssSeries, seeded, series } from './series.test-kit.ts';

// 10 minutes at 10/s.
const profile = PresetProfile.parse({ preset: 'endurance', rate: 10, duration: '10m' });
if (profile.preset !== 'endurance') throw new Error('unreachable');
const SECONDS = 600;

describe('analyzeEndurance', () => {
  it('flags a linear p95 rise and a steady RSS climb, and not a flat component', () => {
    const noise = seeded(1);
    // p95 climbs from ~20 ms to ~50 ms: about 3 ms per minute (×1.2 spread at the top).
    const intervals = series(SECONDS, (i) => {
      const base = 20 + (30 * i) / SECONDS;
      return { requests: 10, fromMs: base * (0.9 + 0.1 * noise()), toMs: base * 1.2 };
    });
    const resources = {
      // 100 MB climbing 2 MB/min: +20 % over the run.
      'app-0': rssSeries(SECONDS, 1000, (min) => 100 + 2 * min + (noise() - 0.5) * 2),
      'postgres-0': rssSeries(SECONDS, 1000, () => 300 + (noise() - 0.5) * 10),
    };
    const a = analyzeEndurance(intervals, { profile, resources });

    expect(a.window).toEqual({ startMs: 60_000, endMs: 600_000, binMs: 18_000 });
    expect(a.criteria.settleMs).toBe(60_000);
    expect(a.p95.drift).toBe(true);
    expect(a.p95.significant).toBe(true);
    expect(a.p95.slope).toBeGreaterThan(3);
    expect(a.p95.slope).toBeLessThan(4.2);
    expect(a.p95.ciLow!).toBeGreaterThan(0);
    expect(a.p95.changePct!).toBeGreaterThan(50);
    expect(a.errorRate.drift).toBe(false);

    const app = a.memory.find((m) => m.instance === 'app-0')!;
    expect(app).toMatchObject({ component: 'app', leak: true });
    expect(app.trend.slope).toBeCloseTo(2, 1);
    expect(app.growthPct!).toBeGreaterThan(10);
    const pg = a.memory.find((m) => m.instance === 'postgres-0')!;
    expect(pg.leak).toBe(false);
    expect(a.leakingComponents).toEqual(['app']);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it('a rising error rate drifts in pp per minute', () => {
    // 0 % → 10 % over 10 minutes: 1 pp per minute.
    const intervals = series(SECONDS, (i) => ({
      requests: 100,
      fromMs: 10,
      toMs: 20,
      failed: Math.round((10 * i) / SECONDS),
    }));
    const a = analyzeEndurance(intervals, { profile });
    expect(a.errorRate.drift).toBe(true);
    expect(a.errorRate.slope).toBeCloseTo(1, 1);
    expect(a.errorRate.changePp).toBeCloseTo(9, 0);
    expect(a.p95.drift).toBe(false);
  });

  it('a flat noisy run is not flagged', () => {
    for (const seed of [2, 3, 4, 5]) {
      const noise = seeded(seed);
      const intervals = series(SECONDS, () => {
        const base = 20 + (noise() - 0.5) * 10;
        return { requests: 10, fromMs: base, toMs: base * 1.3, failed: noise() < 0.05 ? 1 : 0 };
      });
      const resources = {
        'app-0': rssSeries(SECONDS, 1000, () => 120 + (noise() - 0.5) * 8),
        'app-1': rssSeries(SECONDS, 2000, () => 118 + (noise() - 0.5) * 8),
      };
      const a = analyzeEndurance(intervals, { profile, resources });
      expect(a.p95.drift, `seed ${seed}`).toBe(false);
      expect(a.errorRate.drift, `seed ${seed}`).toBe(false);
      expect(a.memory.map((m) => m.leak)).toEqual([false, false]);
      expect(a.leakingComponents).toEqual([]);
    }
  });

  it('a slope that is significant but tiny is not drift', () => {
    // +1 % over the run: real, but under minDriftPct (10 %).
    const intervals = series(SECONDS, (i) => ({
      requests: 10,
      fromMs: 20 + (0.2 * i) / SECONDS,
      toMs: 30 + (0.3 * i) / SECONDS,
    }));
    const a = analyzeEndurance(intervals, { profile });
    expect(a.p95.significant).toBe(true);
    expect(a.p95.drift).toBe(false);
  });

  it('memory grown once at warm-up, then flat, is not a leak (settle time)', () => {
    const intervals = series(SECONDS, () => ({ requests: 10, fromMs: 10, toMs: 20 }));
    const resources = { 'app-0': rssSeries(SECONDS, 1000, (min) => (min < 0.8 ? 60 + 75 * min : 120)) };
    const a = analyzeEndurance(intervals, { profile, resources });
    expect(a.memory[0]!.leak).toBe(false);
  });
});
