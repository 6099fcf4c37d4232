import { describe, expect, it } from 'vitest';
import type { IntervalSample } from '../model/index.ts';
import { LatencyHistogram } from '../model/index.ts';
import { intervalFigures } from './interval-figures.ts';

function encoded(values: number[]): string {
  const h = LatencyHistogram.create();
  for (const v of values) h.record(v);
  return h.encode();
}

describe('intervalFigures', () => {
  it('merges the request histograms of an interval and reports ms and rates', () => {
    const base = { errors: {}, statuses: {}, bytesSent: 0, bytesReceived: 0 };
    const sample: IntervalSample = {
      ts: 5_000,
      durationMs: 500,
      byRequest: {
        read: { ...base, count: 90, failed: 0, duration: encoded(Array(90).fill(10_000)) },
        write: { ...base, count: 10, failed: 5, duration: encoded(Array(10).fill(200_000)) },
      },
      iterations: 100,
      droppedIterations: 0,
      vus: 7,
      vusMax: 10,
    };
    const f = intervalFigures(sample, 2_000);
    expect(f.t).toBe(3);
    expect(f.rate).toBe(200);
    expect(f.p50).toBeCloseTo(10, 1);
    expect(f.p95).toBeCloseTo(200, 0);
    expect(f.errorRate).toBe(0.05);
    expect(f.vus).toBe(7);
  });

  it('has no latency or error rate for an interval without requests', () => {
    const f = intervalFigures(
      { ts: 0, durationMs: 1000, byRequest: {}, iterations: 0, droppedIterations: 0, vus: 0, vusMax: 0 },
      0,
    );
    expect(f).toMatchObject({ rate: 0, p95: null, errorRate: null });
  });
});
