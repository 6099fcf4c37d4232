import { describe, expect, it } from 'vitest';
import type { IntervalSample } from '../../model/index.ts';
import { intervalSample, spread } from '../../test/helpers/intervals.ts';
import { faultImpact } from './impact.ts';

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

  it('judges by the scenario thresholds when given', () => {
    const intervals = load(20, { 6: { slow: true }, 7: { failed: 5 } });
    const fault = { appliedAt: s(6), revertedAt: s(8) };
    // p99 < 200 ms holds while slow; only the 5 % errors break rate<0.01.
    const withThresholds = faultImpact(intervals, fault, {
      thresholds: { http_req_duration: ['p(99)<200'], http_req_failed: ['rate<0.01'] },
    });
    expect(withThresholds.steadyState).toBe('thresholds');
    expect(withThresholds.detectMs).toBe(2000);
    expect(withThresholds.recoveryMs).toBe(0);
    expect(faultImpact(intervals, fault).detectMs).toBe(1000);
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

  it('says the load moved even when the thresholds held (so it is not "unnoticed")', () => {
    const intervals = load(20, { 8: { slow: true }, 9: { slow: true } });
    const fault = { appliedAt: s(8), revertedAt: s(10) };
    const loose = faultImpact(intervals, fault, { thresholds: { http_req_duration: ['p(99)<300'] } });
    expect(loose.detectMs).toBeNull();
    expect(loose.moved).toBe(true);
    const calm = faultImpact(load(20), fault, { thresholds: { http_req_duration: ['p(99)<300'] } });
    expect(calm).toMatchObject({ detectMs: null, moved: false });
  });
});
