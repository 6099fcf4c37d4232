import { describe, expect, it } from 'vitest';
import { intervalSample, spread } from '../../test/helpers/intervals.ts';
import { LatencyHistogram } from './histogram.ts';
import { intervalQuick, latencyStats, summarizeCell } from './summarize.ts';

const T0 = 1_700_000_000_000;

describe('summarizeCell', () => {
  // Ten seconds with a latency spike in the middle: an average of
  // per-interval p99s would hide it; the merged histogram does not.
  const intervals = Array.from({ length: 10 }, (_, i) =>
    intervalSample(
      T0 + i * 1000,
      {
        read: { latenciesMs: i === 5 ? spread(100, 500, 900) : spread(100, 2, 20) },
        write: {
          latenciesMs: spread(10, 5, 50),
          serviceMs: spread(10, 4, 40),
          failed: i === 5 ? 10 : 0,
          errors: i === 5 ? { timeout: 10 } : {},
          statuses: i === 5 ? {} : { '201': 10 },
        },
      },
      { vus: 5 + i, vusMax: 20, droppedIterations: i === 5 ? 3 : 0 },
    ),
  );

  it('merges histograms exactly across intervals and names', () => {
    const direct = LatencyHistogram.create();
    for (let i = 0; i < 10; i++) {
      for (const ms of i === 5 ? spread(100, 500, 900) : spread(100, 2, 20)) direct.record(ms * 1000);
      for (const ms of spread(10, 5, 50)) direct.record(ms * 1000);
    }
    const s = summarizeCell(intervals);
    // Encoding keeps bucket resolution (3 significant digits): compare with the same histogram encoded once.
    expect(s.duration).toEqual(latencyStats(LatencyHistogram.decode(direct.encode())));
    expect(s.duration.p99).toBeGreaterThan(800);
    expect(s.duration.p99).toBe(direct.percentile(99) / 1000);
    // ms with µs precision: 2 ms recorded as 2000 µs is 2 ms, not 2.
    expect(s.duration.min).toBe(2);
    expect(s.serviceTime?.max).toBeCloseTo(40, 1);
  });

  it('counts and rates over the measured window', () => {
    const s = summarizeCell(intervals);
    expect(s.durationMs).toBe(10_000);
    expect(s.requests).toBe(1100);
    expect(s.rate).toBe(110);
    expect(s.failed).toBe(10);
    expect(s.errorRate).toBeCloseTo(10 / 1100, 12);
    expect(s.errors).toEqual({ timeout: 10 });
    expect(s.statuses).toEqual({ '200': 1000, '201': 90 });
    expect(s.iterations).toBe(1100);
    expect(s.droppedIterations).toBe(3);
    expect(s.vusMax).toBe(20);
    expect(s.dataSent).toBe(110_000);
    expect(s.dataReceived).toBe(1_100_000);
  });

  it('summarizes each request name', () => {
    const s = summarizeCell(intervals);
    expect(Object.keys(s.byRequest)).toEqual(['read', 'write']);
    expect(s.byRequest.write).toMatchObject({ count: 100, rate: 10, failed: 10, errorRate: 0.1 });
    expect(s.byRequest.read!.duration.max).toBeCloseTo(900, 0);
    expect(s.byRequest.write!.duration.max).toBeCloseTo(50, 1);
  });

  it('returns zeros for no intervals and omits service time when closed-model', () => {
    const empty = summarizeCell([]);
    expect(empty).toMatchObject({ durationMs: 0, requests: 0, rate: 0, errorRate: 0, byRequest: {} });
    expect(empty.duration.p99).toBe(0);
    const closed = summarizeCell([intervalSample(T0, { read: { latenciesMs: [1, 2, 3] } })]);
    expect(closed.serviceTime).toBeUndefined();
  });
});

describe('intervalQuick', () => {
  it('gives rate, percentiles and error rate of one interval', () => {
    const sample = intervalSample(
      T0,
      { read: { latenciesMs: spread(1000, 1, 100), failed: 20 }, write: { latenciesMs: [] } },
      { durationMs: 500 },
    );
    const q = intervalQuick(sample);
    expect(q.rate).toBe(2000);
    expect(q.errorRate).toBe(0.02);
    expect(q.p50).toBeCloseTo(50.5, 0);
    expect(q.p95).toBeCloseTo(95, 0);
    expect(q.p99).toBeCloseTo(99, 0);
  });

  it('is all zeros for an idle interval', () => {
    expect(intervalQuick(intervalSample(T0, {}))).toEqual({ rate: 0, p50: 0, p95: 0, p99: 0, errorRate: 0 });
  });

  it('sums each concurrent scenario apart, and leaves byScenario out without scenarios', () => {
    const scenario = (iterations: number, dropped: number, vus: number) => ({
      iterations,
      droppedIterations: dropped,
      vus,
      vusMax: vus,
    });
    const summary = summarizeCell([
      intervalSample(T0, {}, { byScenario: { readers: scenario(100, 1, 4), writers: scenario(0, 0, 0) } }),
      intervalSample(
        T0 + 1000,
        {},
        { byScenario: { readers: scenario(99, 0, 6), writers: scenario(40, 0, 2) } },
      ),
    ]);
    expect(summary.byScenario).toEqual({
      readers: { iterations: 199, droppedIterations: 1, vusMax: 6 },
      writers: { iterations: 40, droppedIterations: 0, vusMax: 2 },
    });
    expect(summarizeCell([intervalSample(T0, {})]).byScenario).toBeUndefined();
  });
});
