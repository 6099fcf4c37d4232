import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IntervalSample, ThresholdsConfig } from '../../model/index.ts';
import { evaluateThresholds, intervalQuick } from '../../model/index.ts';
import { intervalSample, spread } from '../../test/helpers/intervals.ts';
import { type FaultWindow, faultImpact } from './impact.ts';

const t0 = 1_700_000_000_000;
const s = (i: number) => t0 + i * 1000;

/** 100 requests per second at 5–15 ms; `bad` seconds at 80–120 ms with `failed` of them failing. */
function load(
  seconds: number,
  bad: Record<number, { slow?: boolean; failed?: number; empty?: boolean }> = {},
) {
  const out: IntervalSample[] = [];
  for (let i = 0; i < seconds; i++) {
    const b = bad[i];
    if (b?.empty) {
      out.push(intervalSample(s(i), {}));
      continue;
    }
    out.push(
      intervalSample(s(i), {
        get: { latenciesMs: b?.slow ? spread(100, 80, 120) : spread(100, 5, 15), failed: b?.failed ?? 0 },
      }),
    );
  }
  return out;
}

describe('faultImpact', () => {
  it('compares before, during and after, and times detection and recovery (baseline steady state)', () => {
    // Fault applied at 10.3 s, reverted at 15.3 s; seconds 10..15 are slow, 12..13 fail 20 %.
    const intervals = load(30, {
      10: { slow: true },
      11: { slow: true },
      12: { slow: true, failed: 20 },
      13: { slow: true, failed: 20 },
      14: { slow: true },
      15: { slow: true },
    });
    const impact = faultImpact(intervals, {
      appliedAt: s(10) + 300,
      revertedAt: s(15) + 300,
      kind: 'latency',
    });
    expect(impact.steadyState).toBe('baseline');
    // The 5 s before the apply: intervals 6..9 lie wholly inside it.
    expect(impact.before).toMatchObject({ from: s(6), to: s(10), requests: 400, errorRate: 0 });
    expect(impact.before!.p99).toBeCloseTo(15, 0);
    expect(impact.during).toMatchObject({ from: s(10), to: s(16), requests: 600, failed: 40 });
    expect(impact.during!.p50).toBeGreaterThan(79);
    expect(impact.after).toMatchObject({ from: s(16), requests: 500, errorRate: 0 });
    expect(impact.detectMs).toBe(700); // the end of interval 10
    expect(impact.recoveryMs).toBe(700); // interval 16 starts 0.7 s after the revert
    expect(impact.availability).toBeCloseTo(560 / 600, 6);
    expect(JSON.parse(JSON.stringify(impact))).toEqual(impact);
  });

  it('says null for a recovery that never came, and counts empty intervals as an outage', () => {
    const intervals = load(
      20,
      Object.fromEntries([10, 11, 12, 13, 14, 15, 16, 17, 18, 19].map((i) => [i, { empty: true }])),
    );
    const impact = faultImpact(intervals, { appliedAt: s(10), revertedAt: s(12) });
    expect(impact.detectMs).toBe(1000);
    expect(impact.recoveryMs).toBeNull();
    expect(impact.availability).toBeNull();
  });

  it('judges by the scenario thresholds and the baseline together when both exist', () => {
    const intervals = load(20, { 6: { slow: true }, 7: { failed: 5 } });
    const fault = { appliedAt: s(6), revertedAt: s(8) };
    const thresholds = { http_req_duration: ['p(99)<200'], http_req_failed: ['rate<0.01'] };
    // p99 < 200 ms holds while slow, but 80–120 ms is far beyond 2 × the 15 ms before: out of steady state.
    const both = faultImpact(intervals, fault, { thresholds });
    expect(both.steadyState).toBe('thresholds+baseline');
    expect(both.detectMs).toBe(1000);
    expect(both.detectedBy).toMatch(/^p99 1\d\d ms > 2 × 1\d(\.\d)? ms before$/);
    expect(both.recoveryMs).toBe(0);
    // Errors alone: the threshold names itself.
    const errorsOnly = faultImpact(
      load(20, { 7: { failed: 5 } }),
      { appliedAt: s(7), revertedAt: s(8) },
      { thresholds },
    );
    expect(errorsOnly.detectedBy).toBe('threshold http_req_failed rate<0.01');
    expect(faultImpact(intervals, fault).steadyState).toBe('baseline');
    expect(faultImpact(intervals, fault).detectMs).toBe(1000);
  });

  it('without a baseline, the thresholds alone judge', () => {
    // A fault at load start: no window before it, so only the thresholds can say.
    const intervals = load(6, { 0: { failed: 5 }, 1: { failed: 5 } });
    const impact = faultImpact(
      intervals,
      { appliedAt: s(0), revertedAt: s(2) },
      {
        thresholds: { http_req_failed: ['rate<0.01'] },
      },
    );
    expect(impact).toMatchObject({ steadyState: 'thresholds', before: null, detectMs: 1000, recoveryMs: 0 });
  });

  describe('on recorded intervals: 50 ms on app→postgres, monolith, 100 req/s', () => {
    const recorded = JSON.parse(
      readFileSync(new URL('../../test/fixtures/recorded/db-latency-50ms.json', import.meta.url), 'utf8'),
    ) as { thresholds: ThresholdsConfig; fault: FaultWindow; intervals: IntervalSample[] };
    const { fault, intervals, thresholds } = recorded;

    const perSecondP99 = (from: number, to: number) =>
      intervals.filter((s) => s.ts >= from && s.ts + s.durationMs <= to).map((s) => intervalQuick(s).p99);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

    it('detects the jump although p(99)<300 held throughout, and times the recovery', () => {
      // Per second, p99 went from ~13 ms to ~60 ms; the thresholds never failed.
      const jump =
        median(perSecondP99(fault.appliedAt, fault.revertedAt!)) / median(perSecondP99(0, fault.appliedAt));
      expect(jump).toBeGreaterThan(4);
      expect(evaluateThresholds(thresholds, intervals).every((r) => r.ok)).toBe(true);
      for (const s of intervals) expect(evaluateThresholds(thresholds, [s]).every((r) => r.ok)).toBe(true);

      const impact = faultImpact(intervals, fault, { thresholds });
      expect(impact.steadyState).toBe('thresholds+baseline');
      // The first second wholly inside the fault (it starts 2 ms after the apply) gives it away.
      expect(impact.detectMs).not.toBeNull();
      expect(impact.detectMs!).toBeLessThanOrEqual(1100);
      expect(impact.detectedBy).toMatch(/^p99 /);
      expect(impact.recoveryMs).not.toBeNull();
      expect(impact.recoveryMs!).toBeLessThanOrEqual(2000);
      expect(impact.availability).toBe(1);
    });

    it('detects it without thresholds too (the baseline alone)', () => {
      const impact = faultImpact(intervals, fault);
      expect(impact.steadyState).toBe('baseline');
      expect(impact.detectMs).not.toBeNull();
      expect(impact.detectMs!).toBeLessThanOrEqual(1100);
    });
  });

  it('a fault at load start has no baseline: before is empty and steady state cannot be judged', () => {
    const impact = faultImpact(load(5, { 0: { slow: true } }), { appliedAt: s(0), revertedAt: s(1) });
    expect(impact).toMatchObject({ steadyState: 'none', before: null, detectMs: null, recoveryMs: null });
    expect(impact.during?.requests).toBe(100);
  });

  it('a fault never reverted runs to the end of the data', () => {
    const impact = faultImpact(load(10, { 8: { slow: true }, 9: { slow: true } }), { appliedAt: s(8) });
    expect(impact.fault.revertedAt).toBeNull();
    expect(impact.during).toMatchObject({ from: s(8), to: s(10), requests: 200 });
    expect(impact.before).toMatchObject({ from: s(6), to: s(8) });
    expect(impact.after).toBeNull();
    expect(impact).toMatchObject({ detectMs: 1000, recoveryMs: null });
  });

  it('a pause: the answers it held after the revert are its figures, not the recovery', () => {
    // App paused from 10 s to 15 s: nothing completes meanwhile; at 15 s it answers the 500 held
    // requests (0.1–5 s late) with the new ones, then runs as before.
    const intervals = load(25, Object.fromEntries([10, 11, 12, 13, 14].map((i) => [i, { empty: true }])));
    intervals[15] = intervalSample(s(15), {
      get: { latenciesMs: [...spread(500, 100, 5000), ...spread(100, 5, 15)] },
    });
    const impact = faultImpact(intervals, { appliedAt: s(10), revertedAt: s(15), kind: 'pause' });
    expect(impact.during).toMatchObject({ from: s(10), to: s(16), requests: 600 });
    expect(impact.during!.p99).toBeGreaterThan(4500);
    expect(impact.after).toMatchObject({ from: s(16) });
    expect(impact.after!.p99).toBeLessThan(20);
    expect(impact.recoveryMs).toBe(1000);
    expect(impact.moved).toBe(true);
  });

  it('a fault that lasts the whole load ended with it: no recovery to see, which is not "not recovered"', () => {
    const intervals = load(10, Object.fromEntries([...Array(10).keys()].map((i) => [i, { slow: true }])));
    const impact = faultImpact(intervals, { appliedAt: s(0), revertedAt: s(10) + 40 });
    expect(impact).toMatchObject({ recoveryMs: null, endedWithLoad: true, before: null, after: null });
    expect(impact.during?.requests).toBe(1000);
    // Nothing before or after it to compare with: whether it moved cannot be said.
    expect(impact.moved).toBeNull();
    const shortFault = faultImpact(load(20), { appliedAt: s(5), revertedAt: s(7) });
    expect(shortFault.endedWithLoad).toBe(false);
  });

  it('a fault under loose thresholds still moved the load, and left steady state by the baseline', () => {
    const intervals = load(20, { 8: { slow: true }, 9: { slow: true } });
    const fault = { appliedAt: s(8), revertedAt: s(10) };
    const loose = faultImpact(intervals, fault, { thresholds: { http_req_duration: ['p(99)<300'] } });
    expect(loose.moved).toBe(true);
    expect(loose.detectMs).toBe(1000);
    expect(loose.detectedBy).toMatch(/p99 .* before/);
    const calm = faultImpact(load(20), fault, { thresholds: { http_req_duration: ['p(99)<300'] } });
    expect(calm).toMatchObject({ detectMs: null, moved: false });
  });
});
